import { ErrorCode } from '../protocol';
import { GroupCoordinator, OFFSET_METADATA_TOO_LARGE } from './group-coordinator';
import { OffsetCommitRequest } from './group-types';
import {
  captureLogs,
  joinMany,
  joinRequest,
  makeTempDir,
  openCoordinator,
  removeDir,
  syncAll,
} from './testing/group-fixtures';

function commit(overrides: Partial<OffsetCommitRequest> = {}): OffsetCommitRequest {
  return {
    groupId: 'council-tax',
    generationId: -1,
    memberId: '',
    topics: [
      {
        topic: 'rates',
        partitions: [
          { partition: 0, offset: 42, metadata: 'checkpoint' },
          { partition: 1, offset: 7, metadata: null },
        ],
      },
    ],
    ...overrides,
  };
}

const allErrors = (results: { partitions: { errorCode: ErrorCode }[] }[]) =>
  results.flatMap((t) => t.partitions.map((p) => p.errorCode));

describe(`${GroupCoordinator.name} offsets`, () => {
  let dir: string;
  let sut: GroupCoordinator;
  let logs: ReturnType<typeof captureLogs>;

  beforeEach(async () => {
    dir = makeTempDir();
    logs = captureLogs();
    sut = await openCoordinator(dir);
  });

  afterEach(async () => {
    await sut.close();
    logs.restore();
    removeDir(dir);
  });

  async function stableMember() {
    const joined = await sut.joinGroup(joinRequest());
    await syncAll(sut, [joined]);
    return joined;
  }

  it('stores a commit from a member of the current generation and fetches it back', async () => {
    const member = await stableMember();

    const results = await sut.commitOffsets(
      commit({ generationId: member.generationId, memberId: member.memberId }),
    );

    expect(results).toEqual([
      {
        topic: 'rates',
        partitions: [
          { partition: 0, errorCode: ErrorCode.NONE },
          { partition: 1, errorCode: ErrorCode.NONE },
        ],
      },
    ]);
    expect(sut.fetchOffsets('council-tax', [{ topic: 'rates', partitions: [0, 1] }])).toEqual({
      errorCode: ErrorCode.NONE,
      topics: [
        {
          topic: 'rates',
          partitions: [
            { partition: 0, offset: 42, metadata: 'checkpoint', errorCode: ErrorCode.NONE },
            { partition: 1, offset: 7, metadata: '', errorCode: ErrorCode.NONE },
          ],
        },
      ],
    });
  });

  it('answers -1 and empty metadata without an error where nothing is committed', () => {
    expect(sut.fetchOffsets('nobody', [{ topic: 'rates', partitions: [3] }])).toEqual({
      errorCode: ErrorCode.NONE,
      topics: [
        {
          topic: 'rates',
          partitions: [{ partition: 3, offset: -1, metadata: '', errorCode: ErrorCode.NONE }],
        },
      ],
    });
  });

  it('fetches every committed partition of the group for a null topic list', async () => {
    await sut.commitOffsets(commit());
    await sut.commitOffsets(
      commit({
        topics: [{ topic: 'benefits', partitions: [{ partition: 2, offset: 9, metadata: '' }] }],
      }),
    );

    const all = sut.fetchOffsets('council-tax', null);

    expect(
      all.topics.map((t) => [t.topic, t.partitions.map((p) => [p.partition, p.offset])]),
    ).toEqual([
      [
        'rates',
        [
          [0, 42],
          [1, 7],
        ],
      ],
      ['benefits', [[2, 9]]],
    ]);
    expect(sut.fetchOffsets('nobody', null)).toEqual({ errorCode: ErrorCode.NONE, topics: [] });
  });

  it('lets a simple consumer (generation -1) commit for a group nobody has joined, creating it', async () => {
    const results = await sut.commitOffsets(commit());

    expect(allErrors(results)).toEqual([ErrorCode.NONE, ErrorCode.NONE]);
    expect(sut.listGroups()).toEqual([{ groupId: 'council-tax', protocolType: '' }]);
    expect(sut.describeGroup('council-tax')).toMatchObject({ state: 'Empty', members: [] });
  });

  it('keeps the latest commit of a partition', async () => {
    await sut.commitOffsets(commit());
    await sut.commitOffsets(
      commit({
        topics: [{ topic: 'rates', partitions: [{ partition: 0, offset: 50, metadata: null }] }],
      }),
    );

    expect(
      sut.fetchOffsets('council-tax', [{ topic: 'rates', partitions: [0, 1] }]).topics[0]
        .partitions,
    ).toEqual([
      { partition: 0, offset: 50, metadata: '', errorCode: ErrorCode.NONE },
      { partition: 1, offset: 7, metadata: '', errorCode: ErrorCode.NONE },
    ]);
  });

  it.each([
    ['a stale generation', { generationId: 0 }, ErrorCode.ILLEGAL_GENERATION],
    ['an unknown member', { memberId: 'ghost-1' }, ErrorCode.UNKNOWN_MEMBER_ID],
    [
      'a simple consumer while the group has members',
      { generationId: -1, memberId: '' },
      ErrorCode.UNKNOWN_MEMBER_ID,
    ],
    ['an empty group id', { groupId: '' }, ErrorCode.INVALID_GROUP_ID],
  ])('refuses a commit from %s and stores nothing', async (_case, overrides, errorCode) => {
    const member = await stableMember();

    const results = await sut.commitOffsets(
      commit({ generationId: member.generationId, memberId: member.memberId, ...overrides }),
    );

    expect(allErrors(results)).toEqual([errorCode, errorCode]);
    expect(
      sut.fetchOffsets('council-tax', [{ topic: 'rates', partitions: [0] }]).topics[0].partitions[0]
        .offset,
    ).toBe(-1);
  });

  it('refuses a commit with a generation for a group it does not know', async () => {
    const results = await sut.commitOffsets(
      commit({ groupId: 'unknown', generationId: 3, memberId: 'm-1' }),
    );

    expect(allErrors(results)).toEqual([
      ErrorCode.ILLEGAL_GENERATION,
      ErrorCode.ILLEGAL_GENERATION,
    ]);
    expect(sut.listGroups()).toEqual([]);
  });

  it('answers REBALANCE_IN_PROGRESS to a commit between JoinGroup and the assignment', async () => {
    const joined = await sut.joinGroup(joinRequest());

    const results = await sut.commitOffsets(
      commit({ generationId: joined.generationId, memberId: joined.memberId }),
    );

    expect(allErrors(results)).toEqual([
      ErrorCode.REBALANCE_IN_PROGRESS,
      ErrorCode.REBALANCE_IN_PROGRESS,
    ]);
  });

  it('accepts a commit of the current generation while a rebalance is being prepared', async () => {
    const member = await stableMember();
    void sut.joinGroup(joinRequest({ clientId: 'newcomer' }));
    expect(sut.describeGroup('council-tax').state).toBe('PreparingRebalance');

    const results = await sut.commitOffsets(
      commit({ generationId: member.generationId, memberId: member.memberId }),
    );

    expect(allErrors(results)).toEqual([ErrorCode.NONE, ErrorCode.NONE]);
  });

  it('refuses metadata above the limit for that partition only', async () => {
    const results = await sut.commitOffsets(
      commit({
        topics: [
          {
            topic: 'rates',
            partitions: [
              { partition: 0, offset: 1, metadata: 'x'.repeat(4097) },
              { partition: 1, offset: 2, metadata: 'x'.repeat(4096) },
            ],
          },
        ],
      }),
    );

    expect(allErrors(results)).toEqual([OFFSET_METADATA_TOO_LARGE, ErrorCode.NONE]);
    const fetched = sut.fetchOffsets('council-tax', [{ topic: 'rates', partitions: [0, 1] }])
      .topics[0].partitions;
    expect(fetched.map((p) => p.offset)).toEqual([-1, 2]);
  });

  it('keeps a group with offsets after its last member leaves, as Empty', async () => {
    const [member] = await joinMany(sut, 1);
    await syncAll(sut, [member]);
    await sut.commitOffsets(commit({ generationId: 1, memberId: member.memberId }));

    sut.leaveGroup({ groupId: 'council-tax', memberId: member.memberId });

    expect(sut.describeGroup('council-tax')).toMatchObject({
      state: 'Empty',
      protocolType: 'consumer',
      members: [],
    });
    expect(sut.listGroups()).toEqual([{ groupId: 'council-tax', protocolType: 'consumer' }]);
    const afterLeave = await sut.commitOffsets(commit());
    expect(allErrors(afterLeave)).toEqual([ErrorCode.NONE, ErrorCode.NONE]);
  });

  it('reports an empty group id once, at the top, when fetching', () => {
    const result = sut.fetchOffsets('', [{ topic: 'rates', partitions: [0] }]);

    expect(result.errorCode).toBe(ErrorCode.INVALID_GROUP_ID);
  });
});
