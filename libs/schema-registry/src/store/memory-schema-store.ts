import { RegistryRecord } from './registry-record';
import { decodeRecord, EncodedRecord, encodeRecord } from './registry-record.codec';
import { RecordListener, SchemaStore } from './schema-store';

/**
 * A log in memory, for specs of the registry's logic. Records pass through the same JSON codec
 * as on Kafka, so what a spec reads back is what a restart would read. Not durable.
 */
export class MemorySchemaStore implements SchemaStore {
  private readonly log: EncodedRecord[] = [];
  private listener?: RecordListener;

  /** The encoded log, for specs that check what was written. */
  get records(): readonly EncodedRecord[] {
    return this.log;
  }

  async start(listener: RecordListener): Promise<void> {
    this.listener = listener;
    for (const encoded of this.log) this.deliver(encoded);
  }

  async append(records: readonly RegistryRecord[]): Promise<void> {
    for (const record of records) {
      const encoded = encodeRecord(record);
      this.log.push(encoded);
      this.deliver(encoded);
    }
  }

  async close(): Promise<void> {
    this.listener = undefined;
  }

  private deliver(encoded: EncodedRecord): void {
    const record = decodeRecord(encoded.key, encoded.value);
    if (record && this.listener) this.listener(record);
  }
}
