/**
 * Wire round trips for the group APIs: each request body is built field by field as kafkajs
 * 2.2.4 encodes it (src/protocol/requests/<api>/v<N>/request.js), and each response is decoded
 * as its response.js reads it, down to the last byte.
 */
import { GroupCoordinator } from '../group/group-coordinator';
import { captureLogs, makeTempDir, removeDir } from '../group/testing/group-fixtures';
import { ApiKey, ErrorCode, ProtocolError, Reader, Writer } from '../protocol';
import { createGroupHandlers } from './group-handlers';
import { clientHost } from './group-wire';
import { HandlerTable, RequestContext } from './request-handler';

const NODE = { nodeId: 1, host: '127.0.0.1', port: 19092 };
const GROUP = 'council-tax';

function context(apiKey: ApiKey, apiVersion: number, body: Writer): RequestContext {
  return {
    header: { apiKey, apiVersion, correlationId: 7, clientId: 'kafkajs' },
    body: new Reader(body.toBuffer()),
    connection: { id: 1, remoteAddress: '127.0.0.1:53124' },
  };
}

/** Decodes a whole response body; fails if any byte is left over. */
function decodeAll<T>(buf: Buffer, decode: (r: Reader) => T): T {
  const r = new Reader(buf);
  const value = decode(r);
  expect(r.remaining).toBe(0);
  return value;
}

const consumerProtocol = {
  name: 'RoundRobinAssigner',
  metadata: Buffer.from([0, 1, 0, 0, 0, 1, 0, 5]),
};

// --- requests, as kafkajs writes them -------------------------------------------------------

function findCoordinatorRequest(version: number, key: string, keyType = 0): Writer {
  const w = new Writer().string(key);
  return version >= 1 ? w.int8(keyType) : w;
}

function joinGroupRequest(version: number, memberId: string, groupId = GROUP): Writer {
  const w = new Writer().string(groupId).int32(30_000);
  if (version >= 1) w.int32(60_000);
  w.string(memberId);
  if (version >= 5) w.nullableString(null);
  return w
    .string('consumer')
    .array([consumerProtocol], (out, p) => out.string(p.name).bytes(p.metadata));
}

function syncGroupRequest(
  version: number,
  generationId: number,
  memberId: string,
  assignments: { memberId: string; assignment: Buffer }[],
): Writer {
  const w = new Writer().string(GROUP).int32(generationId).string(memberId);
  if (version >= 3) w.nullableString(null);
  return w.array(assignments, (out, a) => out.string(a.memberId).bytes(a.assignment));
}

function heartbeatRequest(version: number, generationId: number, memberId: string): Writer {
  const w = new Writer().string(GROUP).int32(generationId).string(memberId);
  return version >= 3 ? w.nullableString(null) : w;
}

function offsetCommitRequest(version: number, generationId: number, memberId: string): Writer {
  const w = new Writer().string(GROUP).int32(generationId).string(memberId);
  if (version <= 4) w.int64(-1); // kafkajs RETENTION_TIME: the broker's default
  return w.array(
    [
      {
        topic: 'rates',
        partitions: [
          { partition: 0, offset: 42 },
          { partition: 1, offset: 7 },
        ],
      },
    ],
    (out, t) =>
      out
        .string(t.topic)
        .array(t.partitions, (p, { partition, offset }) =>
          p.int32(partition).int64(offset).nullableString(null),
        ),
  );
}

/** kafkajs writes an empty topic list as null (writeNullableArray) from v3. */
function offsetFetchRequest(
  version: number,
  topics: { topic: string; partitions: number[] }[],
): Writer {
  const w = new Writer().string(GROUP);
  const write = (out: Writer, t: { topic: string; partitions: number[] }) =>
    out.string(t.topic).array(t.partitions, (p, partition) => p.int32(partition));
  return version >= 3 && topics.length === 0 ? w.int32(-1) : w.array(topics, write);
}

// --- responses, as kafkajs reads them --------------------------------------------------------

function readThrottle(r: Reader, version: number, since: number): void {
  if (version >= since) expect(r.int32()).toBe(0);
}

