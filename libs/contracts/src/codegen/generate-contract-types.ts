import { join } from 'node:path';
import { Catalogue, CatalogueEntry } from '../catalogue/catalogue.types';
import { ContractError } from '../catalogue/contract.error';
import { readJsonFile } from '../catalogue/read-json-file';
import { PAYLOAD_FIELD } from '../schema/compose-event-schema';
import { loadEventSchema } from '../schema/load-event-schema';
import { isRecordSchema, RecordSchemaJson } from '../schema/schema-json.types';
import { collectNamedTypes, NamedType, namedTypeSignature } from './named-types';
import { docComment, renderFields, renderNamedType } from './render-typescript';

export interface GeneratedFile {
  /** File name inside the generated directory, e.g. waste.ts. */
  name: string;
  content: string;
}

const HEADER =
  '// Generated from the Avro contracts in contracts/ by `npm run contracts:generate`.\n' +
  '// Edit the .avsc files and regenerate; `npm run contracts:check` fails while this is stale.\n\n';
const ENVELOPE_FILE = 'envelope';
const ENVELOPE_INTERFACE = 'EventEnvelope';

interface DomainTypes {
  domain: string;
  entries: CatalogueEntry[];
  schemas: RecordSchemaJson[];
}

/**
 * TypeScript for every contract: envelope.ts (the envelope's fields and types), one file per
 * domain (its named types, payload interfaces and event interfaces) and index.ts (the
 * JoinedUpEvent union keyed by eventType, and EVENT_ROUTES, each type's topic and subject).
 * Output is unformatted; writeGeneratedFiles runs it through prettier.
 */
export function generateContractTypes(catalogue: Catalogue): GeneratedFile[] {
  const envelopePath = join(catalogue.contractsDir, catalogue.envelope);
  const envelope = readJsonFile(envelopePath, envelopePath);
  if (!isRecordSchema(envelope)) {
    throw new ContractError(envelopePath, [
      'expected an Avro record schema with a name and fields',
    ]);
  }
  const envelopeNamespace = envelope.namespace ?? '';
  const domains = groupByDomain(catalogue);
  const owners = assignOwners(catalogue, domains, envelopeNamespace);

  return [
    { name: `${ENVELOPE_FILE}.ts`, content: renderEnvelopeFile(envelope, envelopeNamespace) },
    ...domains.map((group) => ({
      name: `${group.domain}.ts`,
      content: renderDomainFile(group, owners),
    })),
    { name: 'index.ts', content: renderIndexFile(catalogue, domains) },
  ];
}

function groupByDomain(catalogue: Catalogue): DomainTypes[] {
  const groups = new Map<string, DomainTypes>();
  for (const entry of catalogue.events) {
    const group = groups.get(entry.domain) ?? { domain: entry.domain, entries: [], schemas: [] };
    group.entries.push(entry);
    group.schemas.push(loadEventSchema(catalogue, entry));
    groups.set(entry.domain, group);
  }
  return [...groups.values()];
}

/**
 * Which file declares each named type, failing on what TypeScript could not express: two
 * different types with one short name (both would be exported from index.ts), or one type
 * defined differently in two payload files.
 */
function assignOwners(
  catalogue: Catalogue,
  domains: DomainTypes[],
  envelopeNamespace: string,
): Map<string, { owner: string; type: NamedType; file: string }> {
  const byFullName = new Map<string, { owner: string; type: NamedType; file: string }>();
  const byShortName = new Map<string, string>();
  const problems: string[] = [];

  for (const group of domains) {
    group.schemas.forEach((schema, index) => {
      const file = group.entries[index].schema;
      for (const type of collectNamedTypes(schema)) {
        const owner = type.namespace === envelopeNamespace ? ENVELOPE_FILE : group.domain;
        const known = byFullName.get(type.fullName);
        if (
          known &&
          namedTypeSignature(known.type.definition) !== namedTypeSignature(type.definition)
        ) {
          problems.push(`${type.fullName} is defined differently in ${known.file} and ${file}`);
          continue;
        }
        if (known) continue;
        const sameShortName = byShortName.get(type.shortName);
        if (sameShortName !== undefined && sameShortName !== type.fullName) {
          problems.push(
            `${type.fullName} and ${sameShortName} would both be TypeScript type ${type.shortName}; rename one`,
          );
        }
        byShortName.set(type.shortName, type.fullName);
        byFullName.set(type.fullName, { owner, type, file });
      }
    });
  }
  if (problems.length > 0) throw new ContractError(catalogue.contractsDir, problems);
  return byFullName;
}

