import { Kafka, KafkaConfig, logLevel, LogEntry, SASLOptions } from 'kafkajs';
import { createLogger } from '@joinedup/logging';

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

/** How to reach a Kafka cluster: the embedded broker, or a real one with TLS and SASL. */
export interface KafkaConnectionOptions {
  brokers: string[];
  clientId: string;
  ssl?: boolean;
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
}

/** The one place kafkajs is configured, its logs routed into ours (its info is our debug). */
export function createKafkaClient(options: KafkaConnectionOptions): Kafka {
  const config: KafkaConfig = {
    clientId: options.clientId,
    brokers: options.brokers,
    ssl: options.ssl ?? false,
    logLevel: logLevel.INFO,
    logCreator: kafkaLogCreator,
  };
  if (options.sasl) config.sasl = options.sasl as SASLOptions;
  return new Kafka(config);
}

const kafkaLog = createLogger('kafkajs');

/** Fields of a kafkajs log entry that our logger writes itself. */
const KAFKAJS_OWN_FIELDS = new Set(['message', 'timestamp', 'logger']);

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
