import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LegacyWasteError } from '../errors/legacy-waste.error';
import { ContractSet } from '../mapping/contract-set';
import { COUNCILS_DIR } from '../testing/legacy-fixtures';
import { loadCouncilConfig, loadCouncilConfigs } from './council-config.loader';

const contracts = new ContractSet();

describe(loadCouncilConfig.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'joinedup-council-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, json: unknown): void {
    writeFileSync(join(dir, name), JSON.stringify(json));
  }

  it('loads the repository councils with every feed', () => {
    const [adur] = loadCouncilConfigs(COUNCILS_DIR, contracts);
    expect(adur).toMatchObject({ id: 'adur', gssCode: 'E07000223', name: 'Adur District Council' });
    expect([...adur.feeds.keys()].sort()).toEqual([
      'bartec-premises-events',
      'bartec-service-requests',
      'in-cab-fixed',
      'missed-collections',
      'round-events',
    ]);
    expect(adur.feeds.get('round-events')).toMatchObject({
      format: 'csv',
      delimiter: ',',
      maxPreambleRows: 10,
    });
  });

  it('lists every problem of a council at once, by file and path', () => {
    write('council.json', {
      id: 'Adur',
      gssCode: 'E0700022',
      feeds: {
        rounds: { format: 'csv', encoding: 'latin-9', mapping: 'rounds.mapping.json' },
        layout: { format: 'fixed-width', mapping: 'rounds.mapping.json', layout: 'missing.json' },
        xml: { format: 'soap' },
      },
    });
    write('rounds.mapping.json', {
      sourceSystem: 'Bartec',
      events: [
        {
          eventType: 'CollectionEventRecorded',
          occurredAt: { source: 'Date', type: 'date' },
          payload: {
            colour: { source: 'Colour', type: 'text' },
            service: {
              source: 'Service',
              type: 'code',
              codes: { Refuse: 'REFUSE', Glass: 'BOTTLES' },
            },
            level: { constant: 'HOUSE', type: 'text' },
            uprn: { type: 'uprn' },
          },
        },
        { eventType: 'BinEmptied', occurredAt: {}, payload: {} },
      ],
    });
    let message = '';
    try {
      loadCouncilConfig(dir, contracts);
    } catch (err) {
      expect(err).toBeInstanceOf(LegacyWasteError);
      expect((err as LegacyWasteError).code).toBe('COUNCIL_CONFIG_INVALID');
      message = (err as Error).message;
    }
    for (const expected of [
      'id: "Adur" is not valid: expected lower-case words joined by -',
      'gssCode: "E0700022" is not valid',
      'feeds.rounds.encoding: "latin-9" is not one of auto, utf-8, windows-1252',
      'rounds.mapping.json: sourceSystem: "Bartec" is not valid',
      'rounds.mapping.json: events[0].occurredAt.type: expected "datetime"',
      'rounds.mapping.json: events[0].payload.colour: CollectionEventRecorded has no field payload.colour',
      'rounds.mapping.json: events[0].payload.service.codes: "BOTTLES" is not one of UNKNOWN, REFUSE',
      'rounds.mapping.json: events[0].payload.level.constant: "HOUSE" is not one of UNKNOWN, PROPERTY, STREET',
      'rounds.mapping.json: events[0].payload.uprn: expected exactly one of source and constant',
      'rounds.mapping.json: events[1].eventType: "BinEmptied" is not an event type of the catalogue',
      'feeds.layout.layout: ',
      'feeds.xml.format: "soap" is not one of csv, fixed-width, bartec-xml',
    ]) {
      expect(message).toContain(expected);
    }
  });

  it('names a council file that is not JSON', () => {
    writeFileSync(join(dir, 'council.json'), '{ "id": "adur", }');
    expect(() => loadCouncilConfig(dir, contracts)).toThrow(
      /council.json is not a valid council configuration:\n {2}is not JSON/,
    );
  });

  it('refuses overlapping fixed-width fields and a date field without its format', () => {
    mkdirSync(join(dir, 'x'));
    write('council.json', {
      id: 'x',
      gssCode: 'E07000223',
      feeds: { f: { format: 'fixed-width', layout: 'f.layout.json', mapping: 'f.mapping.json' } },
    });
    write('f.layout.json', {
      fields: [
        { name: 'A', start: 1, length: 5 },
        { name: 'B', start: 4, length: 2, type: 'date' },
      ],
    });
    write('f.mapping.json', {
      sourceSystem: 'x',
      events: [
        {
          eventType: 'CollectionEventRecorded',
          occurredAt: { source: 'B', type: 'datetime' },
          payload: { uprn: { source: 'A', type: 'uprn' } },
        },
      ],
    });
    expect(() => loadCouncilConfig(dir, contracts)).toThrow(
      /fields\[1\]\.dateFormat: expected a pattern/,
    );
    expect(() => loadCouncilConfig(dir, contracts)).toThrow(/fields\[1\]: B overlaps A/);
  });
});
