import {
  byteSize,
  ConfigError,
  ConfigOf,
  ConfigSources,
  integer,
  loadConfig,
  Setting,
  text,
} from '@joinedup/config';
import {
  kafkaConnectionFrom,
  kafkaConnectionSettings,
  KafkaConnectionOptions,
  missingSaslCredentials,
} from '@joinedup/kafka';

export { missingSaslCredentials };

const MIB = 1024 * 1024;

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
  kafkaClientId: text({
    env: 'JOINEDUP_REGISTRY_KAFKA_CLIENT_ID',
    flag: 'kafka-client-id',
    default: 'joinedup-schema-registry',
    description: 'Kafka client id of the registry (its reader group is named after it).',
  }),
  ...kafkaConnectionSettings,
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
  return {
    host: config.host,
    port: config.port,
    topic: config.topic,
    maxBodyBytes: config.maxBodySize,
    kafka: kafkaConnectionFrom(config, config.kafkaClientId),
  };
}
