import { copyFileSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogue } from '../catalogue/load-catalogue';
import { EVENT_ROUTES, JoinedUpEvent } from '../generated';
import { REPO_CONTRACTS_DIR, TempContracts } from '../testing/temp-contracts.fixture';
import { generateContractTypes } from './generate-contract-types';
import { findStaleGeneratedFiles } from './generated-files';

const GENERATED_DIR = join(__dirname, '..', 'generated');
const PRETTIER_CONFIG = join(REPO_CONTRACTS_DIR, '..', '.prettierrc');

describe('generateContractTypes', () => {
  const catalogue = loadCatalogue(REPO_CONTRACTS_DIR);
  const files = generateContractTypes(catalogue);

  it('writes envelope.ts, one file per domain, and index.ts', () => {
    expect(files.map((file) => file.name).sort()).toEqual([
      'bluebadge.ts',
      'care.ts',
      'dvla.ts',
      'envelope.ts',
      'identity.ts',
      'index.ts',
      'waste.ts',
    ]);
  });

  it('matches the committed types in libs/contracts/src/generated', () => {
    expect(findStaleGeneratedFiles(GENERATED_DIR, files, PRETTIER_CONFIG)).toEqual([]);
  });

  it('routes every catalogue event type to its topic and subject', () => {
    expect(Object.keys(EVENT_ROUTES).sort()).toEqual(
      catalogue.events.map((entry) => entry.eventType).sort(),
    );
    for (const entry of catalogue.events) {
      expect(EVENT_ROUTES[entry.eventType as JoinedUpEvent['eventType']]).toEqual({
        topic: entry.topic,
        subject: entry.subject,
        recordName: entry.recordName,
        schema: entry.schema,
        classification: entry.classification,
      });
    }
  });

  it('lets consumers narrow JoinedUpEvent by eventType', () => {
    const summarise = (event: JoinedUpEvent): string =>
      event.eventType === 'DeathNotified' ? event.payload.dateOfDeath : event.eventType;
    const death = { eventType: 'DeathNotified', payload: { dateOfDeath: '2025-11-30' } };
    expect(summarise(death as JoinedUpEvent)).toBe('2025-11-30');
  });
});

describe('findStaleGeneratedFiles', () => {
  let committed: string;
  const catalogue = loadCatalogue(REPO_CONTRACTS_DIR);
  const files = generateContractTypes(catalogue);

  beforeEach(() => {
    committed = mkdtempSync(join(tmpdir(), 'joinedup-generated-'));
    for (const name of readdirSync(GENERATED_DIR))
      copyFileSync(join(GENERATED_DIR, name), join(committed, name));
  });
  afterEach(() => rmSync(committed, { recursive: true, force: true }));

  it('names each stale file and why', () => {
    writeFileSync(join(committed, 'waste.ts'), '// edited by hand\n');
    unlinkSync(join(committed, 'dvla.ts'));
    writeFileSync(join(committed, 'leftover.ts'), 'export {};\n');

    expect(findStaleGeneratedFiles(committed, files, PRETTIER_CONFIG)).toEqual(
      expect.arrayContaining([
        { file: join(committed, 'waste.ts'), reason: 'differs' },
        { file: join(committed, 'dvla.ts'), reason: 'missing' },
        { file: join(committed, 'leftover.ts'), reason: 'not generated' },
      ]),
    );
  });

  it('passes an untouched copy', () => {
    expect(findStaleGeneratedFiles(committed, files, PRETTIER_CONFIG)).toEqual([]);
  });
});

describe('generateContractTypes on small contracts', () => {
  let contracts: TempContracts;
  afterEach(() => contracts.remove());

  const geoPoint = (fields: object[]) => ({
    type: 'record',
    name: 'GeoPoint',
    doc: 'A point.',
    fields,
  });

  it('maps Avro types to the TypeScript values avsc reads and writes', () => {
    contracts = new TempContracts().define([
      {
        eventType: 'ThingHappened',
        domain: 'waste',
        fields: [
          { name: 'reference', type: 'string', doc: 'Ref.' },
          { name: 'note', type: ['null', 'string'], default: null, doc: 'Note.' },
          { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' }, doc: 'When.' },
          { name: 'on', type: { type: 'int', logicalType: 'date' }, doc: 'Day.' },
          {
            name: 'cost',
            type: { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 },
            doc: 'Cost.',
          },
          { name: 'tags', type: { type: 'array', items: 'string' }, default: [], doc: 'Tags.' },
          { name: 'extra', type: { type: 'map', values: 'int' }, default: {}, doc: 'Extra.' },
          {
            name: 'state',
            type: {
              type: 'enum',
              name: 'State',
              doc: 'S.',
              symbols: ['UNKNOWN', 'ON'],
              default: 'UNKNOWN',
            },
            doc: 'State.',
          },
        ],
      },
    ]);
    const waste = generateContractTypes(loadCatalogue(contracts.contractsDir)).find(
      (file) => file.name === 'waste.ts',
    );
    expect(waste?.content).toContain('export interface ThingHappenedPayload {');
    for (const line of [
      'reference: string;',
      'note: string | null;',
      'at: Date;',
      'on: string;',
      'cost: string;',
      'tags: string[];',
      'extra: Record<string, number>;',
      'state: State;',
      "export type State = 'UNKNOWN' | 'ON';",
      "eventType: 'ThingHappened';",
      'payload: ThingHappenedPayload;',
    ]) {
      expect(waste?.content).toContain(line);
    }
  });

  it('refuses two different types that would share one TypeScript name', () => {
    contracts = new TempContracts().define([
      {
        eventType: 'ThingHappened',
        domain: 'waste',
        fields: [
          { name: 'at', type: geoPoint([{ name: 'x', type: 'double', doc: 'X.' }]), doc: 'At.' },
        ],
      },
      {
        eventType: 'OtherHappened',
        domain: 'care',
        fields: [
          { name: 'at', type: geoPoint([{ name: 'y', type: 'double', doc: 'Y.' }]), doc: 'At.' },
        ],
      },
    ]);
    expect(() => generateContractTypes(loadCatalogue(contracts.contractsDir))).toThrow(
      'uk.gov.council.joinedup.care.GeoPoint and uk.gov.council.joinedup.waste.GeoPoint would both be TypeScript type GeoPoint',
    );
  });

  it('refuses one named type defined differently in two payload files', () => {
    contracts = new TempContracts().define([
      {
        eventType: 'ThingHappened',
        domain: 'waste',
        fields: [
          { name: 'at', type: geoPoint([{ name: 'x', type: 'double', doc: 'X.' }]), doc: 'At.' },
        ],
      },
      {
        eventType: 'OtherHappened',
        domain: 'waste',
        fields: [
          { name: 'at', type: geoPoint([{ name: 'x', type: 'float', doc: 'X.' }]), doc: 'At.' },
        ],
      },
    ]);
    expect(() => generateContractTypes(loadCatalogue(contracts.contractsDir))).toThrow(
      'uk.gov.council.joinedup.waste.GeoPoint is defined differently in waste/ThingHappened.avsc and waste/OtherHappened.avsc',
    );
  });
});
