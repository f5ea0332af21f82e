import { SchemaRegistryClient, SchemaRegistryError } from '@joinedup/avro';
import { createLogger } from '@joinedup/logging';
import type { Catalogue } from '../catalogue/catalogue.types';
import { loadEventSchema } from '../schema/load-event-schema';

/** A contract the registry refused; the message carries the registry's own explanation. */
export class ContractRegistrationError extends Error {
  constructor(
    readonly subject: string,
    readonly schemaFile: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `the schema registry refused contract ${schemaFile} (subject ${subject}): ${reason}`,
      options,
    );
    this.name = 'ContractRegistrationError';
  }
}

export interface RegisteredContract {
  eventType: string;
  subject: string;
  id: number;
}

/**
 * Registers every contract of the catalogue under its subject, after setting the subject's
 * compatibility level, so the registry itself guards each contract's evolution. Run at
 * start-up: the first refusal stops it with the registry's explanation.
 */
export async function registerContracts(
  catalogue: Catalogue,
  client: SchemaRegistryClient,
): Promise<RegisteredContract[]> {
  const log = createLogger('ContractRegistration');
  const registered: RegisteredContract[] = [];
  for (const entry of catalogue.events) {
    try {
      await client.setCompatibility(entry.subject, entry.compatibility);
      const id = await client.register(entry.subject, loadEventSchema(catalogue, entry));
      registered.push({ eventType: entry.eventType, subject: entry.subject, id });
    } catch (err) {
      const reason = err instanceof SchemaRegistryError ? err.message : (err as Error).message;
      throw new ContractRegistrationError(entry.subject, entry.schema, reason, { cause: err });
    }
  }
  log.info('contracts registered', { count: registered.length });
  return registered;
}
