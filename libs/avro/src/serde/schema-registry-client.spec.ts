import { SchemaRegistryClient, SchemaRegistryError } from '@joinedup/avro';
import {
  MinimalSchemaRegistry,
  startMinimalSchemaRegistry,
} from '../../test/minimal-schema-registry';

const ward = {
  type: 'record',
  name: 'Ward',
  namespace: 'uk.gov.joinedup.geo',
  fields: [{ name: 'gss', type: 'string' }],
};

async function failureOf(promise: Promise<unknown>): Promise<SchemaRegistryError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (error instanceof SchemaRegistryError) return error;
  throw new Error(`expected SchemaRegistryError, got ${String(error)}`);
}

describe(SchemaRegistryClient.name, () => {
  let registry: MinimalSchemaRegistry;
  let sut: SchemaRegistryClient;

  beforeEach(async () => {
    registry = await startMinimalSchemaRegistry();
    sut = new SchemaRegistryClient({ url: `${registry.url}/` });
  });

  afterEach(() => registry.close());

  it('registers a schema and gets the same id for it again', async () => {
    const id = await sut.register('geo.ward-value', ward);

    expect(await sut.register('geo.ward-value', JSON.stringify(ward))).toBe(id);
    expect(registry.requests).toEqual([
      'POST /subjects/geo.ward-value/versions',
      'POST /subjects/geo.ward-value/versions',
    ]);
  });

  it('speaks the Confluent content type', async () => {
    await sut.register('geo.ward-value', ward);

    expect(registry.lastHeaders['content-type']).toBe('application/vnd.schemaregistry.v1+json');
    expect(registry.lastHeaders.accept).toBe('application/vnd.schemaregistry.v1+json');
  });

  it('looks a schema up under a subject', async () => {
    const id = await sut.register('geo.ward-value', ward);

    const found = await sut.lookup('geo.ward-value', ward);

    expect(found).toEqual({
      subject: 'geo.ward-value',
      id,
      version: 1,
      schema: JSON.stringify(ward),
      schemaType: 'AVRO',
    });
  });

  it('gets a schema by id, and a subject version by number and as latest', async () => {
    const id = await sut.register('geo.ward-value', ward);

    expect(await sut.getSchemaById(id)).toEqual({
      schema: JSON.stringify(ward),
      schemaType: 'AVRO',
    });
    expect((await sut.getVersion('geo.ward-value', 1)).id).toBe(id);
    expect((await sut.getVersion('geo.ward-value', 'latest')).version).toBe(1);
    expect(registry.requests).toContain('GET /subjects/geo.ward-value/versions/latest');
  });

  it('escapes the subject in the path', async () => {
    await sut.register('a subject/with slash', ward);

    expect(registry.requests).toEqual(['POST /subjects/a%20subject%2Fwith%20slash/versions']);
  });

  it.each([
    ['an unknown schema id', (c: SchemaRegistryClient) => c.getSchemaById(42), 40403],
    ['an unknown subject', (c: SchemaRegistryClient) => c.getVersion('nobody', 'latest'), 40401],
    [
      'a schema the subject does not hold',
      (c: SchemaRegistryClient) => c.lookup('geo.ward-value', '"string"'),
      40403,
    ],
  ])('fails on %s with the Confluent error code, not retriable', async (_case, call, errorCode) => {
    registry.add('geo.ward-value', ward);

    const error = await failureOf(call(sut));

    expect(error).toMatchObject({ status: 404, errorCode, isRetriable: false, isNotFound: true });
    expect(error.message).toMatch(/^(GET|POST) \/.* failed: HTTP 404, error_code \d+: /);
  });

  it('fails retriably on a 5xx, with its error code and message', async () => {
    registry.failNext = 1;

    const error = await failureOf(sut.getSchemaById(1));

    expect(error).toMatchObject({ status: 500, errorCode: 50001, isRetriable: true });
    expect(error.message).toBe(
      'GET /schemas/ids/1 failed: HTTP 500, error_code 50001: Error in the backend data store',
    );
  });

  it('fails retriably when the registry cannot be reached', async () => {
    await registry.close();

    const error = await failureOf(sut.getSchemaById(1));

    expect(error).toMatchObject({ status: undefined, errorCode: undefined, isRetriable: true });
    expect(error.message).toContain(`no answer from ${registry.url}`);
  });

  it('fails retriably when the registry takes longer than the timeout', async () => {
    registry.delayMs = 300;
    const impatient = new SchemaRegistryClient({ url: registry.url, requestTimeoutMs: 50 });

    const error = await failureOf(impatient.getSchemaById(1));

    expect(error).toMatchObject({ isRetriable: true });
    expect(error.message).toContain('timed out');
  });

  it('sends basic auth when configured, and never puts it in an error', async () => {
    registry.requiredAuthorization = `Basic ${Buffer.from('svc-hub:s3cret').toString('base64')}`;
    const authed = new SchemaRegistryClient({
      url: registry.url,
      basicAuth: { username: 'svc-hub', password: 's3cret' },
    });

    await expect(authed.register('geo.ward-value', ward)).resolves.toBe(1);
    const error = await failureOf(sut.register('geo.ward-value', ward));
    expect(error).toMatchObject({ status: 401, isRetriable: false });
    expect(JSON.stringify({ message: error.message, request: error.request })).not.toContain(
      's3cret',
    );
  });
});
