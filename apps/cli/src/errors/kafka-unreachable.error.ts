import { CliError, reasonOf } from './cli.error';

/** No broker of the bootstrap list answered. */
export class KafkaUnreachableError extends CliError {
  readonly code = 'KAFKA_UNREACHABLE';

  constructor(
    readonly brokers: readonly string[],
    cause: unknown,
  ) {
    super(
      `cannot reach Kafka at ${brokers.join(',')}: ${reasonOf(cause)}. Start the hub ` +
        '(npm start) or point --kafka or JOINEDUP_KAFKA_BROKERS at your brokers.',
      { cause },
    );
  }
}
