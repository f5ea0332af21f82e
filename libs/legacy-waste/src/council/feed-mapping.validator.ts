import { ContractSet } from '../mapping/contract-set';
import { enumSymbolsOf, fieldTypeAt } from '../mapping/contract-type-path';
import { FieldRule, FieldType } from './council-config.types';

const FIELD_TYPES: readonly FieldType[] = [
  'text',
  'uprn',
  'usrn',
  'postcode',
  'registrationMark',
  'date',
  'datetime',
  'number',
  'integer',
  'boolean',
  'code',
];
const SOURCE_SYSTEM = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

type Json = Record<string, unknown>;

/**
 * Checks a feed mapping file against the contracts: each event type is in the catalogue,
 * each payload path is a field of its schema, each code table maps to symbols of the target
 * enum, and each rule is well formed. Returns every problem found, each naming its JSON path,
 * so that one run of the loader lists them all.
 */
export function validateFeedMapping(raw: unknown, contracts: ContractSet): string[] {
  const problems: string[] = [];
  if (!isObject(raw)) return ['expected a JSON object with sourceSystem and events'];
  if (typeof raw.sourceSystem !== 'string' || !SOURCE_SYSTEM.test(raw.sourceSystem)) {
    problems.push(
      `sourceSystem: ${JSON.stringify(raw.sourceSystem)} is not valid: expected lower-case words joined by -, e.g. bartec-collective`,
    );
  }
  if (raw.naturalKey !== undefined && !isStringList(raw.naturalKey)) {
    problems.push('naturalKey: expected a list of source field names');
  }
  if (!Array.isArray(raw.events) || raw.events.length === 0) {
    problems.push('events: expected at least one event mapping');
    return problems;
  }
  raw.events.forEach((event, index) =>
    validateEvent(event, `events[${index}]`, contracts, problems),
  );
  const conditional = raw.events.filter((event) => isObject(event) && event.when !== undefined);
  if (conditional.length > 0 && conditional.length < raw.events.length - 1) {
    problems.push('events: every mapping but the last needs a when condition');
  }
  return problems;
}

function validateEvent(raw: unknown, at: string, contracts: ContractSet, problems: string[]): void {
  if (!isObject(raw)) {
    problems.push(`${at}: expected an object`);
    return;
  }
  const eventType = raw.eventType;
  if (typeof eventType !== 'string' || !contracts.has(eventType)) {
    problems.push(
      `${at}.eventType: ${JSON.stringify(eventType)} is not an event type of the catalogue`,
    );
    return;
  }
  if (raw.when !== undefined) {
    const when = raw.when as Json;
    if (!isObject(when) || typeof when.source !== 'string' || !isStringList(when.in)) {
      problems.push(`${at}.when: expected { "source": "<field>", "in": ["<value>", ...] }`);
    }
  }
  const type = contracts.type(eventType);
  validateRule(raw.occurredAt, `${at}.occurredAt`, undefined, problems);
  if (isObject(raw.occurredAt) && raw.occurredAt.type !== 'datetime') {
    problems.push(`${at}.occurredAt.type: expected "datetime"`);
  }
  if (raw.correlationId !== undefined) {
    validateRule(raw.correlationId, `${at}.correlationId`, undefined, problems);
  }
  if (!isObject(raw.payload)) {
    problems.push(`${at}.payload: expected an object of payload paths to rules`);
    return;
  }
  for (const [path, rule] of Object.entries(raw.payload)) {
    const target = fieldTypeAt(type, `payload.${path}`);
    if (target === undefined) {
      problems.push(`${at}.payload.${path}: ${eventType} has no field payload.${path}`);
      continue;
    }
    validateRule(rule, `${at}.payload.${path}`, enumSymbolsOf(target), problems);
  }
}

function validateRule(
  raw: unknown,
  at: string,
  symbols: readonly string[] | undefined,
  problems: string[],
): void {
  if (!isObject(raw)) {
    problems.push(`${at}: expected a rule object with a type and a source or constant`);
    return;
  }
  const rule = raw as unknown as FieldRule;
  if (!FIELD_TYPES.includes(rule.type)) {
    problems.push(
      `${at}.type: ${JSON.stringify(rule.type)} is not one of ${FIELD_TYPES.join(', ')}`,
    );
  }
  if ((rule.source === undefined) === (rule.constant === undefined)) {
    problems.push(`${at}: expected exactly one of source and constant`);
  }
  if (rule.timeZone !== undefined && rule.timeZone !== 'Europe/London' && rule.timeZone !== 'UTC') {
    problems.push(`${at}.timeZone: ${JSON.stringify(rule.timeZone)} is not Europe/London or UTC`);
  }
  if (rule.type === 'code') checkCodes(rule, at, symbols, problems);
  if (
    symbols !== undefined &&
    typeof rule.constant === 'string' &&
    !symbols.includes(rule.constant)
  ) {
    problems.push(
      `${at}.constant: ${JSON.stringify(rule.constant)} is not one of ${symbols.join(', ')}`,
    );
  }
}

function checkCodes(
  rule: FieldRule,
  at: string,
  symbols: readonly string[] | undefined,
  problems: string[],
): void {
  if (!isObject(rule.codes)) {
    problems.push(`${at}.codes: expected a table of source codes to contract symbols`);
    return;
  }
  if (symbols === undefined) return;
  const targets = [...Object.values(rule.codes), ...(rule.otherwise ? [rule.otherwise] : [])];
  for (const symbol of targets) {
    if (!symbols.includes(symbol)) {
      problems.push(`${at}.codes: ${JSON.stringify(symbol)} is not one of ${symbols.join(', ')}`);
    }
  }
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
