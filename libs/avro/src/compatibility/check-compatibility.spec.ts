import {
  AvroSchemaError,
  checkCompatibility,
  COMPATIBILITY_LEVELS,
  CompatibilityLevel,
} from '@joinedup/avro';

type Field = { name: string; type: unknown; default?: unknown };

function resident(...fields: Field[]): string {
  return JSON.stringify({
    type: 'record',
    name: 'Resident',
    namespace: 'uk.gov.joinedup.people',
    fields: [{ name: 'residentId', type: { type: 'string', logicalType: 'uuid' } }, ...fields],
  });
}

const name: Field = { name: 'name', type: 'string' };
const nameWithDefault: Field = { name: 'name', type: 'string', default: '' };
const email: Field = { name: 'email', type: ['null', 'string'], default: null };

/**
 * Histories (oldest first) and a candidate, chosen so that each level gives a different
 * answer somewhere: the transitive levels catch what only an older version breaks.
 */
const scenarios = {
  /** An optional field added: every level allows it. */
  optionalFieldAdded: { previous: [resident(name)], candidate: resident(name, email) },
  /** A required field added: old data lacks it, so the new schema cannot read it. */
  requiredFieldAdded: { previous: [resident()], candidate: resident(name) },
  /** A required field removed: the new schema ignores it, old readers need it. */
  requiredFieldRemoved: { previous: [resident(name)], candidate: resident() },
  /** v2 gave name a default, v3 took it away: only v1 (without name) is broken. */
  defaultRemovedAfterAdding: {
    previous: [resident(), resident(nameWithDefault)],
    candidate: resident(name),
  },
  /** v2 gave name a default, v3 dropped name: v1 readers still need it. */
  fieldDroppedAfterDefault: {
    previous: [resident(name), resident(nameWithDefault)],
    candidate: resident(),
  },
  /** The id became an int: nothing reads anything, only NONE allows it. */
  typeChanged: {
    previous: [resident()],
    candidate: JSON.stringify({
      type: 'record',
      name: 'Resident',
      fields: [{ name: 'residentId', type: 'int' }],
    }),
  },
};

type Scenario = keyof typeof scenarios;

const EXPECTED: Record<Scenario, Record<CompatibilityLevel, boolean>> = {
  optionalFieldAdded: {
    NONE: true,
    BACKWARD: true,
    BACKWARD_TRANSITIVE: true,
    FORWARD: true,
    FORWARD_TRANSITIVE: true,
    FULL: true,
    FULL_TRANSITIVE: true,
  },
  requiredFieldAdded: {
    NONE: true,
    BACKWARD: false,
    BACKWARD_TRANSITIVE: false,
    FORWARD: true,
    FORWARD_TRANSITIVE: true,
    FULL: false,
    FULL_TRANSITIVE: false,
  },
  requiredFieldRemoved: {
    NONE: true,
    BACKWARD: true,
    BACKWARD_TRANSITIVE: true,
    FORWARD: false,
    FORWARD_TRANSITIVE: false,
    FULL: false,
    FULL_TRANSITIVE: false,
  },
  defaultRemovedAfterAdding: {
    NONE: true,
    BACKWARD: true,
    BACKWARD_TRANSITIVE: false,
    FORWARD: true,
    FORWARD_TRANSITIVE: true,
    FULL: true,
    FULL_TRANSITIVE: false,
  },
  fieldDroppedAfterDefault: {
    NONE: true,
    BACKWARD: true,
    BACKWARD_TRANSITIVE: true,
    FORWARD: true,
    FORWARD_TRANSITIVE: false,
    FULL: true,
    FULL_TRANSITIVE: false,
  },
  typeChanged: {
    NONE: true,
    BACKWARD: false,
    BACKWARD_TRANSITIVE: false,
    FORWARD: false,
    FORWARD_TRANSITIVE: false,
    FULL: false,
    FULL_TRANSITIVE: false,
  },
};

const table = (Object.keys(scenarios) as Scenario[]).flatMap((scenario) =>
  COMPATIBILITY_LEVELS.map((level) => ({ scenario, level, compatible: EXPECTED[scenario][level] })),
);

describe(checkCompatibility.name, () => {
  it('knows the seven Confluent levels', () => {
    expect(COMPATIBILITY_LEVELS).toEqual([
      'NONE',
      'BACKWARD',
      'BACKWARD_TRANSITIVE',
      'FORWARD',
      'FORWARD_TRANSITIVE',
      'FULL',
      'FULL_TRANSITIVE',
    ]);
  });

  it.each(table)(
    '$scenario under $level: compatible=$compatible',
    ({ scenario, level, compatible }) => {
      const { candidate, previous } = scenarios[scenario];

      const result = checkCompatibility(candidate, previous, level);

      expect(result.compatible).toBe(compatible);
      expect(result.incompatibilities.length === 0).toBe(compatible);
      expect(result.messages).toHaveLength(result.incompatibilities.length);
    },
  );

  it('allows anything as the first version', () => {
    for (const level of COMPATIBILITY_LEVELS) {
      expect(checkCompatibility(resident(name), [], level).compatible).toBe(true);
    }
  });

  it('says which previous schema and which direction failed', () => {
    const { candidate, previous } = scenarios.defaultRemovedAfterAdding;

    const result = checkCompatibility(candidate, previous, 'FULL_TRANSITIVE');

    expect(result.messages).toEqual([
      'the new schema cannot read data written with previous schema 1 of 2: ' +
        "READER_FIELD_MISSING_DEFAULT_VALUE at /fields/name: reader field 'name' of record " +
        "'uk.gov.joinedup.people.Resident' has no default and the writer has no such field; " +
        'add a default',
    ]);
  });

  it('reports both directions under FULL', () => {
    const { candidate, previous } = scenarios.typeChanged;

    const result = checkCompatibility(candidate, previous, 'FULL');

    expect(result.incompatibilities).toMatchObject([
      { rule: 'TYPE_MISMATCH', path: '/fields/residentId/type' },
      { rule: 'TYPE_MISMATCH', path: '/fields/residentId/type' },
    ]);
    expect(result.messages[0]).toMatch(/^the new schema cannot read data written with/);
    expect(result.messages[1]).toMatch(/^previous schema 1 of 1 cannot read data written with/);
  });

  it('rejects an invalid candidate even under NONE', () => {
    expect(() => checkCompatibility('{"type": "record"', [resident()], 'NONE')).toThrow(
      AvroSchemaError,
    );
  });

  it('rejects an unknown level rather than passing everything', () => {
    expect(() =>
      checkCompatibility(resident(), [resident()], 'SIDEWAYS' as CompatibilityLevel),
    ).toThrow('unknown compatibility level "SIDEWAYS"');
  });
});
