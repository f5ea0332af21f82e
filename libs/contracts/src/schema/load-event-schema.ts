import { join } from 'node:path';
import { Type } from 'avsc';
import { parseAvroSchema } from '@joinedup/avro';
import { Catalogue, CatalogueEntry } from '../catalogue/catalogue.types';
import { ContractError } from '../catalogue/contract.error';
import { parseContractJson, readJsonFile } from '../catalogue/read-json-file';
import { composeEventSchema } from './compose-event-schema';
import { RecordSchemaJson } from './schema-json.types';

/** The event's self-contained schema, composed from the envelope and its payload file. */
export function loadEventSchema(catalogue: Catalogue, entry: CatalogueEntry): RecordSchemaJson {
  const envelopeFile = join(catalogue.contractsDir, catalogue.envelope);
  const payloadFile = join(catalogue.contractsDir, entry.schema);
  return composeEventSchema(
    readJsonFile(envelopeFile, envelopeFile),
    readJsonFile(payloadFile, payloadFile),
    {
      eventType: entry.eventType,
      namespace: domainNamespace(catalogue, entry),
      envelopeFile,
      payloadFile,
    },
  );
}

/**
 * As loadEventSchema, from file texts rather than the working tree: the evolution guard
 * composes earlier versions read from git history the same way.
 */
export function composeEventSchemaFromText(
  envelope: { text: string; file: string },
  payload: { text: string; file: string },
  catalogue: Pick<Catalogue, 'namespace'>,
  entry: Pick<CatalogueEntry, 'eventType' | 'domain'>,
): RecordSchemaJson {
  return composeEventSchema(
    parseContractJson(envelope.text, envelope.file),
    parseContractJson(payload.text, payload.file),
    {
      eventType: entry.eventType,
      namespace: domainNamespace(catalogue, entry),
      envelopeFile: envelope.file,
      payloadFile: payload.file,
    },
  );
}

/** The composed schema parsed into an avsc Type with Joined-up's logical types. */
export function loadEventType(catalogue: Catalogue, entry: CatalogueEntry): Type {
  const schema = loadEventSchema(catalogue, entry);
  try {
    return parseAvroSchema(schema);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ContractError(join(catalogue.contractsDir, entry.schema), [reason], { cause: err });
  }
}

export function domainNamespace(
  catalogue: Pick<Catalogue, 'namespace'>,
  entry: Pick<CatalogueEntry, 'domain'>,
): string {
  return `${catalogue.namespace}.${entry.domain}`;
}
