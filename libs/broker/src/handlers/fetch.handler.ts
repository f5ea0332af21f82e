import { ErrorCode, KafkaError, Reader, Writer } from '../protocol';
import type { PartitionLog } from '../log';
import { BrokerContext } from './broker-context';
import { RequestContext } from './request-handler';
import { assertSupportedVersion } from './version-check';

/** Longer waits are cut short: no client asks for more, and a parked fetch holds memory. */
const MAX_WAIT_CAP_MS = 30_000;

interface FetchPartition {
  topic: string;
  partition: number;
  fetchOffset: number;
  maxBytes: number;
}

interface FetchRequest {
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  partitions: FetchPartition[];
}

interface PartitionAnswer {
  request: FetchPartition;
  error: ErrorCode;
  log: PartitionLog | undefined;
  records: Buffer | null;
}

/**
 * Fetch v4-11, with long-poll. Only whole batches are returned, and always at least the first
 * one even when it exceeds the byte limits: kafkajs drops a truncated batch and never grows its
 * limit, so a truncated lone batch would stall it forever. No fetch sessions (session id 0)
 * and no transactions, so the last stable offset is the high watermark.
 */
export async function handleFetch(broker: BrokerContext, ctx: RequestContext): Promise<Writer> {
  assertSupportedVersion(ctx);
  const version = ctx.header.apiVersion;
  const request = decodeFetch(ctx.body, version);
  const deadline = Date.now() + Math.min(Math.max(0, request.maxWaitMs), MAX_WAIT_CAP_MS);

  let answers = collect(broker, request);
  while (!enough(answers, request.minBytes) && Date.now() < deadline) {
    const logs = answers.flatMap((a) => (a.log && a.error === ErrorCode.NONE ? [a.log] : []));
    if (logs.length === 0) break;
    await broker.fetchWaits.wait(logs, deadline - Date.now());
    if (broker.fetchWaits.closing) break;
    answers = collect(broker, request);
  }
  return encodeFetch(version, answers);
}

function decodeFetch(body: Reader, version: number): FetchRequest {
  body.int32('replica_id');
  const maxWaitMs = body.int32('max_wait_ms');
  const minBytes = body.int32('min_bytes');
  const maxBytes = body.int32('max_bytes');
  body.int8('isolation_level');
  if (version >= 7) {
    body.int32('session_id');
    body.int32('session_epoch');
  }
  const partitions: FetchPartition[] = [];
  body.array((t) => {
    const topic = t.string('topic');
    t.array((p) => {
      const partition = p.int32('partition');
      if (version >= 9) p.int32('current_leader_epoch');
      const fetchOffset = p.int64('fetch_offset');
      if (version >= 5) p.int64('log_start_offset');
      const partMax = p.int32('partition_max_bytes');
      partitions.push({ topic, partition, fetchOffset, maxBytes: partMax });
    }, 'partitions');
  }, 'topics');
  // Forgotten topics (v7+) and rack id (v11) only matter to fetch sessions and replicas.
  return { maxWaitMs, minBytes, maxBytes, partitions };
}

function collect(broker: BrokerContext, request: FetchRequest): PartitionAnswer[] {
  let budget = request.maxBytes > 0 ? request.maxBytes : Number.MAX_SAFE_INTEGER;
  let anyRecords = false;
  return request.partitions.map((p) => {
    const log = broker.logs.partition(p.topic, p.partition);
    if (!log)
      return { request: p, error: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, log, records: null };
    const limit = anyRecords ? Math.min(p.maxBytes, budget) : Math.max(1, p.maxBytes);
    if (anyRecords && limit <= 0) return { request: p, error: ErrorCode.NONE, log, records: null };
    try {
      let records = log.read(p.fetchOffset, limit);
      // Only the first partition with data may exceed the limits, by one whole batch.
      if (anyRecords && records && records.length > limit) records = null;
      if (records) {
        anyRecords = true;
        budget -= records.length;
      }
      return { request: p, error: ErrorCode.NONE, log, records };
    } catch (err) {
      if (err instanceof KafkaError) return { request: p, error: err.code, log, records: null };
      throw err;
    }
  });
}

function enough(answers: PartitionAnswer[], minBytes: number): boolean {
  let bytes = 0;
  for (const a of answers) {
    if (a.error !== ErrorCode.NONE) return true;
    bytes += a.records?.length ?? 0;
  }
  return bytes >= Math.max(1, minBytes);
}

function encodeFetch(version: number, answers: PartitionAnswer[]): Writer {
  const byTopic = new Map<string, PartitionAnswer[]>();
  for (const a of answers) {
    const list = byTopic.get(a.request.topic);
    if (list) list.push(a);
    else byTopic.set(a.request.topic, [a]);
  }
  const w = new Writer(128 + answers.length * 64);
  w.int32(0);
  if (version >= 7) w.int16(ErrorCode.NONE).int32(0);
  w.array([...byTopic], (out, [topic, parts]) => {
    out.string(topic);
    out.array(parts, (p, a) => {
      const highWatermark = a.log ? a.log.logEndOffset : -1;
      p.int32(a.request.partition).int16(a.error).int64(highWatermark).int64(highWatermark);
      if (version >= 5) p.int64(a.log ? a.log.logStartOffset : -1);
      p.int32(0);
      if (version >= 11) p.int32(-1);
      if (a.records) p.int32(a.records.length).attach(a.records);
      else p.int32(0);
    });
  });
  return w;
}
