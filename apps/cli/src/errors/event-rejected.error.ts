import { CliError } from './cli.error';

/**
 * One event that cannot be published: not JSON, not an object, an event type the catalogue
 * does not list, or a value its schema refuses. Each problem names the field, what was
 * expected and what was found; the found values may be personal data, so this is told to the
 * user who supplied them and never logged.
 */
export class EventRejectedError extends CliError {
  readonly code = 'EVENT_REJECTED';

  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
  }
}
