import { parentPort, workerData } from 'node:worker_threads';
import { Kafka, logLevel } from 'kafkajs';
import { keyPartitioner } from './key-partitioner';
import { OrderedBatchSender } from './ordered-batch-sender';
import { UnpackedMessage, unpackRecords } from './record-pack';

/** What the main thread asks: produce the packed records of a batch to their topics. */
export interface ProduceRequest {
  id: number;
  batches: Array<{ topic: string; records: ArrayBuffer }>;
}

export interface ProduceAnswer {
  id: number;
  error?: { name: string; message: string; retriable: boolean };
}

export interface ProducerThreadData {
  brokers: string[];
  clientId: string;
  /** Send the eventType and eventId headers. */
  headers: boolean;
}

/**
 * The producer thread: one kafkajs producer that sends what the main thread packed, with acks
 * from all replicas, and answers each request once the broker has acknowledged it. kafkajs
 * spends most of its time encoding record batches; here that runs beside parsing and mapping
 * instead of between them.
 */
function main(): void {
  const port = parentPort;
  if (port === null) throw new Error('producer-thread.worker must run in a worker thread');
  const { brokers, clientId, headers } = workerData as ProducerThreadData;
  const kafka = new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: keyPartitioner });
  const connected = producer.connect();
  const sender = new OrderedBatchSender<UnpackedMessage>(async (topicMessages) => {
    await connected;
    await producer.sendBatch({ acks: -1, topicMessages });
  });

  port.on('message', (request: ProduceRequest | 'close') => {
    if (request === 'close') {
      void connected.then(() => producer.disconnect()).finally(() => port.close());
      return;
    }
    const topicMessages = request.batches.map(({ topic, records }) => ({
      topic,
      messages: unpackRecords(records, headers),
    }));
    sender.enqueue(topicMessages).then(
      () => port.postMessage({ id: request.id } satisfies ProduceAnswer),
      (err: Error & { retriable?: boolean }) =>
        port.postMessage({
          id: request.id,
          error: { name: err.name, message: err.message, retriable: err.retriable !== false },
        } satisfies ProduceAnswer),
    );
  });
}

main();
