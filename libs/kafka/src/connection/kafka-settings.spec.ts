import { ConfigError } from '@joinedup/config';
import { loadKafkaConnectionOptions } from './kafka-settings';

describe(loadKafkaConnectionOptions.name, () => {
  it('defaults to the embedded broker without TLS or SASL', () => {
    expect(loadKafkaConnectionOptions('waste-app', { env: {} })).toEqual({
      brokers: ['127.0.0.1:9092'],
      clientId: 'waste-app',
      ssl: false,
    });
  });

  it('reads brokers, TLS and SASL from the shared JOINEDUP_KAFKA_* variables', () => {
    const env = {
      JOINEDUP_KAFKA_BROKERS: 'k1:9093,k2:9093',
      JOINEDUP_KAFKA_SSL: 'true',
      JOINEDUP_KAFKA_SASL_MECHANISM: 'scram-sha-512',
      JOINEDUP_KAFKA_SASL_USERNAME: 'app',
      JOINEDUP_KAFKA_SASL_PASSWORD: 'secret',
    };
    expect(loadKafkaConnectionOptions('waste-app', { env })).toEqual({
      brokers: ['k1:9093', 'k2:9093'],
      clientId: 'waste-app',
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'app', password: 'secret' },
    });
  });

  it('names every bad setting at once, the missing SASL credentials too', () => {
    const env = { JOINEDUP_KAFKA_BROKERS: 'no-port', JOINEDUP_KAFKA_SASL_MECHANISM: 'plain' };
    let error: ConfigError | undefined;
    try {
      loadKafkaConnectionOptions('waste-app', { env });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems.map((p) => p.source)).toEqual([
      'JOINEDUP_KAFKA_BROKERS',
      'JOINEDUP_KAFKA_SASL_USERNAME',
      'JOINEDUP_KAFKA_SASL_PASSWORD',
    ]);
    expect(error!.message).toContain('"no-port"');
    expect(error!.message).not.toContain('secret');
  });
});
