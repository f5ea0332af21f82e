import { AvroValidationError, SchemaRegistryError, WireFormatError } from '@joinedup/avro';
import { InvalidIdentifierError } from '@joinedup/contracts';
import { KafkaClientError } from '@joinedup/kafka';
import { PersistenceError } from '@joinedup/persistence';
import { classifyFailure, errorClassName } from './classify-failure';
import { EventRejectedError } from './event-rejected.error';
import { RemoteCallError } from './remote-call.error';

function systemError(code: string): Error {
  return Object.assign(new Error('socket trouble'), { code });
}

function kafkaError(retriable: boolean): KafkaClientError {
  return new KafkaClientError('produce failed', {
    code: 'REQUEST_TIMED_OUT',
    retriable,
    context: { operation: 'produce' },
  });
}

describe(classifyFailure.name, () => {
  const retriable: [string, unknown][] = [
    ['a remote 503', new RemoteCallError('crm', 503)],
    ['a remote 429', new RemoteCallError('crm', 429)],
    ['a remote call with no answer', new RemoteCallError('crm', undefined)],
    ['a refused connection', systemError('ECONNREFUSED')],
    ['a reset connection', systemError('ECONNRESET')],
    ['an undici connect timeout', systemError('UND_ERR_CONNECT_TIMEOUT')],
    [
      'fetch failing on a refused socket',
      new TypeError('fetch failed', { cause: systemError('ECONNREFUSED') }),
    ],
    ['an abort-signal timeout', new DOMException('timed out', 'TimeoutError')],
    [
      'an HTTP client error carrying a 502',
      Object.assign(new Error('bad gateway'), { response: { status: 502 } }),
    ],
    [
      'a registry outage',
      new SchemaRegistryError('down', { request: 'GET /schemas/ids/1', status: 503 }),
    ],
    ['a retriable Kafka client error', kafkaError(true)],
    ['lock contention', new PersistenceError('LOCK_CONTENTION', 'busy', { operation: 'claim' })],
    ['an unclassified error', new Error('something odd')],
  ];
  const permanent: [string, unknown][] = [
    ['a remote 400', new RemoteCallError('crm', 400)],
    ['a remote 404 on an HTTP client error', Object.assign(new Error('nope'), { statusCode: 404 })],
    ['a rejected event', new EventRejectedError('closed case')],
    ['bytes that are not the wire format', new WireFormatError('magic byte 7')],
    ['a value that does not match its schema', new AvroValidationError('s', 1, [])],
    [
      'a registry 404',
      new SchemaRegistryError('missing', { request: 'GET /schemas/ids/9', status: 404 }),
    ],
    ['an invalid identifier', new InvalidIdentifierError('payload.uprn', 'x', 'a UPRN')],
    ['a failed statement', new PersistenceError('QUERY_FAILED', 'syntax', { operation: 'claim' })],
    ['a non-retriable Kafka client error', kafkaError(false)],
    ['a programmer error', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a range error', new RangeError('bad length')],
  ];

  it.each(retriable)('retries %s', (_name, err) => {
    expect(classifyFailure(err).retriable).toBe(true);
  });

  it.each(permanent)('does not retry %s', (_name, err) => {
    expect(classifyFailure(err).retriable).toBe(false);
  });

  it('takes an error at its word over the status it carries', () => {
    const declared = Object.assign(new Error('x'), { retriable: false, status: 503 });
    expect(classifyFailure(declared).retriable).toBe(false);
  });

  it('names the failure by its code, else its class name', () => {
    expect(classifyFailure(new RemoteCallError('crm', 503)).code).toBe('REMOTE_CALL_FAILED');
    expect(classifyFailure(systemError('ECONNRESET')).code).toBe('ECONNRESET');
    expect(classifyFailure(new RangeError('x')).code).toBe('RangeError');
    expect(classifyFailure('a string').code).toBe('NON_ERROR_THROWN');
  });

  it('never reads the message', () => {
    const timeoutWords = new Error('ETIMEDOUT 503 connection refused');
    const bug = new TypeError('ECONNRESET 503');
    expect(classifyFailure(bug).retriable).toBe(false);
    expect(classifyFailure(timeoutWords).code).toBe('Error');
  });
});

describe(errorClassName.name, () => {
  it('gives the class a dead letter names, as Kafka Connect names the exception class', () => {
    expect(errorClassName(new WireFormatError('x'))).toBe('WireFormatError');
    expect(errorClassName({ name: 'PlainObjectError' })).toBe('PlainObjectError');
    expect(errorClassName('text')).toBe('string');
  });
});
