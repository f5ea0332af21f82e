import { Type } from 'avsc';
import { AvroSerde } from '@joinedup/avro';
import { Catalogue, CatalogueEntry, JoinedUpEvent, loadEventType } from '@joinedup/contracts';

/** What a record's value decoded to: an event, or a record whose type the catalogue lacks. */
export type DecodedValue =
  | { known: true; event: JoinedUpEvent; entry: CatalogueEntry }
  | { known: false; eventType: string | undefined };

/**
 * Turns events into Kafka values and back, in the Confluent wire format, under the subjects
 * the catalogue gives. Values are read as the contract schema this app was built with (the
 * one its generated types describe), resolved from whatever compatible version wrote them.
 */
export class EventCodec {
  private readonly entries: Map<string, CatalogueEntry>;
  private readonly readerTypes = new Map<string, Type>();

  constructor(
    private readonly serde: AvroSerde,
    private readonly catalogue: Catalogue,
  ) {
    this.entries = new Map(catalogue.events.map((entry) => [entry.eventType, entry]));
  }

  entry(eventType: string): CatalogueEntry | undefined {
    return this.entries.get(eventType);
  }

  /** Encodes with the subject's latest registered version; rejects values that do not match. */
  encode(entry: CatalogueEntry, event: JoinedUpEvent): Promise<Buffer> {
    return this.serde.encode(entry.subject, event);
  }

  /**
   * Decodes a value. With the event type from the record's header the contract schema is
   * applied at once; without it the value is read as written first to learn its type.
   */
  async decode(value: Buffer, eventTypeHeader: string | undefined): Promise<DecodedValue> {
    const hinted = eventTypeHeader === undefined ? undefined : this.entries.get(eventTypeHeader);
    if (hinted !== undefined) return this.decodeAs(value, hinted);
    const written = await this.serde.decode<{ eventType?: unknown }>(value);
    const eventType = typeof written?.eventType === 'string' ? written.eventType : undefined;
    const entry = eventType === undefined ? undefined : this.entries.get(eventType);
    if (entry === undefined) return { known: false, eventType };
    return this.decodeAs(value, entry);
  }

  private async decodeAs(value: Buffer, entry: CatalogueEntry): Promise<DecodedValue> {
    const event = await this.serde.decode<JoinedUpEvent>(value, {
      readerSchema: this.readerType(entry),
    });
    return { known: true, event, entry };
  }

  private readerType(entry: CatalogueEntry): Type {
    let type = this.readerTypes.get(entry.eventType);
    if (type === undefined) {
      type = loadEventType(this.catalogue, entry);
      this.readerTypes.set(entry.eventType, type);
    }
    return type;
  }
}
