import { loadConfig, text } from '@joinedup/config';
import { schemaRegistryConfigSchema } from '@joinedup/schema-registry';

/**
 * Where the CLI finds Kafka and the schema registry: flags win over the environment, which
 * wins over the defaults `npm start` listens on. The broker list is the registry's own
 * setting under a shorter flag, so JOINEDUP_KAFKA_BROKERS means the same everywhere.
 */
export const cliSettings = {
  kafkaBrokers: {
    ...schemaRegistryConfigSchema.kafkaBrokers,
    flag: 'kafka',
    description: 'Kafka bootstrap brokers, host:port[,host:port...].',
  },
  schemaRegistryUrl: text({
    env: 'JOINEDUP_SCHEMA_REGISTRY_URL',
    flag: 'registry',
    default: 'http://127.0.0.1:8081',
    pattern: /^https?:\/\/[^\s/]+(\/\S*)?$/,
    expected: 'an http:// or https:// URL',
    description: 'Schema registry URL.',
  }),
};

export interface CliSettings {
  kafkaBrokers: string[];
  schemaRegistryUrl: string;
}

/** The global options as commander parsed them: only those given on the command line. */
export interface GlobalFlags {
  kafka?: string;
  registry?: string;
}

/** Reads and checks every setting; throws one ConfigError naming each bad one. */
export function loadCliSettings(flags: GlobalFlags, env: NodeJS.ProcessEnv): CliSettings {
  const argv: string[] = [];
  if (flags.kafka !== undefined) argv.push(`--kafka=${flags.kafka}`);
  if (flags.registry !== undefined) argv.push(`--registry=${flags.registry}`);

  const config = loadConfig(cliSettings, { env, argv });
  return {
    kafkaBrokers: config.kafkaBrokers.split(','),
    schemaRegistryUrl: config.schemaRegistryUrl.replace(/\/+$/, ''),
  };
}
