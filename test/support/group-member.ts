/**
 * A kafkajs group member in its own process, for tests that kill a consumer with SIGKILL.
 * Usage: group-member.ts <bootstrap> <group> <topic>. Prints one JSON line per assignment.
 */
import { Kafka, logLevel } from 'kafkajs';

async function main(): Promise<void> {
  const [bootstrap, groupId, topic] = process.argv.slice(2);
  const kafka = new Kafka({
    clientId: 'group-member',
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({
    groupId,
    sessionTimeout: 3000,
    heartbeatInterval: 300,
    rebalanceTimeout: 5000,
    maxWaitTimeInMs: 100,
  });
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    const partitions = e.payload.memberAssignment[topic] ?? [];
    process.stdout.write(JSON.stringify({ event: 'assigned', partitions }) + '\n');
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async () => undefined });
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
