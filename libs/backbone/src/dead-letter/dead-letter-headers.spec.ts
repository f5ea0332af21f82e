import { ConsumedRecord } from '@joinedup/kafka';
import { classifyFailure } from '../errors/classify-failure';
import { RemoteCallError } from '../errors/remote-call.error';
import { deadLetterHeaders, deadLetterTopicOf, isErrorHeader } from './dead-letter-headers';

const record: ConsumedRecord = {
  topic: 'joinedup.waste.requests.v1',
  partition: 2,
  offset: '41',
  key: Buffer.from('k'),
  value: Buffer.from([0, 0, 0, 0, 1]),
  headers: { eventId: Buffer.from('e-1'), repeated: [Buffer.from('a'), Buffer.from('b')] },
  timestamp: '0',
};

describe(deadLetterHeaders.name, () => {
  const error = new RemoteCallError('crm', 503);
  const headers = deadLetterHeaders(record, {
    error,
    failure: classifyFailure(error),
    stage: 'TASK_PUT',
    attempts: 5,
    groupId: 'waste-app',
  });

  it('keeps the original headers as they were, repeated ones too', () => {
    expect(headers.eventId).toEqual(Buffer.from('e-1'));
    expect(headers.repeated).toEqual([Buffer.from('a'), Buffer.from('b')]);
  });

  it("adds Kafka Connect's error headers and ours", () => {
    expect(headers).toMatchObject({
      '__connect.errors.topic': 'joinedup.waste.requests.v1',
      '__connect.errors.partition': '2',
      '__connect.errors.offset': '41',
      '__connect.errors.connector.name': 'waste-app',
      '__connect.errors.stage': 'TASK_PUT',
      '__connect.errors.exception.class.name': 'RemoteCallError',
      '__connect.errors.exception.message': 'the call to crm was answered with HTTP 503',
      'joinedup.errors.attempts': '5',
      'joinedup.errors.code': 'REMOTE_CALL_FAILED',
      'joinedup.errors.retriable': 'true',
    });
    expect(headers['__connect.errors.exception.stacktrace']).toContain('RemoteCallError');
  });

  it('cuts a huge message so the dead letter stays within what the broker takes', () => {
    const huge = new Error('x'.repeat(100_000));
    const cut = deadLetterHeaders(record, {
      error: huge,
      failure: classifyFailure(huge),
      stage: 'TASK_PUT',
      attempts: 1,
      groupId: 'g',
    });
    expect(String(cut['__connect.errors.exception.message']).length).toBe(4096);
    expect(String(cut['__connect.errors.exception.stacktrace']).length).toBeLessThanOrEqual(16_384);
  });
});

describe('dead-letter names', () => {
  it('puts dead letters beside their topic', () => {
    expect(deadLetterTopicOf('joinedup.care.deaths.v1')).toBe('joinedup.care.deaths.v1.dlq');
  });

  it.each([
    ['__connect.errors.topic', true],
    ['joinedup.errors.attempts', true],
    ['joinedup.redriven-from', false],
    ['eventId', false],
  ])('knows %s is an error header: %s', (name, expected) => {
    expect(isErrorHeader(name)).toBe(expected);
  });
});
