import { Type } from 'avsc';
import {
  AvroSchemaError,
  AvroSerde,
  AvroValidationError,
  SchemaRegistryError,
} from '@joinedup/avro';
import { Catalogue, CatalogueEntry, eventFromJson, loadEventType } from '@joinedup/contracts';
import { EventRejectedError } from '../errors/event-rejected.error';
import { RegistryUnavailableError } from '../errors/registry-unavailable.error';
import { OutgoingRecord } from '../kafka/kafka-gateway';

/** An event ready to produce: its catalogue topic, its subjectKey as key, Avro as value. */
export interface EncodedEvent {
  eventType: string;
  eventId: string;
  record: OutgoingRecord;
}

/**
 * Turns an event in the contracts' JSON form into a Kafka record, as the catalogue routes it:
 * the value in the Confluent wire format under the entry's subject, the key the event's
 * subjectKey, and `eventType` and `eventId` headers. Throws EventRejectedError for a bad
 * event, and RegistryUnavailableError when the registry cannot give the schema, which no
 * later event would get either.
 */
export class EventEncoder {
  private readonly entries: ReadonlyMap<string, CatalogueEntry>;
  private readonly types = new Map<string, Type>();

  constructor(
    private readonly catalogue: Catalogue,
    private readonly serde: AvroSerde,
    private readonly registryUrl: string,
  ) {
    this.entries = new Map(catalogue.events.map((entry) => [entry.eventType, entry]));
  }

  async encode(json: Record<string, unknown>): Promise<EncodedEvent> {
    const entry = this.entryFor(json.eventType);
    const event = eventFromJson(this.typeOf(entry), json) as Record<string, unknown>;
    const value = await this.serialise(entry, event);

    const eventId = String(event.eventId);
    return {
      eventType: entry.eventType,
      eventId,
      record: {
        topic: entry.topic,
        key: String(event.subjectKey),
        value,
        headers: { eventType: entry.eventType, eventId },
      },
    };
  }

  private entryFor(eventType: unknown): CatalogueEntry {
    if (typeof eventType !== 'string') {
      throw new EventRejectedError([
        `eventType: expected the name of an event type in the catalogue, found ${describe(eventType)}`,
      ]);
    }
    const entry = this.entries.get(eventType);
    if (entry) return entry;
    throw new EventRejectedError([
      `eventType: ${JSON.stringify(eventType)} is not an event type of the catalogue ` +
        `(${this.catalogue.contractsDir}/catalogue.json lists ${this.entries.size})`,
    ]);
  }

  private typeOf(entry: CatalogueEntry): Type {
    let type = this.types.get(entry.eventType);
    if (type === undefined) {
      type = loadEventType(this.catalogue, entry);
      this.types.set(entry.eventType, type);
    }
    return type;
  }

  private async serialise(entry: CatalogueEntry, event: unknown): Promise<Buffer> {
    try {
      return await this.serde.encode(entry.subject, event);
    } catch (err) {
      if (err instanceof AvroValidationError) {
        throw new EventRejectedError(
          err.problems.map(
            ({ path, expected, found }) => `${path}: expected ${expected}, found ${found}`,
          ),
        );
      }
      if (err instanceof SchemaRegistryError || err instanceof AvroSchemaError) {
        throw new RegistryUnavailableError(this.registryUrl, err);
      }
      throw err;
    }
  }
}

/** Long enough to recognise a value, short enough not to copy a record into the terminal. */
const MAX_FOUND_LENGTH = 40;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  const text = JSON.stringify(value);
  return text.length <= MAX_FOUND_LENGTH ? text : `${text.slice(0, MAX_FOUND_LENGTH)}...`;
}
