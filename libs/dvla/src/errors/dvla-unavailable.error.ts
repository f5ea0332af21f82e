import { DvlaError } from './dvla.error';

export interface DvlaUnavailableContext {
  /** Last HTTP status (429, 5xx, 408), or 0 when no answer arrived (timeout, network). */
  status: number;
  attempts: number;
  correlationId: string;
  /** How long DVLA asked us to wait (Retry-After), when it did. */
  retryAfterMs?: number;
  /** Why no answer arrived, e.g. TimeoutError or ECONNREFUSED; never an error message. */
  reason?: string;
}

/**
 * DVLA could not answer now: it throttled us (429), failed (5xx), timed out or could not be
 * reached, on every attempt allowed, or asked us to wait longer than we may. The same enquiry
 * may pass later.
 */
export class DvlaUnavailableError extends DvlaError {
  readonly code = 'DVLA_UNAVAILABLE';
  readonly retriable = true;

  constructor(baseUrl: string, context: DvlaUnavailableContext, options?: { cause?: unknown }) {
    super(
      `DVLA at ${baseUrl} ${describe(context)} after ${context.attempts} attempt` +
        `${context.attempts === 1 ? '' : 's'}; correlation id ${context.correlationId}`,
      { ...context },
      options,
    );
  }

  get retryAfterMs(): number | undefined {
    const value = this.context.retryAfterMs;
    return typeof value === 'number' ? value : undefined;
  }
}

function describe({ status, reason, retryAfterMs }: DvlaUnavailableContext): string {
  if (status === 0) return `gave no answer (${reason ?? 'no response'})`;
  const wait = retryAfterMs === undefined ? '' : `, asking for ${retryAfterMs} ms of patience`;
  return `answered HTTP ${status}${wait}`;
}
