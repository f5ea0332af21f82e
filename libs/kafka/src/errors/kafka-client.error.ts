/** Context of a failed Kafka call: what was attempted and where, never record contents. */
export interface KafkaClientErrorContext {
  operation: string;
  topic?: string;
  partition?: number;
  groupId?: string;
}

/**
 * The one error this library throws. `code` is the Kafka client's error type (Kafka's own
 * error names such as `REBALANCE_IN_PROGRESS`, or `KAFKA_CLIENT_ERROR` when it has none);
 * `retriable` is the client's judgement that the same call may succeed later.
 */
export class KafkaClientError extends Error {
  readonly code: string;
  readonly retriable: boolean;
  readonly context: KafkaClientErrorContext;

  constructor(
    message: string,
    options: {
      code: string;
      retriable: boolean;
      context: KafkaClientErrorContext;
      cause?: unknown;
    },
  ) {
    super(message, { cause: options.cause });
    this.name = 'KafkaClientError';
    this.code = options.code;
    this.retriable = options.retriable;
    this.context = options.context;
  }

  /** The group moved to a new generation: this member must stop and rejoin. */
  get isRebalance(): boolean {
    return REBALANCE_CODES.has(this.code);
  }
}

/**
 * Error types that mean this member's generation is over and it must rejoin: the set kafkajs
 * itself treats as a rebalance (`isRebalancing` in its errors.js), plus an unknown member id.
 */
const REBALANCE_CODES = new Set([
  'REBALANCE_IN_PROGRESS',
  'NOT_COORDINATOR_FOR_GROUP',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
]);

interface ClientErrorShape {
  type?: unknown;
  retriable?: unknown;
  message?: unknown;
  cause?: unknown;
}

/**
 * Wraps what the Kafka client threw. kafkajs marks each error `retriable` and names Kafka's
 * error code in `type`; both are read as data, never from the message text. Its retrier gives
 * up with a non-retriable "retries exceeded" error whose cause is the retriable one (a broker
 * that is down): the call may still succeed later, so any retriable error in the cause chain
 * makes the whole retriable.
 */
export function toKafkaClientError(
  err: unknown,
  context: KafkaClientErrorContext,
): KafkaClientError {
  if (err instanceof KafkaClientError) return err;
  const shape = (typeof err === 'object' && err !== null ? err : {}) as ClientErrorShape;
  const code = typeof shape.type === 'string' ? shape.type : 'KAFKA_CLIENT_ERROR';
  const reason = typeof shape.message === 'string' ? shape.message : String(err);
  const where = [context.topic, context.partition].filter((v) => v !== undefined).join('/');
  return new KafkaClientError(
    `${context.operation}${where ? ` on ${where}` : ''} failed: ${reason}`,
    {
      code,
      retriable: anyRetriableCause(err),
      context,
      cause: err,
    },
  );
}

function anyRetriableCause(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const shape = current as ClientErrorShape;
    if (shape.retriable === true) return true;
    current = shape.cause;
  }
  return false;
}
