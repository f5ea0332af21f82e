import { CliError, reasonOf } from './cli.error';

/** Kafka answered, but refused or failed a request. */
export class KafkaRequestError extends CliError {
  readonly code = 'KAFKA_REQUEST_FAILED';

  constructor(
    readonly action: string,
    cause: unknown,
  ) {
    super(`${action} failed: ${reasonOf(cause)}`, { cause });
  }
}
