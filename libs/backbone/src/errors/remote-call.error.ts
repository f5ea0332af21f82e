import { BackboneError } from './backbone.error';

/**
 * A call from a handler to another system that failed. Throw it from a handler so the
 * backbone retries what may pass later: no answer at all, a 5xx, a 429 (too many requests)
 * or a 408 (request timeout). Any other status is the same next time and is dead-lettered.
 */
export class RemoteCallError extends BackboneError {
  readonly code = 'REMOTE_CALL_FAILED';
  readonly retriable: boolean;

  constructor(
    readonly service: string,
    readonly status: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(
      status === undefined
        ? `the call to ${service} got no answer`
        : `the call to ${service} was answered with HTTP ${status}`,
      { service, status },
      options,
    );
    this.retriable = isRetriableStatus(status);
  }
}

/** No status (no answer), 5xx, 429 and 408 may pass on a later attempt. */
export function isRetriableStatus(status: number | undefined): boolean {
  return status === undefined || status >= 500 || status === 429 || status === 408;
}
