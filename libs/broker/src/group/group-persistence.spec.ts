import * as fs from 'node:fs';
import * as path from 'node:path';
import { ErrorCode } from '../protocol';
import { GroupCoordinator } from './group-coordinator';
import {
  captureLogs,
  hasSettled,
  joinMany,
  joinRequest,
  makeTempDir,
  openCoordinator,
  removeDir,
  sleep,
  syncAll,
} from './testing/group-fixtures';

const JOURNAL = 'groups.journal.jsonl';
const SNAPSHOT = 'groups.snapshot.jsonl';

describe(`${GroupCoordinator.name} persistence`, () => {
  let dir: string;
  let sut: GroupCoordinator | undefined;
  let logs: ReturnType<typeof captureLogs>;

  beforeEach(() => {
    dir = makeTempDir();
    logs = captureLogs();
  });

  afterEach(async () => {
    await sut?.close();
    sut = undefined;
    logs.restore();
    removeDir(dir);
  });

  async function reopen(
    options: Parameters<typeof openCoordinator>[1] = {},
  ): Promise<GroupCoordinator> {
    await sut?.close();
    sut = await openCoordinator(dir, options);
    return sut;
  }

  function commitRates(
    coordinator: GroupCoordinator,
    offset: number,
    metadata: string | null = 'meta',
  ) {
    return coordinator.commitOffsets({
      groupId: 'council-tax',
      generationId: -1,
      memberId: '',
      topics: [{ topic: 'rates', partitions: [{ partition: 0, offset, metadata }] }],
    });
  }

  function fetchRates(coordinator: GroupCoordinator) {
    return coordinator.fetchOffsets('council-tax', [{ topic: 'rates', partitions: [0] }]).topics[0]
      .partitions[0];
  }

  it('keeps committed offsets and their metadata across a restart', async () => {
    await commitRates(await reopen(), 42, 'checkpoint');

    const restarted = await reopen();

    expect(fetchRates(restarted)).toEqual({
      partition: 0,
      offset: 42,
      metadata: 'checkpoint',
      errorCode: ErrorCode.NONE,
    });
    expect(restarted.listGroups()).toEqual([{ groupId: 'council-tax', protocolType: '' }]);
  });

  it('answers an OffsetCommit only once the offsets are in the journal file', async () => {
    await commitRates(await reopen(), 4242);

    expect(fs.readFileSync(path.join(dir, JOURNAL), 'utf8')).toContain('"offset":4242');
  });

  it('brings a stable group back in its generation, so members that keep heartbeating carry on', async () => {
    const first = await reopen({ initialRebalanceDelayMs: 30 });
    const joined = await joinMany(first, 2);
    await syncAll(first, joined);
    const before = first.describeGroup('council-tax');

    const restarted = await reopen();

    expect(restarted.describeGroup('council-tax')).toEqual(before);
    for (const member of joined) {
      const beat = { groupId: 'council-tax', generationId: 1, memberId: member.memberId };
      expect(restarted.heartbeat(beat)).toBe(ErrorCode.NONE);
      const sync = await restarted.syncGroup({ ...beat, assignments: [] });
      expect(sync.errorCode).toBe(ErrorCode.NONE);
    }
    const follower = joined.find((j) => j.memberId !== j.leaderId)!;
    const rejoin = await restarted.joinGroup(
      joinRequest({ clientId: 'billing-x', memberId: follower.memberId }),
    );
    expect(rejoin).toMatchObject({
      errorCode: ErrorCode.NONE,
      generationId: 1,
      leaderId: follower.leaderId,
    });
  });

  it('expires restored members that stop heartbeating after their session timeout', async () => {
    const options = { minSessionTimeoutMs: 10, initialRebalanceDelayMs: 30 };
    const first = await reopen(options);
    const joined = await joinMany(first, 2, { sessionTimeoutMs: 200 });
    await syncAll(first, joined);
    const [alive, gone] = joined;

    const restarted = await reopen(options);
    const beat = () =>
      restarted.heartbeat({ groupId: 'council-tax', generationId: 1, memberId: alive.memberId });
    for (let i = 0; i < 6; i++) {
      await sleep(60);
      if (beat() !== ErrorCode.NONE) break;
    }

    expect(beat()).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect(
      restarted.heartbeat({ groupId: 'council-tax', generationId: 1, memberId: gone.memberId }),
    ).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('ignores a torn last journal line with one warning and keeps everything before it', async () => {
    const first = await reopen();
    await commitRates(first, 10);
    await commitRates(first, 11);
    await first.close();
    fs.appendFileSync(
      path.join(dir, JOURNAL),
      '{"kind":"offsets","groupId":"council-tax","offsets":[{"top',
    );

    const restarted = await reopen();

    expect(fetchRates(restarted).offset).toBe(11);
    const warnings = logs.entries.filter((e) => e.level === 'warn' || e.level === 'error');
    expect(warnings).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'ignoring a torn last line of the group journal',
        line: 3,
      }),
    ]);
    await commitRates(restarted, 12);
    expect(fetchRates(await reopen()).offset).toBe(12);
  });

  it('skips a corrupt line inside the journal, logging it as an error', async () => {
    const first = await reopen();
    await commitRates(first, 10);
    await first.close();
    fs.appendFileSync(path.join(dir, JOURNAL), 'not json\n');
    fs.appendFileSync(
      path.join(dir, JOURNAL),
      JSON.stringify({
        kind: 'offsets',
        groupId: 'council-tax',
        offsets: [{ topic: 'rates', partition: 0, offset: 20, metadata: '', commitTimestamp: 1 }],
      }) + '\n',
    );

    const restarted = await reopen();

    expect(fetchRates(restarted).offset).toBe(20);
    expect(logs.entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'skipping a corrupt line of the group journal',
        line: 2,
      }),
    );
  });

  it('forgets a group that emptied without offsets', async () => {
    const first = await reopen();
    const joined = await first.joinGroup(joinRequest());
    await syncAll(first, [joined]);
    first.leaveGroup({ groupId: 'council-tax', memberId: joined.memberId });

    const restarted = await reopen();

    expect(restarted.listGroups()).toEqual([]);
  });

  it('continues the generation of a group that emptied but kept offsets', async () => {
    const first = await reopen();
    const joined = await first.joinGroup(joinRequest());
    await syncAll(first, [joined]);
    await first.commitOffsets({
      groupId: 'council-tax',
      generationId: 1,
      memberId: joined.memberId,
      topics: [{ topic: 'rates', partitions: [{ partition: 0, offset: 5, metadata: null }] }],
    });
    first.leaveGroup({ groupId: 'council-tax', memberId: joined.memberId });

    const restarted = await reopen();
    const rejoined = await restarted.joinGroup(joinRequest());

    expect(restarted.describeGroup('council-tax').state).toBe('CompletingRebalance');
    expect(rejoined.generationId).toBe(3);
    expect(fetchRates(restarted).offset).toBe(5);
  });

  it('compacts the journal into the snapshot when it outgrows its limit', async () => {
    const first = await reopen({ compactJournalBytes: 1024 });
    for (let offset = 1; offset <= 60; offset++) await commitRates(first, offset);

    expect(fs.statSync(path.join(dir, JOURNAL)).size).toBeLessThan(1024);
    expect(fs.readFileSync(path.join(dir, SNAPSHOT), 'utf8')).toContain('"offset":');
    expect(fetchRates(await reopen()).offset).toBe(60);
  });

  it('shares one fsync among commits that arrive together and keeps them all', async () => {
    const first = await reopen();

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, partition) =>
        first.commitOffsets({
          groupId: 'council-tax',
          generationId: -1,
          memberId: '',
          topics: [
            { topic: 'rates', partitions: [{ partition, offset: partition * 10, metadata: null }] },
          ],
        }),
      ),
    );

    expect(results.flatMap((r) => r[0].partitions.map((p) => p.errorCode))).toEqual(
      Array(20).fill(ErrorCode.NONE),
    );
    const restarted = await reopen();
    const all = restarted.fetchOffsets('council-tax', null).topics[0].partitions;
    expect(all.map((p) => p.offset)).toEqual(Array.from({ length: 20 }, (_, i) => i * 10));
  });

  it('refuses every commit after a failed fsync, logging the failure once', async () => {
    const first = await reopen();
    const probe = await fs.promises.open(path.join(dir, 'probe'), 'w');
    const fileHandle = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
    await probe.close();
    const datasync = jest
      .spyOn(fileHandle, 'datasync')
      .mockRejectedValueOnce(new Error('EIO: i/o error, fsync'));

    try {
      const failed = await commitRates(first, 1);
      const later = await commitRates(first, 2);

      expect(failed[0].partitions[0].errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
      expect(later[0].partitions[0].errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
      expect(logs.entries.filter((e) => e.level === 'error')).toEqual([
        expect.objectContaining({
          logger: 'GroupJournal',
          msg: expect.stringContaining('write failed'),
        }),
      ]);
    } finally {
      datasync.mockRestore();
    }
  });

  it('answers parked requests with NOT_COORDINATOR when it closes', async () => {
    const first = await reopen({ initialRebalanceDelayMs: 10_000 });
    const parked = first.joinGroup(joinRequest());
    expect(await hasSettled(parked)).toBe(false);

    await first.close();

    expect((await parked).errorCode).toBe(ErrorCode.NOT_COORDINATOR);
    expect((await commitRates(first, 1))[0].partitions[0].errorCode).toBe(
      ErrorCode.COORDINATOR_NOT_AVAILABLE,
    );
  });

  it('creates its directory when it does not exist', async () => {
    const nested = path.join(dir, 'data', 'groups');

    sut = await GroupCoordinator.open({ dir: nested });

    expect(fs.existsSync(path.join(nested, SNAPSHOT))).toBe(true);
  });
});
