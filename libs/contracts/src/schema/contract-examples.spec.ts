import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalogue } from '../catalogue/load-catalogue';
import { deriveSubjectKey } from '../pseudonym/derive-subject-key';
import { REPO_CONTRACTS_DIR } from '../testing/temp-contracts.fixture';
import { eventFromJson } from './event-json';
import { loadEventType } from './load-event-schema';

/** The examples' subject keys use this published test key (bytes 0 to 31); never a real one. */
const EXAMPLE_KEY = Buffer.from(Array.from({ length: 32 }, (_, index) => index));

describe('contracts/examples', () => {
  const catalogue = loadCatalogue(REPO_CONTRACTS_DIR);
  const cases = catalogue.events.map((entry) => [entry.eventType, entry] as const);
  const readExample = (eventType: string): Record<string, unknown> =>
    JSON.parse(readFileSync(join(REPO_CONTRACTS_DIR, 'examples', `${eventType}.json`), 'utf8'));

  it.each(cases)('%s is valid against its composed schema', (eventType, entry) => {
    const type = loadEventType(catalogue, entry);
    const event = eventFromJson(type, readExample(eventType));
    const problems: string[] = [];
    type.isValid(event, { errorHook: (path) => problems.push(path.join('.')) });
    expect(problems).toEqual([]);
  });

  it.each(cases)('%s survives an Avro binary round trip unchanged', (eventType, entry) => {
    const type = loadEventType(catalogue, entry);
    const event = eventFromJson(type, readExample(eventType));
    const decoded = type.fromBuffer(type.toBuffer(event));
    expect(decoded).toEqual(event);
    expect(JSON.parse(JSON.stringify(decoded))).toEqual(readExample(eventType));
  });

  it.each(cases)(
    '%s carries its own event type, classification and derived subject key',
    (eventType, entry) => {
      const example = readExample(eventType);
      expect(example.eventType).toBe(eventType);
      expect(example.classification).toBe(entry.classification);
      expect(example.subjectKey).toBe(deriveSubjectKey(entry, example, EXAMPLE_KEY));
    },
  );

  it('rejects an example whose payload breaks the schema, naming the path', () => {
    const entry = catalogue.events.find(
      (candidate) => candidate.eventType === 'BulkyCollectionBooked',
    )!;
    const type = loadEventType(catalogue, entry);
    const example = readExample('BulkyCollectionBooked');
    const broken = { ...example, payload: { ...(example.payload as object), charge: '12.345' } };
    const problems: string[] = [];
    type.isValid(eventFromJson(type, broken), {
      errorHook: (path) => problems.push(path.join('.')),
    });
    expect(problems).toEqual(['payload.charge']);
  });
});
