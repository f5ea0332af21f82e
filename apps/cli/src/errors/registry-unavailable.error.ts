import { CliError, reasonOf } from './cli.error';

/**
 * The schema registry could not give a schema. Every later event would fail the same way, so
 * publishing stops rather than rejecting each one.
 */
export class RegistryUnavailableError extends CliError {
  readonly code = 'REGISTRY_UNAVAILABLE';

  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(
      `the schema registry at ${url} could not be used: ${reasonOf(cause)}. Start the hub ` +
        '(npm start), which registers every contract, or point --registry or ' +
        'JOINEDUP_SCHEMA_REGISTRY_URL at your registry.',
      { cause },
    );
  }
}
