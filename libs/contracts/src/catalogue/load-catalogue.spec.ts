import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_CONTRACTS_DIR, TempContracts } from '../testing/temp-contracts.fixture';
import { ContractError } from './contract.error';
import { findCatalogueEntry, loadCatalogue } from './load-catalogue';

describe('loadCatalogue', () => {
  describe('on the repository catalogue', () => {
    const catalogue = loadCatalogue(REPO_CONTRACTS_DIR);

    it('lists every payload file under contracts/<domain>/ exactly once', () => {
      const domains = ['waste', 'dvla', 'care', 'bluebadge', 'identity'];
      const onDisk = domains.flatMap((domain) =>
        readdirSync(join(REPO_CONTRACTS_DIR, domain)).map((file) => `${domain}/${file}`),
      );
      const listed = catalogue.events.map((entry) => entry.schema);
      expect([...listed].sort()).toEqual([...onDisk].sort());
      expect(new Set(listed).size).toBe(listed.length);
    });

    it('derives each subject as <topic>-<fully qualified record name>', () => {
      const entry = findCatalogueEntry(catalogue, 'MissedCollectionReported');
      expect(entry.recordName).toBe('uk.gov.council.joinedup.waste.MissedCollectionReported');
      expect(entry.subject).toBe(
        'joinedup.waste.requests.v1-uk.gov.council.joinedup.waste.MissedCollectionReported',
      );
    });

    it.each([
      ['waste', 'BACKWARD_TRANSITIVE'],
      ['dvla', 'BACKWARD_TRANSITIVE'],
      ['bluebadge', 'BACKWARD_TRANSITIVE'],
      ['care', 'FULL_TRANSITIVE'],
      ['identity', 'FULL_TRANSITIVE'],
    ])('gives every %s event %s compatibility', (domain, level) => {
      const levels = catalogue.events
        .filter((entry) => entry.domain === domain)
        .map((entry) => entry.compatibility);
      expect(levels.length).toBeGreaterThan(0);
      expect(new Set(levels)).toEqual(new Set([level]));
    });

    it('classifies every care event as special category', () => {
      const care = catalogue.events.filter((entry) => entry.domain === 'care');
      expect(new Set(care.map((entry) => entry.classification))).toEqual(
        new Set(['SPECIAL_CATEGORY']),
      );
    });

    it('keys every care event by the NHS number', () => {
      const care = catalogue.events.filter((entry) => entry.domain === 'care');
      for (const entry of care) {
        expect(entry.key.from.map((source) => source.identifier)).toEqual(['NHS_NUMBER']);
      }
    });

    it('names the known event types when asked for an unknown one', () => {
      expect(() => findCatalogueEntry(catalogue, 'BinExploded')).toThrow(
        /unknown event type "BinExploded": the catalogue lists .*MissedCollectionReported/,
      );
    });
  });

  describe('on a broken catalogue', () => {
    let contracts: TempContracts;
    beforeEach(() => {
      contracts = new TempContracts().define([
        {
          eventType: 'ThingHappened',
          domain: 'waste',
          fields: [{ name: 'reference', type: 'string', doc: 'Ref.' }],
        },
      ]);
    });
    afterEach(() => contracts.remove());

    const valid = () => ({
      namespace: 'uk.gov.council.joinedup',
      envelope: 'envelope/EventEnvelope.avsc',
      subjectNameStrategy: 'TopicRecordNameStrategy',
      events: [
        {
          eventType: 'ThingHappened',
          domain: 'waste',
          schema: 'waste/ThingHappened.avsc',
          topic: 'joinedup.waste.things.v1',
          key: {
            field: 'subjectKey',
            from: [{ path: 'payload.reference', identifier: 'REFERENCE' }],
          },
          classification: 'OFFICIAL',
          compatibility: 'BACKWARD_TRANSITIVE',
        },
      ],
    });

    it('accepts the valid starting point', () => {
      contracts.writeCatalogue(valid());
      expect(loadCatalogue(contracts.contractsDir).events).toHaveLength(1);
    });

    it.each<[string, (catalogue: ReturnType<typeof valid>) => void, string]>([
      [
        'a topic off the naming scheme',
        (c) => (c.events[0].topic = 'waste-things'),
        'events[0].topic: "waste-things" should look like joinedup.<domain>.<stream>.v1',
      ],
      [
        'a topic in another domain',
        (c) => (c.events[0].topic = 'joinedup.care.things.v1'),
        'events[0].topic: "joinedup.care.things.v1" is not in domain "waste"',
      ],
      [
        'an unknown classification',
        (c) => (c.events[0].classification = 'SECRET'),
        'events[0].classification: "SECRET" is not one of OFFICIAL',
      ],
      [
        'an unknown compatibility level',
        (c) => (c.events[0].compatibility = 'SIDEWAYS'),
        'events[0].compatibility: "SIDEWAYS" is not a compatibility level',
      ],
      [
        'a schema path not matching the event',
        (c) => (c.events[0].schema = 'waste/Other.avsc'),
        'events[0].schema: "waste/Other.avsc" should be "waste/ThingHappened.avsc"',
      ],
      [
        'a missing schema file',
        (c) => {
          c.events[0].eventType = 'Missing';
          c.events[0].schema = 'waste/Missing.avsc';
        },
        'events[0].schema: file "waste/Missing.avsc" does not exist',
      ],
      [
        'an unknown identifier kind',
        (c) => (c.events[0].key.from[0].identifier = 'PASSPORT'),
        'events[0].key.from[0].identifier: "PASSPORT" is not one of UPRN',
      ],
      [
        'no key source',
        (c) => (c.events[0].key.from = []),
        'events[0].key.from: expected at least one key source',
      ],
      [
        'a duplicate event type',
        (c) => c.events.push({ ...c.events[0] }),
        'events[1].eventType: "ThingHappened" is listed twice',
      ],
      [
        'another subject name strategy',
        (c) => (c.subjectNameStrategy = 'TopicNameStrategy'),
        'subjectNameStrategy: "TopicNameStrategy" is not supported',
      ],
    ])('reports %s by its JSON path', (_case, breakIt, expected) => {
      const catalogue = valid();
      breakIt(catalogue);
      contracts.writeCatalogue(catalogue);
      expect(() => loadCatalogue(contracts.contractsDir)).toThrow(expected);
    });

    it('reports every problem at once, naming the file', () => {
      const catalogue = valid();
      catalogue.events[0].topic = 'bad';
      catalogue.events[0].classification = 'SECRET';
      contracts.writeCatalogue(catalogue);
      const error = (() => {
        try {
          loadCatalogue(contracts.contractsDir);
        } catch (err) {
          return err as ContractError;
        }
        throw new Error('expected a ContractError');
      })();
      expect(error).toBeInstanceOf(ContractError);
      expect(error.file).toBe(join(contracts.contractsDir, 'catalogue.json'));
      expect(error.problems).toHaveLength(2);
    });

    it('names the file when the catalogue is not JSON', () => {
      contracts.write('catalogue.json', '{ "events": [ }');
      expect(() => loadCatalogue(contracts.contractsDir)).toThrow(
        /catalogue\.json: not valid JSON/,
      );
    });
  });
});