function renderEnvelopeFile(envelope: RecordSchemaJson, envelopeNamespace: string): string {
  const types = collectNamedTypes({ ...envelope, namespace: envelopeNamespace }).filter(
    (type) => type.fullName !== `${envelopeNamespace}.${envelope.name}`,
  );
  return (
    HEADER +
    types.map(renderNamedType).join('\n') +
    '\n' +
    docComment(envelope.doc, '') +
    `export interface ${ENVELOPE_INTERFACE} {\n${renderFields(envelope.fields)}}\n`
  );
}

function renderDomainFile(
  group: DomainTypes,
  owners: Map<string, { owner: string; type: NamedType }>,
): string {
  const declared = [...owners.values()].filter((owned) => owned.owner === group.domain);
  const imports = `import type { ${ENVELOPE_INTERFACE} } from './${ENVELOPE_FILE}';\n\n`;
  const namedTypes = declared
    .filter((owned) => !group.entries.some((entry) => entry.recordName === owned.type.fullName))
    .map((owned) => renderNamedType(owned.type))
    .join('\n');
  const events = group.entries.map((entry, index) =>
    renderEventInterface(entry, group.schemas[index]),
  );
  return HEADER + imports + namedTypes + '\n' + events.join('\n');
}

function renderEventInterface(entry: CatalogueEntry, schema: RecordSchemaJson): string {
  const payloadField = schema.fields.find((field) => field.name === PAYLOAD_FIELD);
  const payloadType = isRecordSchema(payloadField?.type)
    ? payloadField.type.name
    : `${entry.eventType}Payload`;
  const shortPayload = payloadType.slice(payloadType.lastIndexOf('.') + 1);
  const doc = `${schema.doc ?? entry.eventType} Topic ${entry.topic}, classification ${entry.classification}.`;
  return (
    docComment(doc, '') +
    `export interface ${entry.eventType} extends ${ENVELOPE_INTERFACE} {\n` +
    `  eventType: '${entry.eventType}';\n` +
    `  payload: ${shortPayload};\n}\n`
  );
}

function renderIndexFile(catalogue: Catalogue, domains: DomainTypes[]): string {
  const reexports = [ENVELOPE_FILE, ...domains.map((group) => group.domain)]
    .map((file) => `export * from './${file}';\n`)
    .join('');
  const imports = domains
    .map((group) => {
      const names = group.entries.map((entry) => entry.eventType).join(', ');
      return `import type { ${names} } from './${group.domain}';\n`;
    })
    .join('');
  const union = catalogue.events.map((entry) => `  | ${entry.eventType}`).join('\n');
  const routes = catalogue.events.map(renderRoute).join('');
  return (
    HEADER +
    "import type { Classification } from './envelope';\n" +
    imports +
    '\n' +
    reexports +
    '\n' +
    '/** Every Joined-up event; switch on eventType to narrow it. */\n' +
    `export type JoinedUpEvent =\n${union};\n\n` +
    "export type JoinedUpEventType = JoinedUpEvent['eventType'];\n\n" +
    '/** Where an event type goes: its topic, registry subject and composed record. */\n' +
    'export interface EventRoute {\n' +
    '  topic: string;\n' +
    '  /** Schema registry subject, TopicRecordNameStrategy: `<topic>-<recordName>`. */\n' +
    '  subject: string;\n' +
    '  recordName: string;\n' +
    '  /** Payload schema file, relative to contracts/. */\n' +
    '  schema: string;\n' +
    '  classification: Classification;\n' +
    '}\n\n' +
    '/** The route of every event type, from contracts/catalogue.json. */\n' +
    'export const EVENT_ROUTES: { readonly [T in JoinedUpEventType]: EventRoute } = {\n' +
    routes +
    '};\n'
  );
}

function renderRoute(entry: CatalogueEntry): string {
  return (
    `  ${entry.eventType}: {\n` +
    `    topic: '${entry.topic}',\n` +
    `    subject: '${entry.subject}',\n` +
    `    recordName: '${entry.recordName}',\n` +
    `    schema: '${entry.schema}',\n` +
    `    classification: '${entry.classification}',\n` +
    '  },\n'
  );
}
