export interface GroupCoordinatorOptions {
  /** Directory for the group snapshot and journal, e.g. data/broker/groups. */
  dir: string;
  /**
   * How long a new group waits for more members before its first rebalance (Kafka's
   * group.initial.rebalance.delay.ms, 3000 ms there; short here so tests stay fast).
   */
  initialRebalanceDelayMs?: number;
  /** Session timeouts outside [min, max] get INVALID_SESSION_TIMEOUT. */
  minSessionTimeoutMs?: number;
  maxSessionTimeoutMs?: number;
  /** Kafka's offset.metadata.max.bytes; larger commit metadata gets OFFSET_METADATA_TOO_LARGE. */
  maxOffsetMetadataBytes?: number;
  /** Journal size that triggers compaction into a new snapshot. */
  compactJournalBytes?: number;
}

export type ResolvedGroupCoordinatorOptions = Required<GroupCoordinatorOptions>;

export const GROUP_COORDINATOR_DEFAULTS = {
  initialRebalanceDelayMs: 100,
  minSessionTimeoutMs: 1_000,
  maxSessionTimeoutMs: 3_600_000,
  maxOffsetMetadataBytes: 4096,
  compactJournalBytes: 4 * 1024 * 1024,
} as const;

export function resolveGroupCoordinatorOptions(
  options: GroupCoordinatorOptions,
): ResolvedGroupCoordinatorOptions {
  if (typeof options.dir !== 'string' || options.dir === '') {
    throw new Error(
      `group coordinator: dir must name a directory, got ${JSON.stringify(options.dir)}`,
    );
  }
  const resolved = {
    ...GROUP_COORDINATOR_DEFAULTS,
    ...withoutUndefined(options),
    dir: options.dir,
  };
  for (const key of Object.keys(
    GROUP_COORDINATOR_DEFAULTS,
  ) as (keyof typeof GROUP_COORDINATOR_DEFAULTS)[]) {
    const value = resolved[key];
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(
        `group coordinator: ${key} must be a whole number of at least 0, got ${value}`,
      );
    }
  }
  if (resolved.minSessionTimeoutMs > resolved.maxSessionTimeoutMs) {
    throw new Error(
      `group coordinator: minSessionTimeoutMs ${resolved.minSessionTimeoutMs} exceeds ` +
        `maxSessionTimeoutMs ${resolved.maxSessionTimeoutMs}`,
    );
  }
  return resolved;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
