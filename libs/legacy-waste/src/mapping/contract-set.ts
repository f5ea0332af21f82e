import { Type } from 'avsc';
import {
  Catalogue,
  CatalogueEntry,
  findCatalogueEntry,
  loadCatalogue,
  loadEventType,
} from '@joinedup/contracts';

/** The catalogue with each event type's composed Avro type, parsed once and kept. */
export class ContractSet {
  private readonly types = new Map<string, Type>();

  constructor(readonly catalogue: Catalogue = loadCatalogue()) {}

  has(eventType: string): boolean {
    return this.catalogue.events.some((entry) => entry.eventType === eventType);
  }

  entry(eventType: string): CatalogueEntry {
    return findCatalogueEntry(this.catalogue, eventType);
  }

  type(eventType: string): Type {
    let type = this.types.get(eventType);
    if (type === undefined) {
      type = loadEventType(this.catalogue, this.entry(eventType));
      this.types.set(eventType, type);
    }
    return type;
  }
}
