import { parseRetryAfter } from './retry-after';

/** DVLA answered, with any status. */
export interface DvlaAnswer {
  kind: 'answer';
  status: number;
  /** Parsed JSON, or undefined when the body was empty or not JSON. */
  body: unknown;
  /** What Retry-After asked for, when present. */
  retryAfterMs?: number;
}

/** No answer arrived: the timeout passed, or the connection failed. */
export interface DvlaNoAnswer {
  kind: 'no-answer';
  /** TimeoutError, or the system error code (ECONNREFUSED...): never an error message. */
  reason: string;
  cause: unknown;
}

export const VEHICLES_PATH = '/vehicle-enquiry/v1/vehicles';

/** Printable ASCII without spaces: anything else cannot travel in a header. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * The one HTTP call of the Vehicle Enquiry Service, over Node's fetch (keep-alive by
 * default). The API key lives in a private field, so it is in no error, no log line and no
 * inspection of this object; it is checked here so that fetch never echoes it back in a
 * header-validation error.
 */
export class DvlaHttpTransport {
  readonly #apiKey: string;
  readonly url: string;

  constructor(
    readonly baseUrl: string,
    apiKey: string,
    private readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!HEADER_SAFE.test(apiKey)) {
      throw new RangeError(
        'the DVLA API key is empty or holds characters a header cannot carry (spaces, ' +
          'line breaks, non-ASCII); the key is not shown',
      );
    }
    this.#apiKey = apiKey;
    this.url = `${baseUrl.replace(/\/+$/, '')}${VEHICLES_PATH}`;
  }

  async post(
    registrationNumber: string,
    correlationId: string,
  ): Promise<DvlaAnswer | DvlaNoAnswer> {
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-api-key': this.#apiKey,
          'x-correlation-id': correlationId,
        },
        body: JSON.stringify({ registrationNumber }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      return {
        kind: 'answer',
        status: response.status,
        body: parseJson(text),
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), this.now()),
      };
    } catch (err) {
      return { kind: 'no-answer', reason: reasonOf(err, this.timeoutMs), cause: err };
    }
  }
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A short, fixed description: a code or a class name, never a message that could echo input. */
function reasonOf(err: unknown, timeoutMs: number): string {
  // By name, not instanceof: the timeout is a DOMException, of another realm under some runners.
  const name = (err as { name?: unknown } | null | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const code = codeOf(err) ?? codeOf((err as { cause?: unknown } | undefined)?.cause);
  if (code !== undefined) return code;
  return typeof name === 'string' ? name : 'unknown failure';
}

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
