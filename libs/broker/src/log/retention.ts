export interface RetentionPolicy {
  /** -1 keeps data forever. */
  retentionMs: number;
  /** Per partition; -1 for no size limit. */
  retentionBytes: number;
}

export interface RetainedSegment {
  size: number;
  /** Newest timestamp in the segment, -1 when it holds none. */
  maxTimestamp: number;
}

/**
 * How many of the oldest closed segments retention deletes, following Kafka's
 * UnifiedLog.deleteRetentionMsBreachedSegments and deleteRetentionSizeBreachedSegments:
 * - by time, the oldest segments whose newest timestamp is older than retentionMs, stopping at
 *   the first that is not;
 * - by size, the oldest segments while the partition stays at or above retention.bytes
 *   without them, so it never keeps less than retention.bytes.
 * `closed` is oldest first and never includes the active segment, so it is never deleted.
 */
export function countExpiredSegments(
  closed: readonly RetainedSegment[],
  totalBytes: number,
  policy: RetentionPolicy,
  now: number,
): number {
  let count = 0;
  if (policy.retentionMs >= 0) {
    const cutoff = now - policy.retentionMs;
    while (count < closed.length && closed[count].maxTimestamp < cutoff) count++;
  }
  if (policy.retentionBytes >= 0) {
    let remaining = totalBytes;
    for (let i = 0; i < count; i++) remaining -= closed[i].size;
    while (count < closed.length && remaining - closed[count].size >= policy.retentionBytes) {
      remaining -= closed[count].size;
      count++;
    }
  }
  return count;
}
