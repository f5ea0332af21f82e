import { CliError } from './cli.error';

/** A command named a topic the cluster does not have. */
export class UnknownTopicError extends CliError {
  readonly code = 'UNKNOWN_TOPIC';

  constructor(readonly topic: string) {
    super(`topic ${JSON.stringify(topic)} does not exist; joinedup topics lists those that do`);
  }
}
