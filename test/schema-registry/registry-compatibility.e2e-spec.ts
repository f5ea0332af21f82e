import { RegistryHarness, uniqueName } from '../support/registry-harness';

jest.setTimeout(60_000);

type Field = { name: string; type: unknown; default?: unknown };
const person = (fields: Field[]) => ({
  type: 'record',
  name: 'Person',
  namespace: 'gov.uk.test',
  fields,
});

const id: Field = { name: 'id', type: 'string' };
const name: Field = { name: 'name', type: 'string' };
const nameWithDefault: Field = { name: 'name', type: 'string', default: 'unknown' };
const emailWithDefault: Field = { name: 'email', type: ['null', 'string'], default: null };
const age: Field = { name: 'age', type: 'int' };

interface PairCase {
  level: string;
  previous: Field[];
  compatible: Field[];
  incompatible?: Field[];
  /** The field the 409 message must name. */
  field?: string;
}

/** One compatible and one incompatible successor per level (NONE accepts everything). */
const PAIRS: PairCase[] = [
  {
    level: 'BACKWARD',
    previous: [id, name],
    compatible: [id, name, emailWithDefault],
    incompatible: [id, name, age],
    field: 'age',
  },
  {
    level: 'FORWARD',
    previous: [id, name],
    compatible: [id, name, age],
    incompatible: [id],
    field: 'name',
  },
  {
    level: 'FULL',
    previous: [id, name],
    compatible: [id, name, emailWithDefault],
    incompatible: [id, name, age],
    field: 'age',
  },
  {
    level: 'BACKWARD_TRANSITIVE',
    previous: [id, name],
    compatible: [id, name, emailWithDefault],
    incompatible: [id, name, age],
    field: 'age',
  },
  {
    level: 'FORWARD_TRANSITIVE',
    previous: [id, name],
    compatible: [id, name, age],
    incompatible: [id],
    field: 'name',
  },
  {
    level: 'FULL_TRANSITIVE',
    previous: [id, name],
    compatible: [id, name, emailWithDefault],
    incompatible: [id, name, age],
    field: 'age',
  },
  { level: 'NONE', previous: [id, name], compatible: [{ name: 'id', type: 'long' }] },
];

interface TransitiveCase {
  level: string;
  history: Field[][];
  /** Compatible with the latest version, incompatible with the first. */
  candidate: Field[];
  field: string;
}

const TRANSITIVE: TransitiveCase[] = [
  {
    level: 'BACKWARD',
    history: [[id], [id, nameWithDefault]],
    candidate: [id, name],
    field: 'name',
  },
  {
    level: 'FORWARD',
    history: [
      [id, name],
      [id, nameWithDefault],
    ],
    candidate: [id],
    field: 'name',
  },
  { level: 'FULL', history: [[id], [id, nameWithDefault]], candidate: [id, name], field: 'name' },
];

describe('schema registry compatibility levels over the real broker', () => {
  const harness = new RegistryHarness();

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  async function subjectWith(level: string, history: Field[][]): Promise<string> {
    const subject = uniqueName(`compat-${level.toLowerCase()}`);
    expect((await harness.put(`/config/${subject}`, { compatibility: level })).status).toBe(200);
    for (const fields of history) {
      expect((await harness.register(subject, person(fields))).status).toBe(200);
    }
    return subject;
  }

  describe.each(PAIRS)('$level', ({ level, previous, compatible, incompatible, field }) => {
    it('registers a compatible successor as the next version', async () => {
      const subject = await subjectWith(level, [previous]);
      const check = await harness.post(`/compatibility/subjects/${subject}/versions/latest`, {
        schema: JSON.stringify(person(compatible)),
      });
      expect(check.body).toEqual({ is_compatible: true });
      expect((await harness.register(subject, person(compatible))).status).toBe(200);
      expect((await harness.get(`/subjects/${subject}/versions`)).body).toEqual([1, 2]);
    });

    if (incompatible && field) {
      it(`rejects an incompatible successor with 409 naming "${field}", and stores nothing`, async () => {
        const subject = await subjectWith(level, [previous]);
        const response = await harness.register(subject, person(incompatible));
        expect(response.status).toBe(409);
        const { error_code, message } = response.body as { error_code: number; message: string };
        expect(error_code).toBe(409);
        expect(message).toContain(`incompatible with an earlier schema for subject "${subject}"`);
        expect(message).toContain(field);
        expect((await harness.get(`/subjects/${subject}/versions`)).body).toEqual([1]);

        const verbose = await harness.post(
          `/compatibility/subjects/${subject}/versions/1?verbose=true`,
          {
            schema: JSON.stringify(person(incompatible)),
          },
        );
        expect(verbose.body).toEqual({
          is_compatible: false,
          messages: [expect.stringContaining(field)],
        });
      });
    }
  });

  describe.each(TRANSITIVE)(
    '$level against $level_TRANSITIVE',
    ({ level, history, candidate, field }) => {
      it(`${level} checks only the latest version`, async () => {
        const subject = await subjectWith(level, history);
        expect((await harness.register(subject, person(candidate))).status).toBe(200);
      });

      it(`${level}_TRANSITIVE checks every version and names "${field}"`, async () => {
        const subject = await subjectWith(`${level}_TRANSITIVE`, history);
        const response = await harness.register(subject, person(candidate));
        expect(response.status).toBe(409);
        expect((response.body as { message: string }).message).toContain(field);

        const all = await harness.post(`/compatibility/subjects/${subject}/versions?verbose=true`, {
          schema: JSON.stringify(person(candidate)),
        });
        expect(all.body).toMatchObject({ is_compatible: false });
        const latest = await harness.post(`/compatibility/subjects/${subject}/versions/latest`, {
          schema: JSON.stringify(person(candidate)),
        });
        expect(latest.body).toEqual({ is_compatible: true });
      });
    },
  );

  it('follows the global level when a subject has none, and skips soft-deleted versions', async () => {
    const subject = uniqueName('compat-global');
    await harness.register(subject, person([id, name]));
    expect((await harness.register(subject, person([id, name, age]))).status).toBe(409);

    expect((await harness.put('/config', { compatibility: 'NONE' })).status).toBe(200);
    try {
      expect((await harness.register(subject, person([id, name, age]))).status).toBe(200);
    } finally {
      await harness.put('/config', { compatibility: 'BACKWARD' });
    }

    const other = await subjectWith('BACKWARD_TRANSITIVE', [[id], [id, nameWithDefault]]);
    expect((await harness.register(other, person([id, name]))).status).toBe(409);
    expect((await harness.delete(`/subjects/${other}/versions/1`)).status).toBe(200);
    expect((await harness.register(other, person([id, name]))).status).toBe(200);
  });

  it('answers compatibility tests on unknown subjects and versions with 40401 and 40402', async () => {
    const body = { schema: JSON.stringify(person([id])) };
    expect(
      (await harness.post('/compatibility/subjects/none/versions/latest', body)).body,
    ).toMatchObject({
      error_code: 40401,
    });
    const subject = await subjectWith('BACKWARD', [[id]]);
    expect(
      (await harness.post(`/compatibility/subjects/${subject}/versions/9`, body)).body,
    ).toMatchObject({
      error_code: 40402,
    });
  });
});
