import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded } from 'kafkajs';
import { KafkaClientError, toKafkaClientError } from './kafka-client.error';

describe(toKafkaClientError.name, () => {
  const context = { operation: 'produce', topic: 't', partition: 1 };

  it("keeps the client's error type as the code and its retriable flag", () => {
    // The shape kafkajs gives a Kafka error code: its name in `type`, its flag in `retriable`.
    const rebalancing = Object.assign(new Error('rebalancing'), {
      type: 'REBALANCE_IN_PROGRESS',
      retriable: false,
    });
    const err = toKafkaClientError(rebalancing, context);
    expect(err).toBeInstanceOf(KafkaClientError);
    expect(err).toMatchObject({
      code: 'REBALANCE_IN_PROGRESS',
      retriable: false,
      isRebalance: true,
    });
    expect(err.message).toBe('produce on t/1 failed: rebalancing');
  });

  it('calls retries exhausted on a connection failure retriable: the broker may come back', () => {
    const cause = new KafkaJSConnectionError('Connection error: ECONNREFUSED');
    const exhausted = new KafkaJSNumberOfRetriesExceeded(cause, { retryCount: 5, retryTime: 100 });
    expect(toKafkaClientError(exhausted, context).retriable).toBe(true);
  });

  it('wraps a thrown non-error as a non-retriable client error', () => {
    expect(toKafkaClientError('boom', context)).toMatchObject({
      code: 'KAFKA_CLIENT_ERROR',
      retriable: false,
      isRebalance: false,
    });
  });
});
