import { ConfigError } from '@joinedup/config';
import { loadSchemaRegistrySettings } from './registry-config';

describe(loadSchemaRegistrySettings.name, () => {
  it('defaults to 127.0.0.1:8081, the _schemas topic, 1 MiB bodies and a local broker', () => {
    expect(loadSchemaRegistrySettings({ env: {}, argv: [] })).toEqual({
      host: '127.0.0.1',
      port: 8081,
      topic: '_schemas',
      maxBodyBytes: 1024 * 1024,
      kafka: { brokers: ['127.0.0.1:9092'], clientId: 'joinedup-schema-registry', ssl: false },
    });
  });

  it('reads flags over the environment, and SASL and TLS from the environment', () => {
    const settings = loadSchemaRegistrySettings({
      env: {
        JOINEDUP_REGISTRY_PORT: '9000',
        JOINEDUP_KAFKA_BROKERS: 'kafka-1:9093,kafka-2:9093',
        JOINEDUP_KAFKA_SSL: 'true',
        JOINEDUP_KAFKA_SASL_MECHANISM: 'scram-sha-512',
        JOINEDUP_KAFKA_SASL_USERNAME: 'registry',
        JOINEDUP_KAFKA_SASL_PASSWORD: 'secret',
      },
      argv: ['--port=18081', '--max-body-size', '512KiB'],
    });
    expect(settings).toMatchObject({
      port: 18081,
      maxBodyBytes: 512 * 1024,
      kafka: {
        brokers: ['kafka-1:9093', 'kafka-2:9093'],
        ssl: true,
        sasl: { mechanism: 'scram-sha-512', username: 'registry', password: 'secret' },
      },
    });
  });

  it.each([
    [{ JOINEDUP_REGISTRY_PORT: '70000' }, 'port (JOINEDUP_REGISTRY_PORT) = "70000"'],
    [{ JOINEDUP_REGISTRY_TOPIC: 'bad topic' }, 'topic (JOINEDUP_REGISTRY_TOPIC)'],
    [{ JOINEDUP_REGISTRY_MAX_BODY_SIZE: '-1' }, 'maxBodySize (JOINEDUP_REGISTRY_MAX_BODY_SIZE)'],
    [
      { JOINEDUP_KAFKA_BROKERS: 'localhost' },
      'kafkaBrokers (JOINEDUP_KAFKA_BROKERS) = "localhost"',
    ],
    [{ JOINEDUP_KAFKA_SASL_MECHANISM: 'kerberos' }, 'kafkaSaslMechanism'],
    [
      { JOINEDUP_KAFKA_SASL_MECHANISM: 'plain' },
      'kafkaSaslUsername (JOINEDUP_KAFKA_SASL_USERNAME)',
    ],
    [{ JOINEDUP_KAFKA_SSL: 'maybe' }, 'kafkaSsl (JOINEDUP_KAFKA_SSL) = "maybe"'],
  ])('stops start-up on %j with a message naming the setting', (env, named) => {
    expect(() => loadSchemaRegistrySettings({ env, argv: [] })).toThrow(ConfigError);
    expect(() => loadSchemaRegistrySettings({ env, argv: [] })).toThrow(named);
  });

  it('names every bad setting at once', () => {
    const env = { JOINEDUP_REGISTRY_PORT: 'x', JOINEDUP_KAFKA_SASL_MECHANISM: 'plain' };
    const error = (() => {
      try {
        loadSchemaRegistrySettings({ env, argv: [] });
      } catch (err) {
        return err as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.problems.map((p) => p.setting)).toEqual([
      'port',
      'kafkaSaslUsername',
      'kafkaSaslPassword',
    ]);
  });
});
