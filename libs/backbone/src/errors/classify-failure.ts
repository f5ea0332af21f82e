import { isRetriableStatus } from './remote-call.error';

/** How a failure is handled: retried with backoff, or dead-lettered at once. */
export interface FailureClass {
  retriable: boolean;
  /** A stable name for metrics and the dead letter: the error's code, else its class name. */
  code: string;
}

/**
 * Socket and DNS failures that a later attempt may not meet: Node's system error codes and
 * undici's (Node's fetch) error codes for the same conditions.
 */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** Errors that say the code is wrong, not the world: retrying runs the same bug again. */
const PROGRAMMER_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError];

/** Errors raised by timers and abort signals (AbortSignal.timeout raises a TimeoutError). */
const TIMEOUT_NAMES = new Set(['TimeoutError', 'AbortError']);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  retriable?: unknown;
  isRetriable?: unknown;
  status?: unknown;
  statusCode?: unknown;
  response?: { status?: unknown };
  cause?: unknown;
}

/**
 * Decides from what an error is, never from its message:
 *
 * 1. an error that declares itself (`retriable` or `isRetriable`, as this project's errors,
 *    kafkajs's, the Avro library's and the persistence library's all do) is taken at its word;
 * 2. network failures (system and undici codes) and timeouts are retriable;
 * 3. an HTTP status on the error (`status`, `statusCode`, `response.status`) decides as
 *    `RemoteCallError` does: 5xx, 429 and 408 retriable, other statuses not;
 * 4. otherwise the cause chain is asked the same questions;
 * 5. programmer errors (TypeError and friends) are not retriable, as in kafkajs's retrier;
 * 6. anything else is retried, up to the attempt limit, then dead-lettered.
 */
export function classifyFailure(err: unknown): FailureClass {
  const code = failureCode(err);
  const decided = decide(err, 0);
  if (decided !== undefined) return { retriable: decided, code };
  return { retriable: !isProgrammerError(err), code };
}

function decide(err: unknown, depth: number): boolean | undefined {
  if (depth > 8 || typeof err !== 'object' || err === null) return undefined;
  const shape = err as ErrorShape;
  if (typeof shape.retriable === 'boolean') return shape.retriable;
  if (typeof shape.isRetriable === 'boolean') return shape.isRetriable;
  if (typeof shape.code === 'string' && NETWORK_CODES.has(shape.code)) return true;
  if (typeof shape.name === 'string' && TIMEOUT_NAMES.has(shape.name)) return true;
  const status = httpStatus(shape);
  if (status !== undefined) return isRetriableStatus(status);
  return decide(shape.cause, depth + 1);
}

function httpStatus(shape: ErrorShape): number | undefined {
  for (const candidate of [shape.status, shape.statusCode, shape.response?.status]) {
    if (typeof candidate === 'number' && candidate >= 100 && candidate <= 599) return candidate;
  }
  return undefined;
}

function isProgrammerError(err: unknown): boolean {
  return PROGRAMMER_ERRORS.some((type) => err instanceof type);
}

function failureCode(err: unknown): string {
  if (typeof err !== 'object' || err === null) return 'NON_ERROR_THROWN';
  const shape = err as ErrorShape;
  if (typeof shape.code === 'string' && shape.code !== '') return shape.code;
  if (typeof shape.name === 'string' && shape.name !== '') return shape.name;
  return 'UNKNOWN_ERROR';
}

/** The class name written to a dead letter, as Kafka Connect writes the exception's class. */
export function errorClassName(err: unknown): string {
  if (typeof err !== 'object' || err === null) return typeof err;
  const ctor = (err as { constructor?: { name?: unknown } }).constructor;
  if (typeof ctor?.name === 'string' && ctor.name !== '' && ctor.name !== 'Object')
    return ctor.name;
  const name = (err as ErrorShape).name;
  return typeof name === 'string' ? name : 'Object';
}
