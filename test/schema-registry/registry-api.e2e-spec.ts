import { RegistryHarness, uniqueName } from '../support/registry-harness';

jest.setTimeout(60_000);

const record = (name: string, fields: object[]) => ({ type: 'record', name, fields });
const V1 = record('Case', [{ name: 'id', type: 'string' }]);
const V2 = record('Case', [
  { name: 'id', type: 'string' },
  { name: 'status', type: 'string', default: 'open' },
]);

describe('schema registry REST API over the real broker', () => {
  const harness = new RegistryHarness();

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('answers GET / with {} and lists AVRO as the only schema type', async () => {
    expect(await harness.get('/')).toMatchObject({ status: 200, body: {} });
    expect(await harness.get('/schemas/types')).toMatchObject({ status: 200, body: ['AVRO'] });
  });

  it('sends Confluent content type on every answer, errors included', async () => {
    const ok = await harness.get('/subjects');
    const missing = await harness.get('/subjects/nope/versions');
    expect(ok.contentType).toBe('application/vnd.schemaregistry.v1+json');
    expect(missing.contentType).toBe('application/vnd.schemaregistry.v1+json');
  });

  describe('register, look up and read back', () => {
    const subject = uniqueName('waste-case-value');
    let id1: number;
    let id2: number;

    it('registers version 1 and 2 with global ids', async () => {
      const first = await harness.register(subject, V1);
      expect(first.status).toBe(200);
      id1 = (first.body as { id: number }).id;
      const second = await harness.register(subject, V2);
      id2 = (second.body as { id: number }).id;
      expect(id2).toBeGreaterThan(id1);
      expect((await harness.get(`/subjects/${subject}/versions`)).body).toEqual([1, 2]);
    });

    it('returns the same id, and no new version, for the same schema spelled differently', async () => {
      const respelled = `{"fields":[{"type":"string","name":"id"}],\n "type":"record", "name":"Case"}`;
      expect((await harness.register(subject, respelled)).body).toEqual({ id: id1 });
      expect((await harness.get(`/subjects/${subject}/versions`)).body).toEqual([1, 2]);

      const other = uniqueName('other-value');
      expect((await harness.register(other, V1)).body).toEqual({ id: id1 });
      expect((await harness.get(`/schemas/ids/${id1}/versions`)).body).toEqual(
        expect.arrayContaining([
          { subject, version: 1 },
          { subject: other, version: 1 },
        ]),
      );
    });

    it('looks a schema up under its subject', async () => {
      const found = await harness.post(`/subjects/${subject}`, { schema: JSON.stringify(V2) });
      expect(found.body).toEqual({ subject, id: id2, version: 2, schema: JSON.stringify(V2) });
      const unknown = await harness.post(`/subjects/${subject}`, { schema: '"long"' });
      expect(unknown).toMatchObject({ status: 404, body: { error_code: 40403 } });
    });

    it('reads versions, latest, bare schemas and schemas by id', async () => {
      expect((await harness.get(`/subjects/${subject}/versions/1`)).body).toEqual({
        subject,
        version: 1,
        id: id1,
        schema: JSON.stringify(V1),
      });
      expect((await harness.get(`/subjects/${subject}/versions/latest`)).body).toMatchObject({
        version: 2,
        id: id2,
      });
      expect((await harness.get(`/subjects/${subject}/versions/-1`)).body).toMatchObject({
        version: 2,
      });
      expect((await harness.get(`/subjects/${subject}/versions/2/schema`)).body).toEqual(V2);
      expect((await harness.get(`/schemas/ids/${id2}`)).body).toEqual({
        schema: JSON.stringify(V2),
      });
      expect((await harness.get(`/schemas/ids/${id2}/schema`)).body).toEqual(V2);
      expect((await harness.get('/subjects')).body).toEqual(expect.arrayContaining([subject]));
    });

    it('answers unknown subjects, versions and ids with Confluent codes', async () => {
      const cases: [string, number, number][] = [
        ['/subjects/no-such-subject/versions', 404, 40401],
        ['/subjects/no-such-subject/versions/1', 404, 40401],
        [`/subjects/${subject}/versions/99`, 404, 40402],
        [`/subjects/${subject}/versions/0`, 422, 42202],
        [`/subjects/${subject}/versions/one`, 422, 42202],
        ['/schemas/ids/999999', 404, 40403],
        ['/schemas/ids/999999/versions', 404, 40403],
        ['/no/such/path', 404, 404],
      ];
      for (const [path, status, errorCode] of cases) {
        const response = await harness.get(path);
        expect({ path, status: response.status, body: response.body }).toEqual({
          path,
          status,
          body: { error_code: errorCode, message: expect.any(String) },
        });
      }
    });

    it('keeps subject names with slashes and dots as one segment', async () => {
      const odd = `${uniqueName('gov.uk')}/care.v1`;
      const registered = await harness.register(odd, V1);
      expect(registered.status).toBe(200);
      const read = await harness.get(`/subjects/${encodeURIComponent(odd)}/versions/1`);
      expect(read.body).toMatchObject({ subject: odd, version: 1 });
    });
  });

  describe('deletes', () => {
    it('soft-deletes a version, then permanently, with 40406 and 40407 where Confluent gives them', async () => {
      const subject = uniqueName('delete-version');
      // A record no other test registers, so that its id is this subject's alone.
      const own = record('DeletedOnly', [{ name: 'only', type: 'long' }]);
      const { id } = (await harness.register(subject, own)).body as { id: number };
      await harness.register(subject, {
        ...own,
        fields: [...own.fields, { name: 'more', type: 'int', default: 0 }],
      });

      expect(
        (await harness.delete(`/subjects/${subject}/versions/1?permanent=true`)).body,
      ).toMatchObject({
        error_code: 40407,
      });
      expect(await harness.delete(`/subjects/${subject}/versions/1`)).toMatchObject({
        status: 200,
        body: 1,
      });
      expect((await harness.delete(`/subjects/${subject}/versions/1`)).body).toMatchObject({
        error_code: 40406,
      });
      expect((await harness.get(`/subjects/${subject}/versions`)).body).toEqual([2]);
      expect((await harness.get(`/subjects/${subject}/versions?deleted=true`)).body).toEqual([
        1, 2,
      ]);
      expect((await harness.get(`/subjects/${subject}/versions/1`)).body).toMatchObject({
        error_code: 40402,
      });
      expect(
        (await harness.get(`/subjects/${subject}/versions/1?deleted=true`)).body,
      ).toMatchObject({ id });
      expect((await harness.get(`/schemas/ids/${id}`)).status).toBe(200);

      expect(await harness.delete(`/subjects/${subject}/versions/1?permanent=true`)).toMatchObject({
        status: 200,
        body: 1,
      });
      expect((await harness.get(`/subjects/${subject}/versions?deleted=true`)).body).toEqual([2]);
      expect((await harness.get(`/schemas/ids/${id}`)).body).toMatchObject({ error_code: 40403 });
      expect((await harness.delete(`/subjects/${subject}/versions/7`)).body).toMatchObject({
        error_code: 40402,
      });
    });

    it('soft-deletes a subject, then permanently, with 40404 and 40405 where Confluent gives them', async () => {
      const subject = uniqueName('delete-subject');
      await harness.register(subject, V1);
      await harness.register(subject, V2);

      expect((await harness.delete(`/subjects/${subject}?permanent=true`)).body).toMatchObject({
        error_code: 40405,
      });
      expect((await harness.delete(`/subjects/${subject}`)).body).toEqual([1, 2]);
      expect((await harness.delete(`/subjects/${subject}`)).body).toMatchObject({
        error_code: 40404,
      });
      expect((await harness.get('/subjects')).body).not.toContain(subject);
      expect((await harness.get('/subjects?deleted=true')).body).toContain(subject);
      expect((await harness.get(`/subjects/${subject}/versions`)).body).toMatchObject({
        error_code: 40401,
      });

      expect((await harness.delete(`/subjects/${subject}?permanent=true`)).body).toEqual([1, 2]);
      expect((await harness.get('/subjects?deleted=true')).body).not.toContain(subject);
      expect((await harness.delete(`/subjects/${subject}`)).body).toMatchObject({
        error_code: 40401,
      });
    });
  });

  describe('config', () => {
    it('defaults to BACKWARD and sets, reads and removes levels globally and per subject', async () => {
      const subject = uniqueName('config');
      expect((await harness.get('/config')).body).toEqual({ compatibilityLevel: 'BACKWARD' });
      expect((await harness.get(`/config/${subject}`)).body).toMatchObject({ error_code: 40408 });
      expect((await harness.get(`/config/${subject}?defaultToGlobal=true`)).body).toEqual({
        compatibilityLevel: 'BACKWARD',
      });

      expect(
        (await harness.put(`/config/${subject}`, { compatibility: 'FULL_TRANSITIVE' })).body,
      ).toEqual({
        compatibility: 'FULL_TRANSITIVE',
      });
      expect((await harness.get(`/config/${subject}`)).body).toEqual({
        compatibilityLevel: 'FULL_TRANSITIVE',
      });
      expect((await harness.delete(`/config/${subject}`)).body).toEqual({
        compatibilityLevel: 'FULL_TRANSITIVE',
      });
      expect((await harness.get(`/config/${subject}`)).status).toBe(404);

      expect((await harness.put('/config', { compatibility: 'forward' })).body).toEqual({
        compatibility: 'FORWARD',
      });
      expect((await harness.get('/config')).body).toEqual({ compatibilityLevel: 'FORWARD' });
      expect((await harness.put('/config', { compatibility: 'BACKWARD' })).status).toBe(200);
    });

    it('rejects an unknown level with 42203', async () => {
      const response = await harness.put('/config', { compatibility: 'SIDEWAYS' });
      expect(response).toMatchObject({ status: 422, body: { error_code: 42203 } });
      expect((await harness.get('/config')).body).toEqual({ compatibilityLevel: 'BACKWARD' });
    });
  });

  describe('mode', () => {
    it('refuses writes in READONLY with 42205 and accepts them again in READWRITE', async () => {
      const subject = uniqueName('mode');
      await harness.register(subject, V1);
      expect((await harness.get('/mode')).body).toEqual({ mode: 'READWRITE' });

      expect((await harness.put(`/mode/${subject}`, { mode: 'READONLY' })).body).toEqual({
        mode: 'READONLY',
      });
      expect((await harness.get(`/mode/${subject}`)).body).toEqual({ mode: 'READONLY' });
      expect(await harness.register(subject, V2)).toMatchObject({
        status: 422,
        body: { error_code: 42205 },
      });
      expect((await harness.delete(`/subjects/${subject}`)).body).toMatchObject({
        error_code: 42205,
      });
      expect((await harness.get(`/subjects/${subject}/versions`)).body).toEqual([1]);

      expect((await harness.put('/mode', { mode: 'READONLY' })).status).toBe(200);
      expect((await harness.register(uniqueName('other'), V1)).body).toMatchObject({
        error_code: 42205,
      });
      expect((await harness.put('/mode', { mode: 'READWRITE' })).status).toBe(200);

      expect((await harness.delete(`/mode/${subject}`)).body).toEqual({ mode: 'READONLY' });
      expect((await harness.get(`/mode/${subject}`)).body).toMatchObject({ error_code: 40409 });
      expect((await harness.get(`/mode/${subject}?defaultToGlobal=true`)).body).toEqual({
        mode: 'READWRITE',
      });
      expect((await harness.register(subject, V2)).status).toBe(200);
    });

    it('rejects an unknown mode with 42204 and IMPORT over existing subjects without force', async () => {
      expect((await harness.put('/mode', { mode: 'SOMETIMES' })).body).toMatchObject({
        error_code: 42204,
      });
      expect((await harness.put('/mode', { mode: 'IMPORT' })).body).toMatchObject({
        error_code: 42205,
      });
      expect((await harness.get('/mode')).body).toEqual({ mode: 'READWRITE' });
    });

    it('imports a schema under a chosen id and version in IMPORT mode', async () => {
      const subject = uniqueName('import');
      expect((await harness.put(`/mode/${subject}`, { mode: 'IMPORT' })).status).toBe(200);
      const imported = await harness.post(`/subjects/${subject}/versions`, {
        schema: JSON.stringify(record('Imported', [{ name: 'x', type: 'int' }])),
        id: 5000,
        version: 3,
      });
      expect(imported.body).toEqual({ id: 5000 });
      expect((await harness.get(`/subjects/${subject}/versions`)).body).toEqual([3]);
      await harness.delete(`/mode/${subject}`);
      const next = await harness.register(
        uniqueName('after-import'),
        record('New', [{ name: 'y', type: 'int' }]),
      );
      expect((next.body as { id: number }).id).toBe(5001);
    });
  });
});
