import { PersistenceError } from '../errors/persistence.error';

export interface OutboxRelayOptions {
  /** Most messages per publish call. Default 100. */
  batchSize?: number;
  /**
   * How long the relay waits for a notify() before looking for messages anyway; also how
   * often a standby relay tries to take over. Default 500 ms.
   */
  pollIntervalMs?: number;
  /** Delay before the first retry of a failed batch; doubles per failure. Default 100 ms. */
  retryInitialMs?: number;
  /** Longest delay between retries. Default 30 s. */
  retryMaxMs?: number;
  /** Delete rows sent longer ago than this; absent keeps every row. */
  pruneSentAfterMs?: number;
}

export type ResolvedRelayOptions = Required<Omit<OutboxRelayOptions, 'pruneSentAfterMs'>> &
  Pick<OutboxRelayOptions, 'pruneSentAfterMs'>;

const LIMITS: Record<keyof OutboxRelayOptions, { min: number; max: number }> = {
  batchSize: { min: 1, max: 10_000 },
  pollIntervalMs: { min: 1, max: 3_600_000 },
  retryInitialMs: { min: 1, max: 3_600_000 },
  retryMaxMs: { min: 1, max: 3_600_000 },
  pruneSentAfterMs: { min: 0, max: Number.MAX_SAFE_INTEGER },
};

export function resolveRelayOptions(opts: OutboxRelayOptions): ResolvedRelayOptions {
  for (const [name, limit] of Object.entries(LIMITS)) {
    const value = opts[name as keyof OutboxRelayOptions];
    if (value === undefined) continue;
    if (Number.isInteger(value) && value >= limit.min && value <= limit.max) continue;
    throw new PersistenceError(
      'INVALID_ARGUMENT',
      `OutboxRelay option ${name} must be a whole number from ${limit.min} to ${limit.max}, ` +
        `got ${JSON.stringify(value)}`,
      { operation: 'create outbox relay', option: name },
    );
  }
  const resolved = {
    batchSize: opts.batchSize ?? 100,
    pollIntervalMs: opts.pollIntervalMs ?? 500,
    retryInitialMs: opts.retryInitialMs ?? 100,
    retryMaxMs: opts.retryMaxMs ?? 30_000,
    pruneSentAfterMs: opts.pruneSentAfterMs,
  };
  return { ...resolved, retryMaxMs: Math.max(resolved.retryMaxMs, resolved.retryInitialMs) };
}
