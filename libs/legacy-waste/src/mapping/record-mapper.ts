import { Type, types } from 'avsc';
import { CatalogueEntry, InvalidIdentifierError, JoinedUpEvent } from '@joinedup/contracts';
import { EventMapping } from '../council/council-config.types';
import { SourceRecord } from '../parsing/source-record';
import { BoundRule, bindRule, evaluateRule, FieldProblem } from './bound-rule';
import { describeAvroType } from './describe-avro-type';
import { deriveEventId } from './event-id';
import { compileRecordBuilder, RecordBuilder } from './payload-builder';
import { SubjectKeyCache } from './subject-key.cache';
import { normaliseCode } from './value-converter';

/** A record turned into an event. */
export interface MappedRecord {
  ok: true;
  line: number;
  event: JoinedUpEvent;
}

/** A record that could not become an event, and why, naming the source field. */
export interface RejectedRecord {
  ok: false;
  line: number;
  field: string;
  value: string;
  reason: string;
  /** The record's source fields, kept so that it can be corrected and resubmitted. */
  record: Record<string, string>;
}

export type MapResult = MappedRecord | RejectedRecord;

/** What one event mapping needs per record, compiled against the file's columns. */
export interface CompiledEventMapping {
  eventType: string;
  entry: CatalogueEntry;
  type: Type;
  when?: { index: number; source: string; accepted: ReadonlySet<string>; listed: string };
  occurredAt: BoundRule;
  correlationId?: BoundRule;
  payload: RecordBuilder;
  /** Every rule by contract path, to name the source field of a schema or key problem. */
  rules: ReadonlyMap<string, BoundRule>;
}

/** The envelope values that are the same for every record of an intake. */
export interface MappingContext {
  council: string;
  sourceSystem: string;
  subjectKeys: SubjectKeyCache;
  /** Columns whose values identify a record; the event id is derived from them. */
  keyColumns: readonly number[];
  columns: readonly string[];
}

/**
 * Turns the records of one file into contract events, or into rejections that name the line,
 * the source field, its value and what was expected. Each record is checked three ways: its
 * fields convert (identifiers through the contracts' validators), its key identifier
 * pseudonymises, and the whole event is valid against the contract's Avro schema.
 */
export class RecordMapper {
  constructor(
    private readonly mappings: readonly CompiledEventMapping[],
    private readonly context: MappingContext,
  ) {}

  map(source: SourceRecord, recordedAt: Date): MapResult {
    const { values, line } = source;
    const mapping = this.mappingFor(values);
    if (mapping === undefined) return this.reject(source, this.unmatched(values));

    const problems: FieldProblem[] = [];
    const occurredAt = evaluateRule(mapping.occurredAt, values, problems);
    const { record: payload } = mapping.payload(values, problems);
    const correlation =
      mapping.correlationId && evaluateRule(mapping.correlationId, values, problems);
    if (problems.length > 0) return this.reject(source, problems[0], problems.length);

    const eventId = this.eventIdOf(mapping.eventType, values);
    const event: Record<string, unknown> = {
      eventId,
      eventType: mapping.eventType,
      occurredAt,
      recordedAt,
      sourceSystem: this.context.sourceSystem,
      council: this.context.council,
      correlationId: typeof correlation === 'string' ? correlation : eventId,
      causationId: null,
      subjectKey: '',
      classification: mapping.entry.classification,
      payload,
    };
    const keyProblem = this.pseudonymise(mapping, event);
    if (keyProblem !== undefined) return this.reject(source, keyProblem);
    const schemaProblem = mapping.type.isValid(event) ? undefined : schemaProblemOf(mapping, event);
    if (schemaProblem !== undefined) return this.reject(source, schemaProblem);
    return { ok: true, line, event: event as unknown as JoinedUpEvent };
  }

  private mappingFor(values: SourceRecord['values']): CompiledEventMapping | undefined {
    for (const mapping of this.mappings) {
      if (mapping.when === undefined) return mapping;
      const value = values[mapping.when.index];
      if (value !== undefined && mapping.when.accepted.has(normaliseCode(value))) return mapping;
    }
    return undefined;
  }

