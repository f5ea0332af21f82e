import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalForm, parseAvroSchema } from '@joinedup/avro';
import { REPO_CONTRACTS_DIR } from '../testing/temp-contracts.fixture';
import { composeEventSchema, qualifyNames } from './compose-event-schema';

const envelopeFile = join(REPO_CONTRACTS_DIR, 'envelope', 'EventEnvelope.avsc');
const envelope = JSON.parse(readFileSync(envelopeFile, 'utf8'));
const names = {
  eventType: 'ThingHappened',
  namespace: 'uk.gov.council.joinedup.waste',
  envelopeFile,
  payloadFile: 'waste/ThingHappened.avsc',
};
const payload = {
  type: 'record',
  name: 'ThingHappenedPayload',
  namespace: 'uk.gov.council.joinedup.waste',
  doc: 'A thing happened.',
  fields: [{ name: 'reference', type: 'string', doc: 'Ref.' }],
};

describe('composeEventSchema', () => {
  const composed = composeEventSchema(envelope, payload, names);

  it('puts the envelope fields first, in order, then payload', () => {
    const envelopeFields = envelope.fields.map((field: { name: string }) => field.name);
    expect(composed.fields.map((field) => field.name)).toEqual([...envelopeFields, 'payload']);
    expect(envelopeFields.slice(0, 3)).toEqual(['eventId', 'eventType', 'occurredAt']);
  });

  it('names the event record after the event type in its domain namespace, with the payload doc', () => {
    expect(composed).toMatchObject({
      type: 'record',
      name: 'ThingHappened',
      namespace: 'uk.gov.council.joinedup.waste',
      doc: 'A thing happened.',
    });
  });

  it('keeps envelope types in the envelope namespace, not the domain one', () => {
    const parsed = parseAvroSchema(JSON.stringify(composed));
    expect(canonicalForm(composed)).toContain(
      '"name":"uk.gov.council.joinedup.envelope.Classification"',
    );
    expect(parsed.name).toBe('uk.gov.council.joinedup.waste.ThingHappened');
  });

  it('composes a self-contained schema: it parses from its JSON text alone', () => {
    expect(() => parseAvroSchema(JSON.stringify(composed))).not.toThrow();
  });

  it.each([
    [
      'a payload record named otherwise',
      { ...payload, name: 'Thing' },
      'record name "Thing" should be "ThingHappenedPayload"',
    ],
    [
      'a payload in another namespace',
      { ...payload, namespace: 'uk.gov.council.joinedup.care' },
      'namespace "uk.gov.council.joinedup.care" should be "uk.gov.council.joinedup.waste"',
    ],
    [
      'a payload that is not a record',
      { type: 'enum', name: 'X', symbols: ['A'] },
      'expected an Avro record schema',
    ],
    [
      'a payload field called payload',
      { ...payload, fields: [{ name: 'payload', type: 'string', doc: 'x' }] },
      'may not itself be called "payload"',
    ],
  ])('rejects %s, naming the payload file', (_case, badPayload, expected) => {
    expect(() => composeEventSchema(envelope, badPayload, names)).toThrow(
      `waste/ThingHappened.avsc`,
    );
    expect(() => composeEventSchema(envelope, badPayload, names)).toThrow(expected);
  });
});

describe('qualifyNames', () => {
  it('spells named types and references in full, leaving primitives and array and map alone', () => {
    const schema = {
      type: 'record',
      name: 'Outer',
      namespace: 'a.b',
      fields: [
        { name: 'inner', type: { type: 'enum', name: 'Colour', symbols: ['RED'] } },
        { name: 'again', type: 'Colour' },
        { name: 'list', type: { type: 'array', items: 'string' } },
        { name: 'table', type: { type: 'map', values: 'Colour' } },
      ],
    };
    expect(qualifyNames(schema, '')).toEqual({
      type: 'record',
      name: 'a.b.Outer',
      fields: [
        { name: 'inner', type: { type: 'enum', name: 'a.b.Colour', symbols: ['RED'] } },
        { name: 'again', type: 'a.b.Colour' },
        { name: 'list', type: { type: 'array', items: 'string' } },
        { name: 'table', type: { type: 'map', values: 'a.b.Colour' } },
      ],
    });
  });
});
