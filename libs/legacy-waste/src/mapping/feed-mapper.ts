import { CouncilConfig, FeedConfig, FieldRule } from '../council/council-config.types';
import { columnIndex, normaliseColumnName } from '../csv/column-name';
import { ContractSet } from './contract-set';
import { compileEventMapping, RecordMapper } from './record-mapper';
import { SubjectKeyCache } from './subject-key.cache';

/**
 * A council feed's mapping, ready to be tied to the columns of each file: it says which
 * source fields the mapping reads (the XML parser extracts those; the CSV parser looks for a
 * header row naming the required ones) and compiles a RecordMapper per file.
 */
export class FeedMapper {
  constructor(
    readonly council: CouncilConfig,
    readonly feed: FeedConfig,
    private readonly contracts: ContractSet,
    private readonly subjectKeys: SubjectKeyCache,
  ) {}

  /** Every source field the mapping reads, in a stable order, without repeats. */
  get sourceFields(): string[] {
    const fields = new Set<string>(this.feed.mapping.naturalKey ?? []);
    for (const event of this.feed.mapping.events) {
      if (event.when) fields.add(event.when.source);
      for (const rule of rulesOf(event)) if (rule.source !== undefined) fields.add(rule.source);
    }
    return [...fields];
  }

  /** The source fields a file must have: conditions, natural key, required values. */
  get requiredSourceFields(): string[] {
    const fields = new Set<string>(this.feed.mapping.naturalKey ?? []);
    for (const event of this.feed.mapping.events) {
      if (event.when) fields.add(event.when.source);
      if (event.occurredAt.source !== undefined) fields.add(event.occurredAt.source);
      for (const rule of rulesOf(event)) {
        if (rule.required === true && rule.source !== undefined) fields.add(rule.source);
      }
    }
    return [...fields];
  }

  /** A mapper for a file with these columns; absent optional columns read as blank. */
  bind(columns: readonly string[]): RecordMapper {
    const index = columnIndex(columns);
    const indexOf = (source: string): number => index.get(normaliseColumnName(source)) ?? -1;
    const mappings = this.feed.mapping.events.map((event) =>
      compileEventMapping(
        event,
        this.contracts.entry(event.eventType),
        this.contracts.type(event.eventType),
        indexOf,
      ),
    );
    const keyColumns = this.keyColumnsOf(indexOf);
    return new RecordMapper(mappings, {
      council: this.council.gssCode,
      sourceSystem: this.feed.mapping.sourceSystem,
      subjectKeys: this.subjectKeys,
      keyColumns,
      columns,
    });
  }

  /** The natural key's columns, or every column the mapping reads when it names none. */
  private keyColumnsOf(indexOf: (source: string) => number): number[] {
    const key = this.feed.mapping.naturalKey ?? this.sourceFields;
    return key.map(indexOf).filter((index) => index >= 0);
  }
}

function rulesOf(event: FeedConfig['mapping']['events'][number]): FieldRule[] {
  return [
    event.occurredAt,
    ...(event.correlationId ? [event.correlationId] : []),
    ...Object.values(event.payload),
  ];
}