  private unmatched(values: SourceRecord['values']): FieldProblem {
    const when = this.mappings[0].when!;
    const value = (values[when.index] ?? '').trim();
    const listed = this.mappings.map((mapping) => mapping.when?.listed ?? '').join(', ');
    return { field: when.source, value, reason: `expected one of ${listed}` };
  }

  private eventIdOf(eventType: string, values: SourceRecord['values']): string {
    const parts = [this.context.council, this.context.sourceSystem, eventType];
    for (const index of this.context.keyColumns) parts.push((values[index] ?? '').trim());
    return deriveEventId(parts);
  }

  private pseudonymise(
    mapping: CompiledEventMapping,
    event: Record<string, unknown>,
  ): FieldProblem | undefined {
    try {
      event.subjectKey = this.context.subjectKeys.subjectKey(mapping.entry, event);
      return undefined;
    } catch (err) {
      if (!(err instanceof InvalidIdentifierError)) throw err;
      const rule = mapping.rules.get(err.field.split(' or ')[0]);
      const value = typeof err.value === 'string' ? err.value : '';
      return { field: rule?.source ?? err.field, value, reason: `expected ${err.expected}` };
    }
  }

  private reject(source: SourceRecord, problem: FieldProblem, count = 1): RejectedRecord {
    const more = count > 1 ? ` (and ${count - 1} more problem${count > 2 ? 's' : ''})` : '';
    const record: Record<string, string> = {};
    this.context.columns.forEach((column, index) => {
      record[column] = source.values[index] ?? '';
    });
    return { ok: false, line: source.line, ...problem, reason: problem.reason + more, record };
  }
}

function schemaProblemOf(
  mapping: CompiledEventMapping,
  event: Record<string, unknown>,
): FieldProblem {
  let found: FieldProblem | undefined;
  mapping.type.isValid(event, {
    errorHook: (path: string[], value: unknown, type: Type) => {
      if (found !== undefined) return;
      const target = path.join('.');
      const rule = ruleFor(mapping.rules, target);
      const shown = value === undefined || value === null ? '' : String(value);
      const reason =
        value === undefined ? 'a value is required' : `expected ${describeAvroType(type)}`;
      found = { field: rule?.source ?? target, value: shown, reason };
    },
  });
  return found ?? { field: '(record)', value: '', reason: 'does not match the contract' };
}

/** The rule at the path, or at the nearest enclosing path that has one. */
function ruleFor(rules: ReadonlyMap<string, BoundRule>, path: string): BoundRule | undefined {
  for (let at = path; at.length > 0; at = at.slice(0, Math.max(0, at.lastIndexOf('.')))) {
    const rule = rules.get(at);
    if (rule !== undefined) return rule;
  }
  return undefined;
}

/** Compiles one event mapping of a feed against a file's columns. */
export function compileEventMapping(
  mapping: EventMapping,
  entry: CatalogueEntry,
  type: Type,
  indexOf: (source: string) => number,
): CompiledEventMapping {
  const rules = new Map<string, BoundRule>();
  for (const [path, rule] of Object.entries(mapping.payload)) {
    rules.set(`payload.${path}`, bindRule(`payload.${path}`, rule, indexOf));
  }
  const occurredAt = bindRule('occurredAt', mapping.occurredAt, indexOf);
  rules.set('occurredAt', occurredAt);
  const correlationId =
    mapping.correlationId && bindRule('correlationId', mapping.correlationId, indexOf);
  const payloadType = (type as types.RecordType).field('payload').type as types.RecordType;
  const when = mapping.when && {
    index: indexOf(mapping.when.source),
    source: mapping.when.source,
    accepted: new Set(mapping.when.in.map(normaliseCode)),
    listed: mapping.when.in.join(', '),
  };
  return {
    eventType: mapping.eventType,
    entry,
    type,
    when,
    occurredAt: { ...occurredAt, required: true },
    correlationId,
    payload: compileRecordBuilder(payloadType, 'payload.', rules),
    rules,
  };
}
