import { DataSource } from 'typeorm';
import { OutboxRelay, OutboxStore, ProcessedEventStore, UnitOfWork } from '@joinedup/persistence';

/** The persistence parts the backbone uses when a database is configured. */
export interface BackboneDatabase {
  dataSource: DataSource;
  unitOfWork: UnitOfWork;
  processed: ProcessedEventStore;
  outbox: OutboxStore;
  relay: OutboxRelay;
}
