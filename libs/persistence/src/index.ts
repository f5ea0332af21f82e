export { databaseSettings, databaseOptionsFromConfig } from './config/database.settings';
export type { DatabaseConfig } from './config/database.settings';
export type { ClassType, DatabaseOptions } from './database/database-options';
export { openDatabase } from './database/open-database';
export { databaseKindOf } from './database/database-kind';
export type { DatabaseKind } from './database/database-kind';
export { PERSISTENCE_MIGRATIONS } from './migrations/persistence-migrations';

export { PersistenceError, isRetriablePersistenceError } from './errors/persistence.error';
export type { PersistenceErrorCode, PersistenceErrorContext } from './errors/persistence.error';

export { UnitOfWork } from './unit-of-work/unit-of-work';
export type { Transaction } from './unit-of-work/unit-of-work';
export { ProcessedEventStore } from './processed-event/processed-event.store';

export type { OutboxMessage } from './outbox/outbox-message';
export { OutboxStore } from './outbox/outbox.store';
export { OutboxRelay } from './outbox/outbox-relay';
export type { OutboxRelayOptions } from './outbox/outbox-relay-options';