function decodeJoinGroup(r: Reader, version: number) {
  readThrottle(r, version, 2);
  return {
    errorCode: r.int16(),
    generationId: r.int32(),
    groupProtocol: r.string(),
    leaderId: r.string(),
    memberId: r.string(),
    members: r.array((m) => ({
      memberId: m.string(),
      ...(version >= 5 && { groupInstanceId: m.nullableString() }),
      memberMetadata: m.bytes(),
    })),
  };
}

function decodeSyncGroup(r: Reader, version: number) {
  readThrottle(r, version, 1);
  return { errorCode: r.int16(), memberAssignment: r.bytes() };
}

function decodeOffsetCommit(r: Reader, version: number) {
  readThrottle(r, version, 3);
  return r.array((t) => ({
    topic: t.string(),
    partitions: t.array((p) => ({ partition: p.int32(), errorCode: p.int16() })),
  }));
}

function decodeOffsetFetch(r: Reader, version: number) {
  readThrottle(r, version, 3);
  const responses = r.array((t) => ({
    topic: t.string(),
    partitions: t.array((p) => ({
      partition: p.int32(),
      offset: p.int64(),
      ...(version >= 5 && { leaderEpoch: p.int32() }),
      metadata: p.nullableString(),
      errorCode: p.int16(),
    })),
  }));
  return { responses, ...(version >= 2 && { errorCode: r.int16() }) };
}

