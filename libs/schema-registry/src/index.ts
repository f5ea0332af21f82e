export { startSchemaRegistry } from './schema-registry';
export type { RunningSchemaRegistry, SchemaRegistryOptions } from './schema-registry';
export {
  loadSchemaRegistrySettings,
  missingSaslCredentials,
  schemaRegistryConfigSchema,
  schemaRegistrySettingsFrom,
} from './registry-config';
export type { SchemaRegistrySettings } from './registry-config';
export type { KafkaConnectionOptions, SaslMechanism } from './store/kafka-connection';
export type { SchemaStore, RecordListener } from './store/schema-store';
export type { RegistryRecord } from './store/registry-record';
export { KafkaSchemaStore } from './store/kafka-schema-store';
export type { KafkaSchemaStoreOptions } from './store/kafka-schema-store';
export { MemorySchemaStore } from './store/memory-schema-store';
export { SchemaStoreError } from './store/schema-store.error';
export { RegistryError } from './errors/registry.error';
export type { RegistryMode } from './state/registry-mode';
