import { setLogLevel, setLogSink } from '@joinedup/logging';
import { RegistryError } from './errors/registry.error';
import { SchemaRegistryService } from './schema-registry.service';
import { MemorySchemaStore } from './store/memory-schema-store';

const user = (fields: object[]) => JSON.stringify({ type: 'record', name: 'User', fields });
const V1 = user([{ name: 'id', type: 'string' }]);
const V2 = user([
  { name: 'id', type: 'string' },
  { name: 'email', type: ['null', 'string'], default: null },
]);
const V1_RESPELLED = `{ "fields": [ { "type": "string", "name": "id" } ], "name": "User", "type": "record" }`;
const NEEDS_DEFAULT = user([
  { name: 'id', type: 'string' },
  { name: 'age', type: 'int' },
]);

async function expectRegistryError(
  action: () => unknown,
  errorCode: number,
): Promise<RegistryError> {
  try {
    await action();
  } catch (err) {
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).errorCode).toBe(errorCode);
    return err as RegistryError;
  }
  throw new Error(`expected error ${errorCode}, but the call succeeded`);
}

describe(SchemaRegistryService.name, () => {
  let store: MemorySchemaStore;
  let sut: SchemaRegistryService;
  let logged: string[];

  beforeAll(() => setLogLevel('info'));
  beforeEach(() => {
    logged = [];
    setLogSink({ write: (line) => logged.push(line) });
  });
  afterAll(() => setLogSink(undefined));

  beforeEach(async () => {
    store = new MemorySchemaStore();
    sut = new SchemaRegistryService(store);
    await sut.start();
  });

  async function restarted(): Promise<SchemaRegistryService> {
    const next = new SchemaRegistryService(store);
    await next.start();
    return next;
  }

  describe('ids and versions', () => {
    it('numbers versions from 1 and ids globally', async () => {
      expect(await sut.register('a', { schema: V1 })).toEqual({ id: 1 });
      expect(await sut.register('a', { schema: V2 })).toEqual({ id: 2 });
      expect(sut.listVersions('a', false)).toEqual([1, 2]);
      expect(sut.getVersion('a', 'latest', false)).toMatchObject({ version: 2, id: 2 });
    });

    it('gives the same schema the same id under any subject, however it is spelled', async () => {
      const { id } = await sut.register('a', { schema: V1 });
      expect(await sut.register('b', { schema: V1_RESPELLED })).toEqual({ id });
      expect(sut.getVersion('b', 1, false)).toMatchObject({ subject: 'b', version: 1, id });
    });

    it('returns the existing id without a new version when a schema is registered again', async () => {
      await sut.register('a', { schema: V1 });
      const written = store.records.length;
      expect(await sut.register('a', { schema: V1_RESPELLED })).toEqual({ id: 1 });
      expect(sut.listVersions('a', false)).toEqual([1]);
      expect(store.records).toHaveLength(written);
    });

    it('looks a schema up under its subject', async () => {
      await sut.register('a', { schema: V1 });
      await sut.register('a', { schema: V2 });
      expect(sut.lookup('a', { schema: V1_RESPELLED }, false)).toEqual({
        subject: 'a',
        version: 1,
        id: 1,
        schema: V1,
      });
      await expectRegistryError(() => sut.lookup('a', { schema: NEEDS_DEFAULT }, false), 40403);
      await expectRegistryError(() => sut.lookup('nope', { schema: V1 }, false), 40401);
    });

    it('keeps ids and versions across a restart and never reuses an id', async () => {
      await sut.register('a', { schema: V1 });
      await sut.register('a', { schema: V2 });
      await sut.deleteSubject('a', false);
      await sut.deleteSubject('a', true);

      const next = await restarted();
      expect(next.listSubjects(true)).toEqual([]);
      expect(await next.register('b', { schema: '"string"' })).toEqual({ id: 3 });
      expect(next.listVersions('b', false)).toEqual([1]);
    });
  });

  it('logs registrations at info without the schema text', async () => {
    await sut.register('a', { schema: V1 });
    await expectRegistryError(() => sut.register('a', { schema: NEEDS_DEFAULT }), 409);
    expect(logged.join('')).toContain('schema registered');
    expect(logged.join('')).not.toContain('"User"');
    expect(logged.join('')).not.toContain('age');
  });

  describe('bad input', () => {
    it.each([
      ['not JSON', '{"type": "record",'],
      ['an unknown type', '{"type": "recrod", "name": "X", "fields": []}'],
      ['a record without fields', '{"type": "record", "name": "X"}'],
    ])('rejects %s with 42201 and stores nothing', async (_what, schema) => {
      await expectRegistryError(() => sut.register('a', { schema }), 42201);
      expect(store.records).toHaveLength(0);
    });
  });

  describe('compatibility', () => {
    it('defaults to BACKWARD and explains a rejection by field and rule', async () => {
      await sut.register('a', { schema: V1 });
      const error = await expectRegistryError(
        () => sut.register('a', { schema: NEEDS_DEFAULT }),
        409,
      );
      expect(error.status).toBe(409);
      expect(error.message).toContain('incompatible with an earlier schema for subject "a"');
      expect(error.message).toContain('age');
      expect(error.message).toContain('READER_FIELD_MISSING_DEFAULT_VALUE');
      expect(sut.listVersions('a', false)).toEqual([1]);
    });

    it('registers anything under NONE', async () => {
      await sut.setCompatibility('a', 'NONE');
      await sut.register('a', { schema: V1 });
      expect(await sut.register('a', { schema: '"int"' })).toEqual({ id: 2 });
    });

    it('checks every live version under a TRANSITIVE level and only the latest otherwise', async () => {
      const r = (fields: object[]) => JSON.stringify({ type: 'record', name: 'R', fields });
      const first = r([{ name: 'a', type: 'int' }]);
      const second = r([
        { name: 'a', type: 'int', default: 0 },
        { name: 'b', type: 'int', default: 0 },
      ]);
      const third = r([{ name: 'b', type: 'int', default: 0 }]);
      await sut.setCompatibility('t', 'FORWARD');
      await sut.register('t', { schema: first });
      await sut.register('t', { schema: second });
      expect(sut.testCompatibility('t', undefined, { schema: third }, false)).toEqual({
        is_compatible: true,
      });

      await sut.setCompatibility('t', 'FORWARD_TRANSITIVE');
      const report = sut.testCompatibility('t', undefined, { schema: third }, true);
      expect(report.is_compatible).toBe(false);
      expect(report.messages?.join('\n')).toContain('a');
    });
  });

  describe('deletes', () => {
    beforeEach(async () => {
      await sut.register('a', { schema: V1 });
      await sut.register('a', { schema: V2 });
    });

    it('soft-deletes a version: hidden, still readable with deleted=true, id still resolves', async () => {
      expect(await sut.deleteVersion('a', 1, false)).toBe(1);
      expect(sut.listVersions('a', false)).toEqual([2]);
      expect(sut.listVersions('a', true)).toEqual([1, 2]);
      await expectRegistryError(() => sut.getVersion('a', 1, false), 40402);
      expect(sut.getVersion('a', 1, true)).toMatchObject({ version: 1 });
      expect(sut.getSchemaById(1)).toEqual({ schema: V1 });
      expect(sut.versionsOfId(1, false)).toEqual([]);
      expect(sut.versionsOfId(1, true)).toEqual([{ subject: 'a', version: 1 }]);
    });

    it('refuses a permanent delete before a soft one, and a second soft one', async () => {
      await expectRegistryError(() => sut.deleteVersion('a', 1, true), 40407);
      await sut.deleteVersion('a', 1, false);
      await expectRegistryError(() => sut.deleteVersion('a', 1, false), 40406);
      expect(await sut.deleteVersion('a', 1, true)).toBe(1);
      await expectRegistryError(() => sut.getSchemaById(1), 40403);
    });

    it('deletes a subject softly, then permanently, with Confluent codes in between', async () => {
      await expectRegistryError(() => sut.deleteSubject('a', true), 40405);
      expect(await sut.deleteSubject('a', false)).toEqual([1, 2]);
      await expectRegistryError(() => sut.deleteSubject('a', false), 40404);
      expect(sut.listSubjects(false)).toEqual([]);
      expect(sut.listSubjects(true)).toEqual(['a']);
      expect(await sut.deleteSubject('a', true)).toEqual([1, 2]);
      await expectRegistryError(() => sut.deleteSubject('a', true), 40401);
    });

    it('continues version numbers after a soft delete and starts again after a hard one', async () => {
      await sut.deleteSubject('a', false);
      await sut.register('a', { schema: V1 });
      expect(sut.listVersions('a', false)).toEqual([3]);
      await sut.deleteSubject('a', false);
      await sut.deleteSubject('a', true);
      await sut.register('a', { schema: V1 });
      expect(sut.listVersions('a', false)).toEqual([1]);
    });

    it('answers unknown subjects and versions with 40401 and 40402', async () => {
      await expectRegistryError(() => sut.deleteVersion('nope', 1, false), 40401);
      await expectRegistryError(() => sut.deleteVersion('a', 9, false), 40402);
      await expectRegistryError(() => sut.getVersion('nope', 'latest', false), 40401);
    });
  });

  describe('config and mode', () => {
    it('falls back from subject to global to BACKWARD', async () => {
      expect(sut.globalCompatibility()).toBe('BACKWARD');
      await expectRegistryError(() => sut.subjectCompatibility('a', false), 40408);
      expect(sut.subjectCompatibility('a', true)).toBe('BACKWARD');
      await sut.setCompatibility(null, 'FULL');
      await sut.setCompatibility('a', 'NONE');
      expect(sut.subjectCompatibility('a', false)).toBe('NONE');
      expect(await sut.deleteCompatibility('a')).toBe('NONE');
      expect(sut.subjectCompatibility('a', true)).toBe('FULL');
      expect((await restarted()).globalCompatibility()).toBe('FULL');
    });

    it('refuses registrations and deletes in READONLY with 42205', async () => {
      await sut.register('a', { schema: V1 });
      await sut.setMode(null, 'READONLY', false);
      await expectRegistryError(() => sut.register('a', { schema: V2 }), 42205);
      await expectRegistryError(() => sut.deleteSubject('a', false), 42205);
      await sut.setMode('a', 'READWRITE', false);
      expect(await sut.register('a', { schema: V2 })).toEqual({ id: 2 });
    });

    it('imports ids and versions only in IMPORT mode, which needs force over existing subjects', async () => {
      await expectRegistryError(() => sut.register('a', { schema: V1, id: 50, version: 7 }), 42205);
      await sut.register('b', { schema: '"int"' });
      await expectRegistryError(() => sut.setMode(null, 'IMPORT', false), 42205);
      await sut.setMode('a', 'IMPORT', false);
      expect(await sut.register('a', { schema: V1, id: 50, version: 7 })).toEqual({ id: 50 });
      expect(sut.getVersion('a', 7, false)).toMatchObject({ id: 50 });
      await sut.setMode('c', 'READWRITE', false);
      expect(await sut.register('c', { schema: '"long"' })).toEqual({ id: 51 });
    });
  });
});
