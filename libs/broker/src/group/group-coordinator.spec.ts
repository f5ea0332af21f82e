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

describe(GroupCoordinator.name, () => {
  let dir: string;
  let sut: GroupCoordinator;
  let logs: ReturnType<typeof captureLogs>;

  beforeEach(() => {
    dir = makeTempDir();
    logs = captureLogs();
  });

  afterEach(async () => {
    await sut?.close();
    logs.restore();
    removeDir(dir);
  });

  describe('joining', () => {
    it('forms one generation of three members in which only the leader receives the member list', async () => {
      sut = await openCoordinator(dir, { initialRebalanceDelayMs: 50 });

      const joined = await joinMany(sut, 3);

      expect(joined.map((j) => j.errorCode)).toEqual([
        ErrorCode.NONE,
        ErrorCode.NONE,
        ErrorCode.NONE,
      ]);
      expect(new Set(joined.map((j) => j.generationId))).toEqual(new Set([1]));
      expect(new Set(joined.map((j) => j.leaderId)).size).toBe(1);
      expect(new Set(joined.map((j) => j.memberId)).size).toBe(3);
      const [leader, ...followers] = [...joined].sort((a) => (a.memberId === a.leaderId ? -1 : 1));
      expect(leader.members.map((m) => m.memberId).sort()).toEqual(
        joined.map((j) => j.memberId).sort(),
      );
      expect(leader.members.every((m) => m.metadata.toString() === 'topics:rates')).toBe(true);
      expect(followers.every((f) => f.members.length === 0)).toBe(true);
      expect(joined.every((j) => j.protocolName === 'roundrobin')).toBe(true);
      expect(sut.describeGroup('council-tax').state).toBe('CompletingRebalance');
    });

    it('names members after their client id', async () => {
      sut = await openCoordinator(dir);

      const joined = await sut.joinGroup(joinRequest({ clientId: 'rates-reader' }));

      expect(joined.memberId).toMatch(/^rates-reader-[0-9a-f-]{36}$/);
    });

    it('answers a v4+ first join with MEMBER_ID_REQUIRED and an id, then admits that id', async () => {
      sut = await openCoordinator(dir);

      const first = await sut.joinGroup(joinRequest({ requireKnownMemberId: true }));
      expect(first).toMatchObject({ errorCode: ErrorCode.MEMBER_ID_REQUIRED, generationId: -1 });
      expect(first.memberId).not.toBe('');

      const second = await sut.joinGroup(
        joinRequest({ requireKnownMemberId: true, memberId: first.memberId }),
      );
      expect(second).toMatchObject({
        errorCode: ErrorCode.NONE,
        generationId: 1,
        memberId: first.memberId,
      });
      expect(second.leaderId).toBe(first.memberId);
    });

    it('waits for a member that was handed an id before completing the rebalance', async () => {
      sut = await openCoordinator(dir);
      const pending = await sut.joinGroup(joinRequest({ requireKnownMemberId: true }));

      const other = sut.joinGroup(joinRequest({ requireKnownMemberId: true, memberId: '' }));
      const otherId = (await other).memberId;
      const firstJoin = sut.joinGroup(joinRequest({ memberId: pending.memberId }));
      expect(await hasSettled(firstJoin)).toBe(false);

      const secondJoin = sut.joinGroup(joinRequest({ memberId: otherId }));
      const [a, b] = await Promise.all([firstJoin, secondJoin]);

      expect([a.generationId, b.generationId]).toEqual([1, 1]);
      expect([a.errorCode, b.errorCode]).toEqual([ErrorCode.NONE, ErrorCode.NONE]);
    });

    it.each([
      ['an empty group id', { groupId: '' }, ErrorCode.INVALID_GROUP_ID],
      [
        'a session timeout below 1000 ms',
        { sessionTimeoutMs: 999 },
        ErrorCode.INVALID_SESSION_TIMEOUT,
      ],
      [
        'a session timeout above one hour',
        { sessionTimeoutMs: 3_600_001 },
        ErrorCode.INVALID_SESSION_TIMEOUT,
      ],
      ['an unknown member id', { memberId: 'ghost-1' }, ErrorCode.UNKNOWN_MEMBER_ID],
      ['no protocols', { protocols: [] }, ErrorCode.INCONSISTENT_GROUP_PROTOCOL],
      ['an empty protocol type', { protocolType: '' }, ErrorCode.INCONSISTENT_GROUP_PROTOCOL],
    ])('refuses a join with %s', async (_case, overrides, errorCode) => {
      sut = await GroupCoordinator.open({ dir, initialRebalanceDelayMs: 0 });

      const result = await sut.joinGroup(joinRequest(overrides));

      expect(result.errorCode).toBe(errorCode);
      expect(sut.listGroups()).toEqual([]);
    });

    it.each([1000, 3_600_000])('accepts a session timeout of %i ms', async (sessionTimeoutMs) => {
      sut = await GroupCoordinator.open({ dir, initialRebalanceDelayMs: 0 });

      const result = await sut.joinGroup(joinRequest({ sessionTimeoutMs }));

      expect(result.errorCode).toBe(ErrorCode.NONE);
    });
  });

  describe('protocol selection', () => {
    const protocol = (name: string) => ({ name, metadata: Buffer.from(name) });

    it('chooses a protocol every member supports, by vote', async () => {
      sut = await openCoordinator(dir, { initialRebalanceDelayMs: 50 });

      const joined = await Promise.all([
        sut.joinGroup(joinRequest({ protocols: [protocol('range'), protocol('roundrobin')] })),
        sut.joinGroup(joinRequest({ protocols: [protocol('roundrobin'), protocol('range')] })),
        sut.joinGroup(
          joinRequest({
            protocols: [protocol('sticky'), protocol('roundrobin'), protocol('range')],
          }),
        ),
      ]);

      expect(joined.map((j) => j.protocolName)).toEqual(['roundrobin', 'roundrobin', 'roundrobin']);
      const leader = joined.find((j) => j.memberId === j.leaderId);
      expect(leader?.members.map((m) => m.metadata.toString())).toEqual([
        'roundrobin',
        'roundrobin',
        'roundrobin',
      ]);
    });

    it('refuses a member that shares no protocol with the group, and only that member', async () => {
      sut = await openCoordinator(dir);
      const kafkajs = await sut.joinGroup(
        joinRequest({ protocols: [protocol('RoundRobinAssigner')] }),
      );

      const librdkafka = await sut.joinGroup(
        joinRequest({ protocols: [protocol('range'), protocol('roundrobin')] }),
      );

      expect(librdkafka.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
      expect(kafkajs.errorCode).toBe(ErrorCode.NONE);
      expect(sut.describeGroup('council-tax').members.map((m) => m.memberId)).toEqual([
        kafkajs.memberId,
      ]);
    });

    it('refuses a member of another protocol type', async () => {
      sut = await openCoordinator(dir);
      await sut.joinGroup(joinRequest());

      const connect = await sut.joinGroup(joinRequest({ protocolType: 'connect' }));

      expect(connect.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    });
  });

  describe('syncing', () => {
    it("holds followers' SyncGroup until the leader's assignment arrives, then gives each its own", async () => {
      sut = await openCoordinator(dir, { initialRebalanceDelayMs: 50 });
      const joined = await joinMany(sut, 3);
      const leader = joined.find((j) => j.memberId === j.leaderId)!;
      const followers = joined.filter((j) => j !== leader);

      const followerSyncs = followers.map((f) =>
        sut.syncGroup({
          groupId: 'council-tax',
          generationId: 1,
          memberId: f.memberId,
          assignments: [],
        }),
      );
      expect(await hasSettled(Promise.race(followerSyncs))).toBe(false);

      const assignments = joined.map((j) => ({
        memberId: j.memberId,
        assignment: Buffer.from(`for ${j.memberId}`),
      }));
      const leaderSync = await sut.syncGroup({
        groupId: 'council-tax',
        generationId: 1,
        memberId: leader.memberId,
        assignments,
      });

      expect(leaderSync).toEqual({
        errorCode: ErrorCode.NONE,
        assignment: Buffer.from(`for ${leader.memberId}`),
      });
      const synced = await Promise.all(followerSyncs);
      expect(synced.map((s) => s.assignment.toString())).toEqual(
        followers.map((f) => `for ${f.memberId}`),
      );
      expect(sut.describeGroup('council-tax').state).toBe('Stable');
    });

    it('gives a member left out of the assignment an empty one', async () => {
      sut = await openCoordinator(dir, { initialRebalanceDelayMs: 50 });
      const joined = await joinMany(sut, 2);
      const leader = joined.find((j) => j.memberId === j.leaderId)!;
      const follower = joined.find((j) => j !== leader)!;

      const [, followerSync] = await Promise.all([
        sut.syncGroup({
          groupId: 'council-tax',
          generationId: 1,
          memberId: leader.memberId,
          assignments: [{ memberId: leader.memberId, assignment: Buffer.from('all') }],
        }),
        sut.syncGroup({
          groupId: 'council-tax',
          generationId: 1,
          memberId: follower.memberId,
          assignments: [],
        }),
      ]);

      expect(followerSync).toEqual({ errorCode: ErrorCode.NONE, assignment: Buffer.alloc(0) });
    });

    it.each([
      ['an unknown member', { memberId: 'ghost-1' }, ErrorCode.UNKNOWN_MEMBER_ID],
      ['a wrong generation', { generationId: 7 }, ErrorCode.ILLEGAL_GENERATION],
      ['an unknown group', { groupId: 'no-such-group' }, ErrorCode.UNKNOWN_MEMBER_ID],
      ['an empty group id', { groupId: '' }, ErrorCode.INVALID_GROUP_ID],
    ])('refuses a SyncGroup from %s', async (_case, overrides, errorCode) => {
      sut = await openCoordinator(dir);
      const joined = await sut.joinGroup(joinRequest());

      const result = await sut.syncGroup({
        groupId: 'council-tax',
        generationId: joined.generationId,
        memberId: joined.memberId,
        assignments: [],
        ...overrides,
      });

      expect(result).toEqual({ errorCode, assignment: Buffer.alloc(0) });
    });

    it('answers REBALANCE_IN_PROGRESS to a SyncGroup sent while the group prepares a rebalance', async () => {
      sut = await openCoordinator(dir);
      const first = await sut.joinGroup(joinRequest());
      await syncAll(sut, [first]);
      void sut.joinGroup(joinRequest({ clientId: 'newcomer' }));

      const result = await sut.syncGroup({
        groupId: 'council-tax',
        generationId: 1,
        memberId: first.memberId,
        assignments: [],
      });

      expect(result.errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    });

    it('answers parked SyncGroups with REBALANCE_IN_PROGRESS when a member joins before the leader syncs', async () => {
      sut = await openCoordinator(dir, { initialRebalanceDelayMs: 50 });
      const joined = await joinMany(sut, 2);
      const follower = joined.find((j) => j.memberId !== j.leaderId)!;
      const parked = sut.syncGroup({
        groupId: 'council-tax',
        generationId: 1,
        memberId: follower.memberId,
        assignments: [],
      });

      void sut.joinGroup(joinRequest({ clientId: 'newcomer' }));

      expect((await parked).errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
      expect(sut.describeGroup('council-tax').state).toBe('PreparingRebalance');
    });
  });

  describe('heartbeats', () => {
    it.each([
      ['an unknown member', { memberId: 'ghost-1' }, ErrorCode.UNKNOWN_MEMBER_ID],
      ['a wrong generation', { generationId: 0 }, ErrorCode.ILLEGAL_GENERATION],
      ['an unknown group', { groupId: 'no-such-group' }, ErrorCode.UNKNOWN_MEMBER_ID],
      ['an empty group id', { groupId: '' }, ErrorCode.INVALID_GROUP_ID],
      ['a member of the stable group', {}, ErrorCode.NONE],
    ])('answers %s', async (_case, overrides, errorCode) => {
      sut = await openCoordinator(dir);
      const joined = await sut.joinGroup(joinRequest());
      await syncAll(sut, [joined]);

      const result = sut.heartbeat({
        groupId: 'council-tax',
        generationId: joined.generationId,
        memberId: joined.memberId,
        ...overrides,
      });

      expect(result).toBe(errorCode);
    });

    it('answers REBALANCE_IN_PROGRESS once a new member joins, until the old members rejoin', async () => {
      sut = await openCoordinator(dir);
      const first = await sut.joinGroup(joinRequest());
      await syncAll(sut, [first]);

      const newcomer = sut.joinGroup(joinRequest({ clientId: 'newcomer' }));
      const beat = () =>
        sut.heartbeat({ groupId: 'council-tax', generationId: 1, memberId: first.memberId });
      expect(beat()).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
      expect(await hasSettled(newcomer)).toBe(false);

      const rejoined = await sut.joinGroup(joinRequest({ memberId: first.memberId }));
      const joined = await newcomer;
      expect([rejoined.generationId, joined.generationId]).toEqual([2, 2]);
      expect(beat()).toBe(ErrorCode.ILLEGAL_GENERATION);
      expect(
        sut.heartbeat({ groupId: 'council-tax', generationId: 2, memberId: first.memberId }),
      ).toBe(ErrorCode.NONE);
    });
  });

  describe('leaving and expiry', () => {
    it('removes a member that leaves and rebalances the rest', async () => {
      sut = await openCoordinator(dir, { initialRebalanceDelayMs: 50 });
      const joined = await joinMany(sut, 3);
      await syncAll(sut, joined);
      const [leaving, ...staying] = joined;

      expect(sut.leaveGroup({ groupId: 'council-tax', memberId: leaving.memberId })).toBe(
        ErrorCode.NONE,
      );
      expect(sut.leaveGroup({ groupId: 'council-tax', memberId: leaving.memberId })).toBe(
        ErrorCode.UNKNOWN_MEMBER_ID,
      );

      const rejoined = await Promise.all(
        staying.map((s) => sut.joinGroup(joinRequest({ memberId: s.memberId }))),
      );
      expect(rejoined.map((r) => r.generationId)).toEqual([2, 2]);
      const leader = rejoined.find((r) => r.memberId === r.leaderId);
      expect(leader?.members.map((m) => m.memberId).sort()).toEqual(
        staying.map((s) => s.memberId).sort(),
      );
    });

    it('expires a member whose heartbeats stop and rebalances the rest without it', async () => {
      sut = await openCoordinator(dir, { minSessionTimeoutMs: 10, initialRebalanceDelayMs: 30 });
      const joined = await Promise.all([
        sut.joinGroup(joinRequest({ clientId: 'steady', sessionTimeoutMs: 5_000 })),
        sut.joinGroup(joinRequest({ clientId: 'crashing', sessionTimeoutMs: 150 })),
      ]);
      await syncAll(sut, joined);
      const steady = joined.find((j) => j.memberId.startsWith('steady'))!;
      const crashing = joined.find((j) => j.memberId.startsWith('crashing'))!;

      const beat = () =>
        sut.heartbeat({ groupId: 'council-tax', generationId: 1, memberId: steady.memberId });
      expect(beat()).toBe(ErrorCode.NONE);
      await sleep(250);

      expect(beat()).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
      const rejoined = await sut.joinGroup(
        joinRequest({ clientId: 'steady', memberId: steady.memberId }),
      );
      expect(rejoined).toMatchObject({
        errorCode: ErrorCode.NONE,
        generationId: 2,
        leaderId: steady.memberId,
      });
      expect(rejoined.members.map((m) => m.memberId)).toEqual([steady.memberId]);
      expect(
        sut.heartbeat({ groupId: 'council-tax', generationId: 1, memberId: crashing.memberId }),
      ).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
      expect(logs.entries).toContainEqual(
        expect.objectContaining({
          msg: 'member removed',
          memberId: crashing.memberId,
          reason: 'session timeout expired',
        }),
      );
    });

    it('keeps a member alive while it heartbeats, well past its session timeout', async () => {
      sut = await openCoordinator(dir, { minSessionTimeoutMs: 10 });
      const joined = await sut.joinGroup(joinRequest({ sessionTimeoutMs: 300 }));
      await syncAll(sut, [joined]);

      for (let i = 0; i < 8; i++) {
        await sleep(60);
        expect(
          sut.heartbeat({ groupId: 'council-tax', generationId: 1, memberId: joined.memberId }),
        ).toBe(ErrorCode.NONE);
      }
    });

    it('removes members that do not rejoin within the rebalance timeout', async () => {
      sut = await openCoordinator(dir, { initialRebalanceDelayMs: 30 });
      const joined = await joinMany(sut, 2, { rebalanceTimeoutMs: 200 });
      await syncAll(sut, joined);
      const leader = joined.find((j) => j.memberId === j.leaderId)!;
      const idle = joined.find((j) => j !== leader)!;

      const started = Date.now();
      const rejoin = sut.joinGroup(
        joinRequest({ memberId: leader.memberId, rebalanceTimeoutMs: 200 }),
      );
      // The idle member keeps its session alive but never rejoins.
      expect(
        sut.heartbeat({ groupId: 'council-tax', generationId: 1, memberId: idle.memberId }),
      ).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
      const result = await rejoin;

      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect(result.generationId).toBe(2);
      expect(result.members.map((m) => m.memberId)).toEqual([leader.memberId]);
    });

    it('forgets a group whose last member leaves when it holds no offsets', async () => {
      sut = await openCoordinator(dir);
      const joined = await sut.joinGroup(joinRequest());
      await syncAll(sut, [joined]);

      sut.leaveGroup({ groupId: 'council-tax', memberId: joined.memberId });

      expect(sut.listGroups()).toEqual([]);
      expect(sut.describeGroup('council-tax').state).toBe('Dead');
    });

    it('answers a parked JoinGroup with UNKNOWN_MEMBER_ID when its member leaves', async () => {
      sut = await openCoordinator(dir, { initialRebalanceDelayMs: 30 });
      const joined = await joinMany(sut, 2);
      await syncAll(sut, joined);
      const leader = joined.find((j) => j.memberId === j.leaderId)!;
      const parked = sut.joinGroup(joinRequest({ memberId: leader.memberId }));
      expect(await hasSettled(parked)).toBe(false);

      sut.leaveGroup({ groupId: 'council-tax', memberId: leader.memberId });

      expect((await parked).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    });
  });

  describe('describing and listing', () => {
    it('describes a stable group with its protocol, members, metadata and assignments', async () => {
      sut = await openCoordinator(dir);
      const joined = await sut.joinGroup(
        joinRequest({ clientId: 'rates', clientHost: '/10.0.0.7' }),
      );
      await syncAll(sut, [joined]);

      expect(sut.describeGroup('council-tax')).toEqual({
        errorCode: ErrorCode.NONE,
        groupId: 'council-tax',
        state: 'Stable',
        protocolType: 'consumer',
        protocolName: 'roundrobin',
        members: [
          {
            memberId: joined.memberId,
            groupInstanceId: null,
            clientId: 'rates',
            clientHost: '/10.0.0.7',
            metadata: Buffer.from('topics:rates'),
            assignment: Buffer.from('part-0'),
          },
        ],
      });
      expect(sut.listGroups()).toEqual([{ groupId: 'council-tax', protocolType: 'consumer' }]);
    });

    it('describes an unknown group as Dead without an error', async () => {
      sut = await openCoordinator(dir);

      expect(sut.describeGroup('nobody')).toMatchObject({
        errorCode: ErrorCode.NONE,
        state: 'Dead',
        members: [],
      });
    });

    it('logs rebalances with group, generation and member count but never member metadata', async () => {
      sut = await openCoordinator(dir, { initialRebalanceDelayMs: 30 });
      await syncAll(sut, await joinMany(sut, 2));

      expect(logs.entries).toContainEqual(
        expect.objectContaining({
          level: 'info',
          msg: 'rebalance completed',
          groupId: 'council-tax',
          generationId: 1,
          members: 2,
        }),
      );
      const logged = JSON.stringify(logs.entries);
      expect(logged).not.toContain('topics:rates');
      expect(logged).not.toContain(Buffer.from('topics:rates').toString('base64'));
    });
  });
});
