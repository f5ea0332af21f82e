import { BatchHeader } from '../protocol';

/**
 * When appended data is forced to disk.
 * - acks-all: a produce with acks=-1 is answered only after an fsync that covers it; fsyncs
 *   are shared by every request waiting at that moment (group commit). Others are flushed
 *   every intervalMs.
 * - every-ack: as acks-all, and acks=1 waits for the fsync too.
 * - interval: nothing waits; dirty partitions are fsynced every intervalMs.
 */
export type FlushMode = 'acks-all' | 'every-ack' | 'interval';

export interface FlushPolicy {
  mode: FlushMode;
  intervalMs: number;
}

export interface LogConfig {
  /** Root for topic directories, e.g. ./data/broker/logs */
  dir: string;
  segmentBytes: number;
  /** Bytes between offset/time index entries. */
  indexIntervalBytes: number;
  /** -1 keeps data forever. */
  retentionMs: number;
  /** Per partition; -1 for no size limit. */
  retentionBytes: number;
  retentionCheckIntervalMs: number;
  flush: FlushPolicy;
}

/** Per-topic overrides accepted by CreateTopics (Kafka's own config names). */
export interface TopicConfig {
  'retention.ms'?: number;
  'retention.bytes'?: number;
  'segment.bytes'?: number;
}

export interface TopicDescription {
  name: string;
  partitions: number;
  config: TopicConfig;
}

export interface AppendResult {
  baseOffset: number;
  lastOffset: number;
  logStartOffset: number;
  /** True when the batch was a resend of one already stored (idempotent producer). */
  duplicate: boolean;
}

export type ValidatedBatches = BatchHeader[];
