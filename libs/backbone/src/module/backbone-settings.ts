import {
  ConfigError,
  ConfigOf,
  ConfigSources,
  duration,
  integer,
  loadConfig,
  oneOf,
  text,
} from '@joinedup/config';
import {
  kafkaConnectionFrom,
  kafkaConnectionSettings,
  missingSaslCredentials,
} from '@joinedup/kafka';
import { databaseOptionsFromConfig, databaseSettings } from '@joinedup/persistence';
import { BackboneOptions } from './backbone-options';

/**
 * The settings of an app that consumes or produces through the backbone: Kafka connection,
 * registry, database, and the consumer's group and retry policy. Apps spread these into their
 * own schema or load them alone with loadBackboneOptions.
 */
export const backboneSettings = {
  ...kafkaConnectionSettings,
  ...databaseSettings,
  registryUrl: text({
    env: 'JOINEDUP_REGISTRY_URL',
    flag: 'registry-url',
    default: 'http://127.0.0.1:8081',
    pattern: /^https?:\/\/\S+$/,
    expected: 'an http(s) URL such as http://127.0.0.1:8081',
    description: 'Schema registry the events are encoded and decoded with.',
  }),
  groupId: text({
    env: 'JOINEDUP_BACKBONE_GROUP_ID',
    flag: 'group-id',
    default: '',
    description: "Consumer group of the app; empty means the app's Kafka client id.",
  }),
  maxAttempts: integer({
    env: 'JOINEDUP_BACKBONE_MAX_ATTEMPTS',
    flag: 'max-attempts',
    default: 5,
    min: 1,
    max: 1000,
    description: 'Attempts at a handler that fails with a retriable error, before its dead letter.',
  }),
  retryInitialDelay: duration({
    env: 'JOINEDUP_BACKBONE_RETRY_INITIAL_DELAY',
    flag: 'retry-initial-delay',
    default: 200,
    description: 'Cap of the first retry backoff; each later cap doubles (full jitter).',
  }),
  retryMaxDelay: duration({
    env: 'JOINEDUP_BACKBONE_RETRY_MAX_DELAY',
    flag: 'retry-max-delay',
    default: 30_000,
    description: 'Largest retry backoff.',
  }),
  partitionsConcurrently: integer({
    env: 'JOINEDUP_BACKBONE_PARTITIONS_CONCURRENTLY',
    flag: 'partitions-concurrently',
    default: 3,
    min: 1,
    max: 1000,
    description: 'Partitions handled at once; order is kept within each partition.',
  }),
  unclaimedEvents: oneOf({
    env: 'JOINEDUP_BACKBONE_UNCLAIMED_EVENTS',
    flag: 'unclaimed-events',
    default: 'skip',
    values: ['skip', 'dead-letter'] as const,
    description: 'What to do with an event type on a consumed topic that no handler claims.',
  }),
  lagRefreshInterval: duration({
    env: 'JOINEDUP_BACKBONE_LAG_REFRESH_INTERVAL',
    flag: 'lag-refresh-interval',
    default: 15_000,
    description: 'How often the consumer lag metric is refreshed.',
  }),
};

export type BackboneConfig = ConfigOf<typeof backboneSettings>;

/** Reads the backbone settings; one ConfigError names every bad one. */
export function loadBackboneOptions(
  clientId: string,
  sources: ConfigSources = {},
): BackboneOptions {
  const problems = missingSaslCredentials(sources.env ?? process.env);
  let config: BackboneConfig;
  try {
    config = loadConfig(backboneSettings, sources);
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError([...err.problems, ...problems]);
    throw err;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return backboneOptionsFrom(config, clientId);
}

/** Maps loaded settings (alone or inside an app's schema) to backbone options. */
export function backboneOptionsFrom(config: BackboneConfig, clientId: string): BackboneOptions {
  return {
    kafka: kafkaConnectionFrom(config, clientId),
    registry: { url: config.registryUrl },
    groupId: config.groupId || clientId,
    database: databaseOptionsFromConfig(config),
    retry: {
      maxAttempts: config.maxAttempts,
      initialDelayMs: Math.max(0, config.retryInitialDelay),
      maxDelayMs: Math.max(0, config.retryMaxDelay),
    },
    consumer: { partitionsConsumedConcurrently: config.partitionsConcurrently },
    unclaimedEvents: config.unclaimedEvents,
    lagRefreshIntervalMs: Math.max(0, config.lagRefreshInterval),
  };
}
