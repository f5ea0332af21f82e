import {
  boolean,
  byteSize,
  ConfigError,
  ConfigOf,
  ConfigProblem,
  ConfigSources,
  integer,
  loadConfig,
  oneOf,
  Setting,
  text,
} from '@joinedup/config';
import { KafkaConnectionOptions } from './store/kafka-connection';

const MIB = 1024 * 1024;

/** host:port, comma-separated; each port 1-65535. */
const BROKER_LIST = /^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/;

/** Kafka's rule for topic names. */
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

/** A byte size that must be positive: the generic setting also takes -1 for unlimited. */
function positiveByteSize(opts: Parameters<typeof byteSize>[0]): Setting<number> {
  const base = byteSize(opts);
  return {
    ...base,
    parse(raw) {
      const value = base.parse(raw);
      if (value < 1) throw new Error('expected a positive size such as 1MiB');
      return value;
    },
  };
}

/** The registry's settings, read from flags and the environment by @joinedup/config. */
export const schemaRegistryConfigSchema = {
  host: text({
    env: 'JOINEDUP_REGISTRY_HOST',
    flag: 'host',
    default: '127.0.0.1',
    description: 'Address the registry listens on.',
  }),
  port: integer({
    env: 'JOINEDUP_REGISTRY_PORT',
    flag: 'port',
    default: 8081,
    min: 0,
    max: 65535,
    description:
      'Port the registry listens on (8081, the port registry clients expect; 0 picks a free one).',
  }),
  topic: text({
    env: 'JOINEDUP_REGISTRY_TOPIC',
    flag: 'topic',
    default: '_schemas',
    pattern: TOPIC_NAME,
    expected: 'a Kafka topic name: letters, digits, ".", "_" or "-", at most 249',
    description:
      'Compacted single-partition topic that holds every schema, config and mode change.',
  }),
  maxBodySize: positiveByteSize({
    env: 'JOINEDUP_REGISTRY_MAX_BODY_SIZE',
    flag: 'max-body-size',
    default: MIB,
    description: 'Largest request body accepted; larger ones get 413.',
  }),
  kafkaBrokers: text({
    env: 'JOINEDUP_KAFKA_BROKERS',
    flag: 'kafka-brokers',
    default: '127.0.0.1:9092',
    pattern: BROKER_LIST,
    expected: 'host:port[,host:port...]',
    description: 'Kafka bootstrap brokers.',
  }),
  kafkaClientId: text({
    env: 'JOINEDUP_REGISTRY_KAFKA_CLIENT_ID',
    flag: 'kafka-client-id',
    default: 'joinedup-schema-registry',
    description: 'Kafka client id of the registry (its reader group is named after it).',
  }),
  kafkaSsl: boolean({
    env: 'JOINEDUP_KAFKA_SSL',
    default: false,
    description: 'Connect to Kafka over TLS.',
  }),
  kafkaSaslMechanism: oneOf({
    env: 'JOINEDUP_KAFKA_SASL_MECHANISM',
    default: 'none',
    values: ['none', 'plain', 'scram-sha-256', 'scram-sha-512'] as const,
    description: 'SASL mechanism for Kafka; none turns SASL off.',
  }),
  kafkaSaslUsername: text({
    env: 'JOINEDUP_KAFKA_SASL_USERNAME',
    default: '',
    description: 'SASL user name (environment only).',
  }),
  kafkaSaslPassword: {
    ...text({
      env: 'JOINEDUP_KAFKA_SASL_PASSWORD',
      default: '',
      description: 'SASL password (environment only; never logged).',
    }),
    secret: true,
  },
};

export interface SchemaRegistrySettings {
  host: string;
  port: number;
  topic: string;
  maxBodyBytes: number;
  kafka: KafkaConnectionOptions;
}

/**
 * Reads and checks every setting; throws one ConfigError naming each bad one, including a
 * SASL mechanism without its user name or password.
 */
export function loadSchemaRegistrySettings(sources: ConfigSources = {}): SchemaRegistrySettings {
  const saslProblems = missingSaslCredentials(sources.env ?? process.env);
  let config: ConfigOf<typeof schemaRegistryConfigSchema>;
  try {
    config = loadConfig(schemaRegistryConfigSchema, sources);
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError([...err.problems, ...saslProblems]);
    throw err;
  }
  if (saslProblems.length > 0) throw new ConfigError(saslProblems);
  return schemaRegistrySettingsFrom(config);
}

/** Maps a loaded configuration (the registry's own, or the hub's unprefixed) to settings. */
export function schemaRegistrySettingsFrom(
  config: ConfigOf<typeof schemaRegistryConfigSchema>,
): SchemaRegistrySettings {
  const mechanism = config.kafkaSaslMechanism;
  return {
    host: config.host,
    port: config.port,
    topic: config.topic,
    maxBodyBytes: config.maxBodySize,
    kafka: {
      brokers: config.kafkaBrokers.split(','),
      clientId: config.kafkaClientId,
      ssl: config.kafkaSsl,
      ...(mechanism === 'none'
        ? {}
        : {
            sasl: {
              mechanism,
              username: config.kafkaSaslUsername,
              password: config.kafkaSaslPassword,
            },
          }),
    },
  };
}

/** The SASL credentials are read from the environment only, so they are checked there. */
export function missingSaslCredentials(env: NodeJS.ProcessEnv): ConfigProblem[] {
  const mechanism = env.JOINEDUP_KAFKA_SASL_MECHANISM;
  if (mechanism === undefined || mechanism === 'none') return [];
  const reason = `required when JOINEDUP_KAFKA_SASL_MECHANISM is ${mechanism}`;
  const credentials = [
    { setting: 'kafkaSaslUsername', source: 'JOINEDUP_KAFKA_SASL_USERNAME' },
    { setting: 'kafkaSaslPassword', source: 'JOINEDUP_KAFKA_SASL_PASSWORD' },
  ];
  return credentials
    .filter(({ source }) => !env[source])
    .map(({ setting, source }) => ({ setting, source, value: '', reason }));
}
