import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { LegacyWasteError } from '../errors/legacy-waste.error';
import { ProduceAnswer, ProduceRequest, ProducerThreadData } from './producer-thread.worker';

/**
 * Heap limits of the producer thread: it holds at most a few packed batches and kafkajs's
 * request buffers, and without limits V8 sizes its heap as for a whole application.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

interface Pending {
  resolve(): void;
  reject(err: Error): void;
}

/**
 * A kafkajs producer in its own worker thread. `send` hands it packed record batches (moved,
 * not copied) and resolves when the broker has acknowledged them. Requests are produced in the
 * order they are sent. When the thread dies, every pending and later send fails retriably.
 */
export class ProducerThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly answers = new Set<Promise<void>>();
  private nextId = 1;
  private failure: Error | undefined;

  constructor(data: ProducerThreadData) {
    this.worker = startWorker(data);
    this.worker.on('message', (answer: ProduceAnswer) => this.settle(answer));
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`the producer thread exited (${code})`)));
  }

  send(batches: ProduceRequest['batches']): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    const answer = new Promise<void>((resolve, reject) =>
      this.pending.set(id, { resolve, reject }),
    );
    this.answers.add(answer);
    const forget = () => this.answers.delete(answer);
    answer.then(forget, forget);
    const request: ProduceRequest = { id, batches };
    this.worker.postMessage(
      request,
      batches.map((batch) => batch.records),
    );
    return answer;
  }

  /** Disconnects the producer and ends the thread, after the sends in flight. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.answers]);
    if (this.failure !== undefined) return;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage('close');
    await exited;
  }

  private settle(answer: ProduceAnswer): void {
    const pending = this.pending.get(answer.id);
    if (pending === undefined) return;
    this.pending.delete(answer.id);
    if (answer.error === undefined) {
      pending.resolve();
      return;
    }
    const { name, message, retriable } = answer.error;
    pending.reject(
      new LegacyWasteError(
        'PUBLISH_FAILED',
        `producing failed: ${name}: ${message}`,
        {},
        { retriable },
      ),
    );
  }

  private fail(err: Error): void {
    this.failure ??= new LegacyWasteError(
      'PUBLISH_FAILED',
      `the producer thread failed: ${err.message}`,
      {},
      { cause: err },
    );
    for (const pending of this.pending.values()) pending.reject(this.failure);
    this.pending.clear();
  }
}

/** The worker from its compiled file, or through ts-node when running from source (tests). */
function startWorker(data: ProducerThreadData): Worker {
  const file = join(__dirname, `producer-thread.worker${extname(__filename)}`);
  const resourceLimits = WORKER_LIMITS;
  if (file.endsWith('.js')) return new Worker(file, { workerData: data, resourceLimits });
  const source =
    "require('ts-node').register({ transpileOnly: true });" + `require(${JSON.stringify(file)});`;
  return new Worker(source, { eval: true, workerData: data, resourceLimits });
}
