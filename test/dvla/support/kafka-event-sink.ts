import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { AvroSerde } from '@joinedup/avro';
import { Catalogue, findCatalogueEntry, JoinedUpEvent } from '@joinedup/contracts';
import { EventSink } from '@joinedup/dvla';

/**
 * An EventSink over the project's broker, as the backbone will provide one: each event
 * encoded by AvroSerde under its catalogue subject, produced to its catalogue topic, keyed by
 * subjectKey, with eventType and eventId headers.
 */
export class KafkaEventSink implements EventSink {
  private readonly producer: Producer;
  private readonly serde: AvroSerde;

  constructor(
    private readonly catalogue: Catalogue,
    bootstrap: string,
    registryUrl: string,
  ) {
    const kafka = new Kafka({
      clientId: 'dvla-e2e-sink',
      brokers: [bootstrap],
      logLevel: logLevel.NOTHING,
    });
    this.producer = kafka.producer({ allowAutoTopicCreation: true });
    this.serde = new AvroSerde({ registry: { url: registryUrl } });
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  async publish(events: readonly JoinedUpEvent[]): Promise<void> {
    for (const event of events) {
      const entry = findCatalogueEntry(this.catalogue, event.eventType);
      const value = await this.serde.encode(entry.subject, event);
      await this.producer.send({
        topic: entry.topic,
        acks: -1,
        messages: [
          {
            key: event.subjectKey,
            value,
            headers: { eventType: event.eventType, eventId: event.eventId },
          },
        ],
      });
    }
  }
}

export interface DecodedRecord {
  key: string | null;
  headers: Record<string, string>;
  event: Record<string, unknown>;
}

/** Reads `count` records of a topic from the start, each decoded through the registry. */
export async function readEvents(
  bootstrap: string,
  registryUrl: string,
  topic: string,
  count: number,
  timeoutMs = 20_000,
): Promise<DecodedRecord[]> {
  const kafka = new Kafka({
    clientId: 'dvla-e2e-reader',
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `dvla-e2e-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const serde = new AvroSerde({ registry: { url: registryUrl } });
  const records: DecodedRecord[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${records.length} of ${count} records of ${topic}`)),
        timeoutMs,
      );
      void consumer.run({
        eachMessage: async ({ message }) => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(message.headers ?? {}))
            headers[name] = String(value);
          records.push({
            key: message.key?.toString() ?? null,
            headers,
            event: (await serde.decode(message.value as Buffer)) as Record<string, unknown>,
          });
          if (records.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}