describe('group handlers', () => {
  let dir: string;
  let coordinator: GroupCoordinator;
  let handlers: HandlerTable;
  let logs: ReturnType<typeof captureLogs>;

  beforeEach(async () => {
    dir = makeTempDir();
    logs = captureLogs();
    coordinator = await GroupCoordinator.open({ dir, initialRebalanceDelayMs: 0 });
    handlers = createGroupHandlers(coordinator, () => NODE);
  });

  afterEach(async () => {
    await coordinator.close();
    logs.restore();
    removeDir(dir);
  });

  async function call(apiKey: ApiKey, version: number, body: Writer): Promise<Buffer> {
    const handler = handlers[apiKey];
    if (!handler) throw new Error(`no handler for api ${apiKey}`);
    const response = await handler(context(apiKey, version, body));
    if (response === null) throw new Error('handler sent no response');
    return response.toBuffer();
  }

  /** The kafkajs v5 two-step join; returns the member's JoinGroup response. */
  async function joinV5() {
    const first = decodeAll(await call(ApiKey.JoinGroup, 5, joinGroupRequest(5, '')), (r) =>
      decodeJoinGroup(r, 5),
    );
    expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
    return decodeAll(await call(ApiKey.JoinGroup, 5, joinGroupRequest(5, first.memberId)), (r) =>
      decodeJoinGroup(r, 5),
    );
  }

  async function stableMember() {
    const joined = await joinV5();
    await call(
      ApiKey.SyncGroup,
      3,
      syncGroupRequest(3, joined.generationId, joined.memberId, [
        { memberId: joined.memberId, assignment: Buffer.from('rates:0,1') },
      ]),
    );
    return joined;
  }

  describe('FindCoordinator', () => {
    it.each([
      [0, 0],
      [1, 0],
      [2, 0],
      [2, 1],
    ])('answers v%i key type %i with this broker', async (version, keyType) => {
      const buf = await call(
        ApiKey.FindCoordinator,
        version,
        findCoordinatorRequest(version, GROUP, keyType),
      );

      const decoded = decodeAll(buf, (r) => {
        readThrottle(r, version, 1);
        const errorCode = r.int16();
        const errorMessage = version >= 1 ? r.nullableString() : undefined;
        return { errorCode, errorMessage, nodeId: r.int32(), host: r.string(), port: r.int32() };
      });

      expect(decoded).toMatchObject({
        errorCode: ErrorCode.NONE,
        nodeId: 1,
        host: '127.0.0.1',
        port: 19092,
      });
      if (version >= 1) expect(decoded.errorMessage).toBeNull();
    });

    it('refuses an unknown key type with INVALID_REQUEST', async () => {
      const buf = await call(ApiKey.FindCoordinator, 2, findCoordinatorRequest(2, GROUP, 5));

      const decoded = decodeAll(buf, (r) => ({
        throttle: r.int32(),
        errorCode: r.int16(),
        message: r.nullableString(),
        nodeId: r.int32(),
        host: r.string(),
        port: r.int32(),
      }));

      expect(decoded).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, nodeId: -1, port: -1 });
    });
  });

  describe('JoinGroup', () => {
    it('answers the v5 two-step join: MEMBER_ID_REQUIRED with an id, then the generation', async () => {
      const first = decodeAll(await call(ApiKey.JoinGroup, 5, joinGroupRequest(5, '')), (r) =>
        decodeJoinGroup(r, 5),
      );
      expect(first).toMatchObject({
        errorCode: ErrorCode.MEMBER_ID_REQUIRED,
        generationId: -1,
        members: [],
      });
      expect(first.memberId).toMatch(/^kafkajs-/);

      const second = decodeAll(
        await call(ApiKey.JoinGroup, 5, joinGroupRequest(5, first.memberId)),
        (r) => decodeJoinGroup(r, 5),
      );

      expect(second).toEqual({
        errorCode: ErrorCode.NONE,
        generationId: 1,
        groupProtocol: 'RoundRobinAssigner',
        leaderId: first.memberId,
        memberId: first.memberId,
        members: [
          {
            memberId: first.memberId,
            groupInstanceId: null,
            memberMetadata: consumerProtocol.metadata,
          },
        ],
      });
    });

    it.each([0, 1, 2, 3])(
      'joins in one step at v%i with that version’s layout',
      async (version) => {
        const buf = await call(
          ApiKey.JoinGroup,
          version,
          joinGroupRequest(version, '', `group-v${version}`),
        );

        const decoded = decodeAll(buf, (r) => decodeJoinGroup(r, version));

        expect(decoded).toMatchObject({
          errorCode: ErrorCode.NONE,
          generationId: 1,
          groupProtocol: 'RoundRobinAssigner',
        });
        expect(decoded.members).toHaveLength(1);
      },
    );

    it('answers INVALID_SESSION_TIMEOUT in the v5 layout', async () => {
      const body = new Writer()
        .string(GROUP)
        .int32(10)
        .int32(60_000)
        .string('')
        .nullableString(null)
        .string('consumer');
      body.array([consumerProtocol], (out, p) => out.string(p.name).bytes(p.metadata));

      const decoded = decodeAll(await call(ApiKey.JoinGroup, 5, body), (r) =>
        decodeJoinGroup(r, 5),
      );

      expect(decoded).toMatchObject({
        errorCode: ErrorCode.INVALID_SESSION_TIMEOUT,
        generationId: -1,
        members: [],
      });
    });

    it('closes the connection (ProtocolError) on a truncated request, before touching the group', () => {
      const truncated = joinGroupRequest(5, '').toBuffer().subarray(0, 20);
      const ctx = context(ApiKey.JoinGroup, 5, new Writer().raw(truncated));

      expect(() => handlers[ApiKey.JoinGroup]!(ctx)).toThrow(ProtocolError);
      expect(coordinator.listGroups()).toEqual([]);
    });
  });

  describe('SyncGroup', () => {
    it.each([0, 3])('hands the leader its assignment at v%i', async (version) => {
      const joined = await joinV5();
      const assignment = Buffer.from([0, 1, 0, 0, 0, 1, 0, 5, 114, 97, 116, 101, 115]);

      const buf = await call(
        ApiKey.SyncGroup,
        version,
        syncGroupRequest(version, joined.generationId, joined.memberId, [
          { memberId: joined.memberId, assignment },
        ]),
      );

      expect(decodeAll(buf, (r) => decodeSyncGroup(r, version))).toEqual({
        errorCode: ErrorCode.NONE,
        memberAssignment: assignment,
      });
    });

    it('answers ILLEGAL_GENERATION at v3', async () => {
      const joined = await joinV5();

      const buf = await call(ApiKey.SyncGroup, 3, syncGroupRequest(3, 99, joined.memberId, []));

      expect(decodeAll(buf, (r) => decodeSyncGroup(r, 3))).toEqual({
        errorCode: ErrorCode.ILLEGAL_GENERATION,
        memberAssignment: Buffer.alloc(0),
      });
    });
  });

  describe('Heartbeat', () => {
    it.each([0, 3])('answers a stable member with no error at v%i', async (version) => {
      const joined = await stableMember();

      const buf = await call(
        ApiKey.Heartbeat,
        version,
        heartbeatRequest(version, joined.generationId, joined.memberId),
      );

      expect(decodeAll(buf, (r) => (readThrottle(r, version, 1), r.int16()))).toBe(ErrorCode.NONE);
    });

    it('answers UNKNOWN_MEMBER_ID at v3', async () => {
      await stableMember();

      const buf = await call(ApiKey.Heartbeat, 3, heartbeatRequest(3, 1, 'ghost-1'));

      expect(decodeAll(buf, (r) => (r.int32(), r.int16()))).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    });
  });

  describe('LeaveGroup', () => {
    it.each([0, 2])('removes the member at v%i', async (version) => {
      const joined = await stableMember();

      const buf = await call(
        ApiKey.LeaveGroup,
        version,
        new Writer().string(GROUP).string(joined.memberId),
      );

      expect(decodeAll(buf, (r) => (readThrottle(r, version, 1), r.int16()))).toBe(ErrorCode.NONE);
      expect(coordinator.describeGroup(GROUP).members).toEqual([]);
    });
  });

  describe('OffsetCommit and OffsetFetch', () => {
    it.each([2, 3, 4, 5])('commits at v%i with that version’s layout', async (version) => {
      const joined = await stableMember();

      const buf = await call(
        ApiKey.OffsetCommit,
        version,
        offsetCommitRequest(version, joined.generationId, joined.memberId),
      );

      expect(decodeAll(buf, (r) => decodeOffsetCommit(r, version))).toEqual([
        {
          topic: 'rates',
          partitions: [
            { partition: 0, errorCode: ErrorCode.NONE },
            { partition: 1, errorCode: ErrorCode.NONE },
          ],
        },
      ]);
    });

    it('commits at v5 as a simple consumer (generation -1, no member id)', async () => {
      const buf = await call(ApiKey.OffsetCommit, 5, offsetCommitRequest(5, -1, ''));

      expect(
        decodeAll(buf, (r) => decodeOffsetCommit(r, 5))[0].partitions.map((p) => p.errorCode),
      ).toEqual([0, 0]);
    });

    it('fetches committed offsets at v4, with -1 and "" where nothing is committed', async () => {
      await call(ApiKey.OffsetCommit, 5, offsetCommitRequest(5, -1, ''));

      const buf = await call(
        ApiKey.OffsetFetch,
        4,
        offsetFetchRequest(4, [{ topic: 'rates', partitions: [0, 1, 2] }]),
      );

      expect(decodeAll(buf, (r) => decodeOffsetFetch(r, 4))).toEqual({
        responses: [
          {
            topic: 'rates',
            partitions: [
              { partition: 0, offset: 42, metadata: '', errorCode: 0 },
              { partition: 1, offset: 7, metadata: '', errorCode: 0 },
              { partition: 2, offset: -1, metadata: '', errorCode: 0 },
            ],
          },
        ],
        errorCode: ErrorCode.NONE,
      });
    });

    it('fetches every committed partition at v4 for a null topic list', async () => {
      await call(ApiKey.OffsetCommit, 5, offsetCommitRequest(5, -1, ''));

      const buf = await call(ApiKey.OffsetFetch, 4, offsetFetchRequest(4, []));

      const decoded = decodeAll(buf, (r) => decodeOffsetFetch(r, 4));
      expect(decoded.responses[0].partitions.map((p) => [p.partition, p.offset])).toEqual([
        [0, 42],
        [1, 7],
      ]);
    });

    it('adds the committed leader epoch (-1, unknown) at v5', async () => {
      await call(ApiKey.OffsetCommit, 5, offsetCommitRequest(5, -1, ''));

      const buf = await call(
        ApiKey.OffsetFetch,
        5,
        offsetFetchRequest(5, [{ topic: 'rates', partitions: [0] }]),
      );

      expect(decodeAll(buf, (r) => decodeOffsetFetch(r, 5)).responses[0].partitions).toEqual([
        { partition: 0, offset: 42, leaderEpoch: -1, metadata: '', errorCode: 0 },
      ]);
    });

    it('fetches at v1 without a top-level error code', async () => {
      const buf = await call(
        ApiKey.OffsetFetch,
        1,
        offsetFetchRequest(1, [{ topic: 'rates', partitions: [0] }]),
      );

      expect(decodeAll(buf, (r) => decodeOffsetFetch(r, 1))).toEqual({
        responses: [
          {
            topic: 'rates',
            partitions: [{ partition: 0, offset: -1, metadata: '', errorCode: 0 }],
          },
        ],
      });
    });

    it('reports an empty group id at the top from v2, with no topics', async () => {
      const body = new Writer()
        .string('')
        .array(['rates'], (out, t) => out.string(t).array([0], (p, n) => p.int32(n)));

      const buf = await call(ApiKey.OffsetFetch, 4, body);

      expect(decodeAll(buf, (r) => decodeOffsetFetch(r, 4))).toEqual({
        responses: [],
        errorCode: ErrorCode.INVALID_GROUP_ID,
      });
    });

    it('closes the connection on a version it does not serve', () => {
      const ctx = context(ApiKey.OffsetCommit, 1, offsetCommitRequest(2, -1, ''));

      expect(() => handlers[ApiKey.OffsetCommit]!(ctx)).toThrow(ProtocolError);
    });
  });

  describe('DescribeGroups and ListGroups', () => {
    it('describes a stable group at v2, with the client host and no port', async () => {
      const joined = await stableMember();

      const buf = await call(
        ApiKey.DescribeGroups,
        2,
        new Writer().array([GROUP, 'nobody'], (w, g) => w.string(g)),
      );

      const groups = decodeAll(buf, (r) => {
        readThrottle(r, 2, 1);
        return r.array((g) => ({
          errorCode: g.int16(),
          groupId: g.string(),
          state: g.string(),
          protocolType: g.string(),
          protocol: g.string(),
          members: g.array((m) => ({
            memberId: m.string(),
            clientId: m.string(),
            clientHost: m.string(),
            memberMetadata: m.bytes(),
            memberAssignment: m.bytes(),
          })),
        }));
      });
      expect(groups).toEqual([
        {
          errorCode: 0,
          groupId: GROUP,
          state: 'Stable',
          protocolType: 'consumer',
          protocol: 'RoundRobinAssigner',
          members: [
            {
              memberId: joined.memberId,
              clientId: 'kafkajs',
              clientHost: '/127.0.0.1',
              memberMetadata: consumerProtocol.metadata,
              memberAssignment: Buffer.from('rates:0,1'),
            },
          ],
        },
        {
          errorCode: 0,
          groupId: 'nobody',
          state: 'Dead',
          protocolType: '',
          protocol: '',
          members: [],
        },
      ]);
    });

    it.each([0, 2])('lists groups with their protocol type at v%i', async (version) => {
      await stableMember();

      const buf = await call(ApiKey.ListGroups, version, new Writer());

      const decoded = decodeAll(buf, (r) => {
        readThrottle(r, version, 1);
        return {
          errorCode: r.int16(),
          groups: r.array((g) => ({ groupId: g.string(), protocolType: g.string() })),
        };
      });
      expect(decoded).toEqual({
        errorCode: 0,
        groups: [{ groupId: GROUP, protocolType: 'consumer' }],
      });
    });
  });

  describe(clientHost.name, () => {
    it.each([
      ['127.0.0.1:53124', '/127.0.0.1'],
      ['::1:53124', '/::1'],
      ['::ffff:10.0.0.7:40000', '/::ffff:10.0.0.7'],
      ['[::1]:53124', '/::1'],
    ])('turns %s into %s', (remote, expected) => {
      expect(clientHost(remote)).toBe(expected);
    });
  });
});
