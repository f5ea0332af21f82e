import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalForm, parseAvroSchema } from '@joinedup/avro';
import { loadCatalogue } from '../catalogue/load-catalogue';
import { collectNamedTypes, namedTypeSignature } from '../codegen/named-types';
import { REPO_CONTRACTS_DIR } from '../testing/temp-contracts.fixture';
import { lintContractSchema } from './lint-contract-schema';
import { loadEventSchema } from './load-event-schema';

/** Checks every contract in contracts/ against Avro and against the house rules. */
describe('the repository contracts', () => {
  const catalogue = loadCatalogue(REPO_CONTRACTS_DIR);
  const files = [catalogue.envelope, ...catalogue.events.map((entry) => entry.schema)];
  const readSchema = (file: string) =>
    JSON.parse(readFileSync(join(REPO_CONTRACTS_DIR, file), 'utf8'));

  it.each(files)('%s parses with parseAvroSchema on its own', (file) => {
    expect(() =>
      parseAvroSchema(readFileSync(join(REPO_CONTRACTS_DIR, file), 'utf8')),
    ).not.toThrow();
  });

  it.each(files)(
    '%s documents every record, enum and field, defaults every optional field and enum',
    (file) => {
      expect(lintContractSchema(readSchema(file))).toEqual([]);
    },
  );

  it.each(catalogue.events.map((entry) => [entry.eventType, entry] as const))(
    '%s composes into a self-contained schema registries accept',
    (_eventType, entry) => {
      const composed = loadEventSchema(catalogue, entry);
      const text = JSON.stringify(composed);
      const type = parseAvroSchema(text);
      expect(type.name).toBe(entry.recordName);
      expect(canonicalForm(text)).toMatch(/^\{"name":"uk\.gov\.council\.joinedup\./);
      expect(lintContractSchema(composed)).toEqual([]);
    },
  );

  it('uses the payload record of each event in its own domain namespace', () => {
    for (const entry of catalogue.events) {
      const payload = readSchema(entry.schema);
      expect(`${payload.namespace}.${payload.name}`).toBe(`${entry.recordName}Payload`);
    }
  });

  it('defines each named type identically in every file that repeats it', () => {
    const seen = new Map<string, { file: string; signature: string }>();
    const drift: string[] = [];
    for (const entry of catalogue.events) {
      for (const type of collectNamedTypes(loadEventSchema(catalogue, entry))) {
        const signature = namedTypeSignature(type.definition);
        const first = seen.get(type.fullName);
        if (first && first.signature !== signature)
          drift.push(`${type.fullName}: ${first.file} vs ${entry.schema}`);
        if (!first) seen.set(type.fullName, { file: entry.schema, signature });
      }
    }
    expect(drift).toEqual([]);
    expect(seen.has('uk.gov.council.joinedup.waste.WasteService')).toBe(true);
  });

  it.each([
    [
      'dvla/VehicleDetailsRetrieved.avsc',
      'TaxStatus',
      ['NOT_TAXED_FOR_ON_ROAD_USE', 'SORN', 'TAXED', 'UNTAXED'],
    ],
    [
      'dvla/VehicleDetailsRetrieved.avsc',
      'MotStatus',
      ['NO_DETAILS_HELD_BY_DVLA', 'NO_RESULTS_RETURNED', 'NOT_VALID', 'VALID'],
    ],
    [
      'bluebadge/BadgeCancelled.avsc',
      'CancelReason',
      ['DECEASE', 'NOLONG', 'REVOKE', 'LOST', 'STOLE', 'DAMAGED', 'UNDELIVER'],
    ],
    [
      'bluebadge/EligibilityAssessed.avsc',
      'EligibilityOutcome',
      ['AUTOMATIC', 'FURTHER_ASSESSMENT', 'INELIGIBLE'],
    ],
    [
      'waste/AbandonedVehicleAssessed.avsc',
      'AbandonedVehicleOutcome',
      ['REMOVAL_CANDIDATE', 'NO_ACTION', 'REFERRED', 'UNDETERMINED'],
    ],
    ['identity/IdentityVerified.avsc', 'IdentityProvider', ['VERIFY', 'ONE_LOGIN']],
  ])('%s enum %s carries the source symbols %j', (file, enumName, symbols) => {
    const type = collectNamedTypes(readSchema(file)).find((named) => named.shortName === enumName);
    expect(type?.definition.symbols).toEqual(expect.arrayContaining(symbols));
  });

  it('keeps the reporter out of the DVLA vehicle enquiry: the registration is its only field', () => {
    const payload = readSchema('dvla/VehicleEnquiryRequested.avsc');
    expect(payload.fields.map((field: { name: string }) => field.name)).toEqual([
      'registrationNumber',
    ]);
  });

  it('never carries an identity token, only its id', () => {
    const fields = readSchema('identity/IdentityVerified.avsc').fields.map(
      (field: { name: string }) => field.name,
    );
    expect(fields).toContain('tokenId');
    expect(fields).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^(token|idToken|accessToken|jwt)$/i)]),
    );
  });
});
