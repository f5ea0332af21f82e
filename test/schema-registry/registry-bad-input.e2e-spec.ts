import { Admin } from 'kafkajs';
import { kafkaClient } from '../support/kafka-client';
import { RegistryHarness } from '../support/registry-harness';

jest.setTimeout(60_000);

const VALID = JSON.stringify({ type: 'record', name: 'Ok', fields: [{ name: 'a', type: 'int' }] });

interface BadInput {
  what: string;
  method?: string;
  path?: string;
  body: string | Buffer;
  headers?: Record<string, string>;
  status: number;
  errorCode: number;
  /** Words the message must hold, so the caller can tell what to fix. */
  mentions?: string[];
}

const REGISTER = '/subjects/bad-input-value/versions';
const JSON_TYPE = { 'Content-Type': 'application/vnd.schemaregistry.v1+json' };

const BAD_INPUTS: BadInput[] = [
  {
    what: 'a body that is not JSON',
    body: '{"schema": ',
    status: 422,
    errorCode: 422,
    mentions: ['JSON'],
  },
  { what: 'an empty body', body: '', status: 422, errorCode: 422, mentions: ['empty'] },
  { what: 'a JSON array body', body: '[1, 2]', status: 422, errorCode: 422, mentions: ['object'] },
  {
    what: 'a body without a schema',
    body: '{"schemaType": "AVRO"}',
    status: 422,
    errorCode: 42201,
    mentions: ['schema'],
  },
  {
    what: 'a schema that is not JSON',
    body: JSON.stringify({ schema: '{"type": "record",' }),
    status: 422,
    errorCode: 42201,
    mentions: ['line 1'],
  },
  {
    what: 'a record without fields',
    body: JSON.stringify({ schema: '{"type": "record", "name": "NoFields"}' }),
    status: 422,
    errorCode: 42201,
  },
  {
    what: 'an unknown type name',
    body: JSON.stringify({
      schema: JSON.stringify({
        type: 'record',
        name: 'R',
        fields: [{ name: 'a', type: 'Addres' }],
      }),
    }),
    status: 422,
    errorCode: 42201,
    mentions: ['Addres'],
  },
  {
    what: 'a PROTOBUF schema',
    body: JSON.stringify({ schema: 'syntax = "proto3";', schemaType: 'PROTOBUF' }),
    status: 422,
    errorCode: 42201,
    mentions: ['schema type PROTOBUF is not supported'],
  },
  {
    what: 'a JSON schema',
    body: JSON.stringify({ schema: '{"type":"object"}', schemaType: 'JSON' }),
    status: 422,
    errorCode: 42201,
    mentions: ['schema type JSON is not supported'],
  },
  {
    what: 'schema references',
    body: JSON.stringify({ schema: VALID, references: [{ name: 'X', subject: 'x', version: 1 }] }),
    status: 422,
    errorCode: 42201,
    mentions: ['references'],
  },
  {
    what: 'a text/plain body',
    body: JSON.stringify({ schema: VALID }),
    headers: { 'Content-Type': 'text/plain' },
    status: 415,
    errorCode: 415,
  },
  {
    what: 'a form body',
    body: 'schema=x',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    status: 415,
    errorCode: 415,
  },
  {
    what: 'a body over the 1 MiB limit',
    body: JSON.stringify({ schema: VALID, padding: 'x'.repeat(1024 * 1024 + 10) }),
    status: 413,
    errorCode: 413,
  },
  {
    what: 'an invalid version in the path',
    method: 'DELETE',
    path: '/subjects/bad-input-value/versions/abc',
    body: '',
    status: 422,
    errorCode: 42202,
  },
  {
    what: 'a delete of an unknown subject',
    method: 'DELETE',
    path: '/subjects/unknown-subject',
    body: '',
    status: 404,
    errorCode: 40401,
  },
  {
    what: 'an unknown compatibility level',
    method: 'PUT',
    path: '/config/bad-input-value',
    body: '{"compatibility":"SOME"}',
    status: 422,
    errorCode: 42203,
  },
  {
    what: 'an unknown mode',
    method: 'PUT',
    path: '/mode/bad-input-value',
    body: '{"mode":"SOME"}',
    status: 422,
    errorCode: 42204,
  },
  {
    what: 'an unsupported method',
    method: 'PATCH',
    path: '/subjects',
    body: '',
    status: 405,
    errorCode: 405,
  },
];

describe('schema registry bad input over the real broker', () => {
  const harness = new RegistryHarness();
  let admin: Admin;

  beforeAll(async () => {
    await harness.start();
    admin = kafkaClient(harness.broker.bootstrap).admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.disconnect();
    await harness.stop();
  });

  async function topicEnd(): Promise<string> {
    const [partition] = await admin.fetchTopicOffsets(harness.topic);
    return partition.high;
  }

  it.each(BAD_INPUTS)(
    'answers $what with $status / $errorCode and stores nothing',
    async ({
      method = 'POST',
      path = REGISTER,
      body,
      headers = JSON_TYPE,
      status,
      errorCode,
      mentions = [],
    }) => {
      const endBefore = await topicEnd();
      const response = await fetch(`${harness.url}${path}`, {
        method,
        headers,
        body: method === 'POST' || method === 'PUT' ? body : undefined,
      });
      const answer = (await response.json()) as { error_code: number; message: string };

      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/vnd.schemaregistry.v1+json');
      expect(answer).toEqual({ error_code: errorCode, message: expect.any(String) });
      for (const words of mentions) expect(answer.message).toContain(words);
      expect(await topicEnd()).toBe(endBefore);
      expect((await harness.get('/subjects?deleted=true')).body).toEqual([]);
    },
  );

  it('still serves on the same connection after an oversized body', async () => {
    const oversized = await harness.post(REGISTER, {
      schema: VALID,
      padding: 'y'.repeat(2 * 1024 * 1024),
    });
    expect(oversized.status).toBe(413);
    expect((await harness.get('/subjects')).status).toBe(200);
  });

  it.each([
    'application/vnd.schemaregistry.v1+json',
    'application/vnd.schemaregistry+json',
    'application/json; charset=utf-8',
    'application/octet-stream',
  ])('accepts a request sent as %s', async (contentType) => {
    const response = await harness.request(
      'POST',
      '/compatibility/subjects/none/versions/latest',
      { schema: VALID },
      {
        'Content-Type': contentType,
      },
    );
    // The body was read and understood: the answer is about the subject, not the request.
    expect(response.body).toMatchObject({ error_code: 40401 });
  });

  it('stores a valid schema after all of that, as id 1', async () => {
    expect((await harness.register('bad-input-value', VALID)).body).toEqual({ id: 1 });
  });
});
