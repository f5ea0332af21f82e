import { ConsumedRecord, OutgoingHeaders } from '@joinedup/kafka';
import { errorClassName, FailureClass } from '../errors/classify-failure';

/**
 * Kafka Connect's dead-letter headers (`errors.deadletterqueue.context.headers.enable`, KIP-298),
 * so tooling built for Connect's dead letter queues reads ours.
 */
export const CONNECT_ERROR_HEADERS = {
  topic: '__connect.errors.topic',
  partition: '__connect.errors.partition',
  offset: '__connect.errors.offset',
  connectorName: '__connect.errors.connector.name',
  stage: '__connect.errors.stage',
  exceptionClassName: '__connect.errors.exception.class.name',
  exceptionMessage: '__connect.errors.exception.message',
  exceptionStacktrace: '__connect.errors.exception.stacktrace',
} as const;

/** What Connect has no header for, under our own prefix. */
export const JOINEDUP_ERROR_HEADERS = {
  consumerGroup: 'joinedup.errors.consumer.group',
  attempts: 'joinedup.errors.attempts',
  code: 'joinedup.errors.code',
  retriable: 'joinedup.errors.retriable',
  timestamp: 'joinedup.errors.timestamp',
} as const;

/** Set on a record re-published from a dead-letter topic: `<dlq topic>/<partition>/<offset>`. */
export const REDRIVEN_FROM_HEADER = 'joinedup.redriven-from';

const ERROR_HEADER_PREFIXES = ['__connect.errors.', 'joinedup.errors.'];

/** Where the failure happened, in Connect's stage names. */
export type DeadLetterStage = 'VALUE_CONVERTER' | 'TASK_PUT';

/** Error text is cut so one bad record cannot make a dead letter larger than the broker takes. */
const MAX_MESSAGE_CHARS = 4096;
const MAX_STACK_CHARS = 16_384;

export interface DeadLetterFailure {
  error: unknown;
  failure: FailureClass;
  stage: DeadLetterStage;
  attempts: number;
  groupId: string;
}

/** The original headers, unchanged, plus the error headers. */
export function deadLetterHeaders(
  record: ConsumedRecord,
  cause: DeadLetterFailure,
): OutgoingHeaders {
  const { error } = cause;
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? (error.stack ?? message) : message;
  return {
    ...originalHeaders(record),
    [CONNECT_ERROR_HEADERS.topic]: record.topic,
    [CONNECT_ERROR_HEADERS.partition]: String(record.partition),
    [CONNECT_ERROR_HEADERS.offset]: record.offset,
    [CONNECT_ERROR_HEADERS.connectorName]: cause.groupId,
    [CONNECT_ERROR_HEADERS.stage]: cause.stage,
    [CONNECT_ERROR_HEADERS.exceptionClassName]: errorClassName(error),
    [CONNECT_ERROR_HEADERS.exceptionMessage]: message.slice(0, MAX_MESSAGE_CHARS),
    [CONNECT_ERROR_HEADERS.exceptionStacktrace]: stack.slice(0, MAX_STACK_CHARS),
    [JOINEDUP_ERROR_HEADERS.consumerGroup]: cause.groupId,
    [JOINEDUP_ERROR_HEADERS.attempts]: String(cause.attempts),
    [JOINEDUP_ERROR_HEADERS.code]: cause.failure.code,
    [JOINEDUP_ERROR_HEADERS.retriable]: String(cause.failure.retriable),
    [JOINEDUP_ERROR_HEADERS.timestamp]: new Date().toISOString(),
  };
}

/** A record's headers as they can be produced again, repeated keys kept. */
export function originalHeaders(record: ConsumedRecord): OutgoingHeaders {
  const headers: OutgoingHeaders = {};
  for (const [name, value] of Object.entries(record.headers)) {
    if (value === undefined) continue;
    headers[name] = Buffer.isBuffer(value) ? value : [...(value as readonly Buffer[])];
  }
  return headers;
}

export function isErrorHeader(name: string): boolean {
  return ERROR_HEADER_PREFIXES.some((prefix) => name.startsWith(prefix));
}

export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}
