import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isCompatibilityLevel } from '@joinedup/avro';
import {
  Catalogue,
  CatalogueEntry,
  Classification,
  IdentifierKind,
  KeySource,
} from './catalogue.types';
import { ContractError } from './contract.error';
import { CATALOGUE_FILE, resolveContractsDir } from './contracts-dir';
import { readJsonFile } from './read-json-file';

const CLASSIFICATIONS: readonly Classification[] = [
  'OFFICIAL',
  'OFFICIAL_SENSITIVE',
  'SPECIAL_CATEGORY',
];
const IDENTIFIER_KINDS: readonly IdentifierKind[] = [
  'UPRN',
  'USRN',
  'VRM',
  'NHS_NUMBER',
  'DRIVING_LICENCE_NUMBER',
  'REFERENCE',
];
/** joinedup.<domain>.<stream>.v<major>: a breaking change gets a new topic, not a new subject version. */
const TOPIC = /^joinedup\.([a-z]+)\.[a-z0-9]+(?:-[a-z0-9]+)*\.v[1-9][0-9]*$/;
const EVENT_TYPE = /^[A-Z][A-Za-z0-9]*$/;
/** A key path: envelope field names, or payload. then field names, dot-separated. */
const KEY_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

type Json = Record<string, unknown>;

/**
 * Reads contracts/catalogue.json, checks every entry (names, topic scheme, key sources,
 * classification, compatibility, that the schema file exists, that event types are unique)
 * and derives each entry's record name and registry subject. Throws one ContractError listing
 * every problem by JSON path.
 */
export function loadCatalogue(contractsDir?: string): Catalogue {
  const dir = resolveContractsDir(contractsDir);
  const file = join(dir, CATALOGUE_FILE);
  const raw = readJsonFile(file, file);
  const problems: string[] = [];

  if (!isObject(raw)) throw new ContractError(file, ['expected a JSON object at the top level']);
  const namespace = requireString(raw, 'namespace', '', problems);
  const envelope = requireString(raw, 'envelope', '', problems);
  if (raw.subjectNameStrategy !== 'TopicRecordNameStrategy') {
    problems.push(
      `subjectNameStrategy: ${JSON.stringify(raw.subjectNameStrategy)} is not supported: expected "TopicRecordNameStrategy"`,
    );
  }
  if (envelope && !existsSync(join(dir, envelope))) {
    problems.push(`envelope: file ${JSON.stringify(envelope)} does not exist in ${dir}`);
  }

  const rawEvents = Array.isArray(raw.events) ? raw.events : [];
  if (!Array.isArray(raw.events)) problems.push('events: expected an array of event entries');
  const events = rawEvents.map((entry, index) =>
    readEntry(entry, `events[${index}]`, { dir, namespace }, problems),
  );
  checkUnique(events, problems);

  if (problems.length > 0) throw new ContractError(file, problems);
  return {
    contractsDir: dir,
    namespace,
    envelope,
    subjectNameStrategy: 'TopicRecordNameStrategy',
    events,
  };
}

/** The entry for an event type, or an error listing the known ones. */
export function findCatalogueEntry(catalogue: Catalogue, eventType: string): CatalogueEntry {
  const entry = catalogue.events.find((candidate) => candidate.eventType === eventType);
  if (entry) return entry;
  const known = catalogue.events.map((candidate) => candidate.eventType).join(', ');
  throw new Error(`unknown event type ${JSON.stringify(eventType)}: the catalogue lists ${known}`);
}

function readEntry(
  raw: unknown,
  at: string,
  context: { dir: string; namespace: string },
  problems: string[],
): CatalogueEntry {
  const entry: Json = isObject(raw) ? raw : {};
  if (!isObject(raw)) problems.push(`${at}: expected an object`);

  const eventType = requireString(entry, 'eventType', at, problems);
  const domain = requireString(entry, 'domain', at, problems);
  const schema = requireString(entry, 'schema', at, problems);
  const topic = requireString(entry, 'topic', at, problems);

  if (eventType && !EVENT_TYPE.test(eventType)) {
    problems.push(`${at}.eventType: ${JSON.stringify(eventType)} is not PascalCase`);
  }
  if (schema && schema !== `${domain}/${eventType}.avsc`) {
    problems.push(
      `${at}.schema: ${JSON.stringify(schema)} should be "${domain}/${eventType}.avsc"`,
    );
  } else if (schema && !existsSync(join(context.dir, schema))) {
    problems.push(`${at}.schema: file ${JSON.stringify(schema)} does not exist in ${context.dir}`);
  }
  const topicMatch = TOPIC.exec(topic);
  if (topic && !topicMatch) {
    problems.push(
      `${at}.topic: ${JSON.stringify(topic)} should look like joinedup.<domain>.<stream>.v1`,
    );
  } else if (topicMatch && topicMatch[1] !== domain) {
    problems.push(
      `${at}.topic: ${JSON.stringify(topic)} is not in domain ${JSON.stringify(domain)}`,
    );
  }
  if (!CLASSIFICATIONS.includes(entry.classification as Classification)) {
    problems.push(
      `${at}.classification: ${JSON.stringify(entry.classification)} is not one of ${CLASSIFICATIONS.join(', ')}`,
    );
  }
  if (!isCompatibilityLevel(entry.compatibility)) {
    problems.push(
      `${at}.compatibility: ${JSON.stringify(entry.compatibility)} is not a compatibility level`,
    );
  }

  const recordName = `${context.namespace}.${domain}.${eventType}`;
  return {
    eventType,
    domain,
    schema,
    topic,
    key: { field: 'subjectKey', from: readKeySources(entry.key, `${at}.key`, problems) },
    classification: entry.classification as Classification,
    compatibility: entry.compatibility as CatalogueEntry['compatibility'],
    recordName,
    subject: `${topic}-${recordName}`,
  };
}

function readKeySources(raw: unknown, at: string, problems: string[]): KeySource[] {
  if (!isObject(raw) || raw.field !== 'subjectKey') {
    problems.push(`${at}.field: expected "subjectKey", the envelope field every event is keyed by`);
  }
  const from = isObject(raw) && Array.isArray(raw.from) ? raw.from : [];
  if (from.length === 0) problems.push(`${at}.from: expected at least one key source`);

  return from.map((source, index) => {
    const where = `${at}.from[${index}]`;
    const candidate: Json = isObject(source) ? source : {};
    const path = requireString(candidate, 'path', where, problems);
    if (path && !KEY_PATH.test(path))
      problems.push(`${where}.path: ${JSON.stringify(path)} is not a dotted field path`);
    if (!IDENTIFIER_KINDS.includes(candidate.identifier as IdentifierKind)) {
      problems.push(
        `${where}.identifier: ${JSON.stringify(candidate.identifier)} is not one of ${IDENTIFIER_KINDS.join(', ')}`,
      );
    }
    return { path, identifier: candidate.identifier as IdentifierKind };
  });
}

function checkUnique(events: CatalogueEntry[], problems: string[]): void {
  const seen = new Set<string>();
  events.forEach((event, index) => {
    if (!event.eventType) return;
    if (seen.has(event.eventType)) {
      problems.push(
        `events[${index}].eventType: ${JSON.stringify(event.eventType)} is listed twice`,
      );
    }
    seen.add(event.eventType);
  });
}

function requireString(entry: Json, key: string, at: string, problems: string[]): string {
  const value = entry[key];
  if (typeof value === 'string' && value.length > 0) return value;
  problems.push(
    `${at ? `${at}.` : ''}${key}: expected a non-empty string, got ${JSON.stringify(value)}`,
  );
  return '';
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
