import { CreateProcessedEvent1796315987761 } from './1796315987761-create-processed-event.migration';
import { CreateOutbox1796315987762 } from './1796315987762-create-outbox.migration';

/** This library's own migrations; openDatabase always runs them before any the caller adds. */
export const PERSISTENCE_MIGRATIONS = [
  CreateProcessedEvent1796315987761,
  CreateOutbox1796315987762,
];
