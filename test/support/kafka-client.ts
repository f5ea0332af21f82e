import { Kafka, logLevel } from 'kafkajs';

/** A kafkajs client for tests: quiet, quick to give up, pointed at one broker. */
export function kafkaClient(bootstrap: string, clientId = 'joinedup-test'): Kafka {
  return new Kafka({
    clientId,
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 100 },
  });
}
