import { Kafka, KafkaConfig, LogEntry, logLevel, SASLOptions } from 'kafkajs';
import { createLogger } from '@joinedup/logging';
import { KafkaConnectionOptions } from './kafka-connection-options';

/**
 * The one place kafkajs is configured. Internal to this library: nothing outside it sees a
 * kafkajs type, so another client can replace kafkajs behind the same classes.
 */
export function createKafkaClient(options: KafkaConnectionOptions): Kafka {
  const config: KafkaConfig = {
    clientId: options.clientId,
    brokers: options.brokers,
    ssl: options.ssl ?? false,
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    logLevel: logLevel.INFO,
    logCreator: kafkaLogCreator,
  };
  if (options.sasl) config.sasl = options.sasl as SASLOptions;
  return new Kafka(config);
}

const kafkaLog = createLogger('kafkajs');

/** Fields of a kafkajs log entry that our logger writes itself. */
const KAFKAJS_OWN_FIELDS = new Set(['message', 'timestamp', 'logger']);

/** Routes kafkajs's logs into ours; its info is our debug, as it narrates every rejoin. */
function kafkaLogCreator() {
  return ({ namespace, level, log }: LogEntry) => {
    const context = Object.fromEntries(
      Object.entries(log).filter(([key]) => !KAFKAJS_OWN_FIELDS.has(key)),
    );
    const fields = { namespace, ...context };
    if (level === logLevel.ERROR) kafkaLog.error(log.message, fields);
    else if (level === logLevel.WARN) kafkaLog.warn(log.message, fields);
    else kafkaLog.debug(log.message, fields);
  };
}
