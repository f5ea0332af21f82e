import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The repository's own contracts directory, for specs that check the real contracts. */
export const REPO_CONTRACTS_DIR = join(__dirname, '..', '..', '..', '..', 'contracts');

export interface TempEvent {
  eventType: string;
  domain: string;
  /** Payload record fields; the record itself is named and documented for the event. */
  fields: object[];
  compatibility?: string;
  topic?: string;
}

/** A contracts directory in a fresh temp dir: the real envelope, a catalogue and payload files. */
export class TempContracts {
  readonly root: string;
  readonly contractsDir: string;

  constructor(prefix = 'joinedup-contracts-') {
    this.root = mkdtempSync(join(tmpdir(), prefix));
    this.contractsDir = join(this.root, 'contracts');
    const envelope = readFileSync(
      join(REPO_CONTRACTS_DIR, 'envelope', 'EventEnvelope.avsc'),
      'utf8',
    );
    this.write('envelope/EventEnvelope.avsc', envelope);
  }

  /** Writes the catalogue and every payload file for `events`. */
  define(events: TempEvent[]): this {
    this.writeCatalogue({
      namespace: 'uk.gov.council.joinedup',
      envelope: 'envelope/EventEnvelope.avsc',
      subjectNameStrategy: 'TopicRecordNameStrategy',
      events: events.map((event) => ({
        eventType: event.eventType,
        domain: event.domain,
        schema: `${event.domain}/${event.eventType}.avsc`,
        topic: event.topic ?? `joinedup.${event.domain}.things.v1`,
        key: {
          field: 'subjectKey',
          from: [{ path: 'payload.reference', identifier: 'REFERENCE' }],
        },
        classification: 'OFFICIAL',
        compatibility: event.compatibility ?? 'BACKWARD_TRANSITIVE',
      })),
    });
    for (const event of events) this.writePayload(event);
    return this;
  }

  writePayload(event: TempEvent): void {
    const payload = {
      type: 'record',
      name: `${event.eventType}Payload`,
      namespace: `uk.gov.council.joinedup.${event.domain}`,
      doc: `Test payload of ${event.eventType}.`,
      fields: event.fields,
    };
    this.write(`${event.domain}/${event.eventType}.avsc`, JSON.stringify(payload, null, 2));
  }

  writeCatalogue(catalogue: unknown): void {
    this.write('catalogue.json', JSON.stringify(catalogue, null, 2));
  }

  write(relativePath: string, text: string): void {
    const path = join(this.contractsDir, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
