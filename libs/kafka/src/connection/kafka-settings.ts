import {
  boolean,
  ConfigError,
  ConfigOf,
  ConfigProblem,
  ConfigSources,
  loadConfig,
  oneOf,
  text,
} from '@joinedup/config';
import { KafkaConnectionOptions } from './kafka-connection-options';

/** host:port, comma-separated; each port 1-65535. */
const BROKER_LIST = /^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/;

/**
 * The connection settings every app shares, under the variables the schema registry already
 * reads (`JOINEDUP_KAFKA_*`), so one environment configures every process of a council.
 * The client id is the app's own and is given by the caller.
 */
export const kafkaConnectionSettings = {
  kafkaBrokers: text({
    env: 'JOINEDUP_KAFKA_BROKERS',
    flag: 'kafka-brokers',
    default: '127.0.0.1:9092',
    pattern: BROKER_LIST,
    expected: 'host:port[,host:port...]',
    description: 'Kafka bootstrap brokers.',
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

export type KafkaConnectionConfig = ConfigOf<typeof kafkaConnectionSettings>;

/**
 * Reads the shared connection settings for a client; throws one ConfigError naming every bad
 * setting, including a SASL mechanism whose user name or password is missing.
 */
export function loadKafkaConnectionOptions(
  clientId: string,
  sources: ConfigSources = {},
): KafkaConnectionOptions {
  const saslProblems = missingSaslCredentials(sources.env ?? process.env);
  let config: KafkaConnectionConfig;
  try {
    config = loadConfig(kafkaConnectionSettings, sources);
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError([...err.problems, ...saslProblems]);
    throw err;
  }
  if (saslProblems.length > 0) throw new ConfigError(saslProblems);
  return kafkaConnectionFrom(config, clientId);
}

/** Maps loaded settings (alone or inside an app's larger schema) to connection options. */
export function kafkaConnectionFrom(
  config: KafkaConnectionConfig,
  clientId: string,
): KafkaConnectionOptions {
  const mechanism = config.kafkaSaslMechanism;
  const options: KafkaConnectionOptions = {
    brokers: config.kafkaBrokers.split(','),
    clientId,
    ssl: config.kafkaSsl,
  };
  if (mechanism !== 'none') {
    options.sasl = {
      mechanism,
      username: config.kafkaSaslUsername,
      password: config.kafkaSaslPassword,
    };
  }
  return options;
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
