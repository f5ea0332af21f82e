import { RegistryRecord } from './registry-record';

/** Receives every record of the log, in log order, exactly as it was appended. */
export type RecordListener = (record: RegistryRecord) => void;

/**
 * The registry's durable log: the port its state is rebuilt from and written through.
 * Implementations: KafkaSchemaStore (the `_schemas` topic, the real one) and MemorySchemaStore
 * (pure-logic specs only).
 */
export interface SchemaStore {
  /**
   * Replays the log from its beginning to its current end through `listener`, then keeps
   * delivering records appended later (by this registry or another writer) until closed.
   * Resolves once the replay has reached the end.
   */
  start(listener: RecordListener): Promise<void>;

  /**
   * Appends the records in order. Resolves only after they are durably acknowledged
   * and have been delivered to the listener, so the caller's state already holds them.
   */
  append(records: readonly RegistryRecord[]): Promise<void>;

  close(): Promise<void>;
}
