/** Messages for one topic, as kafkajs's sendBatch takes them. */
export interface TopicBatch<M> {
  topic: string;
  messages: M[];
}

/**
 * kafkajs groups a request's messages by partition by copying the partition's array for every
 * message (groupMessagesPerPartition), so a request's cost grows with the square of its size:
 * merging is capped.
 */
const DEFAULT_MAX_MESSAGES = 1000;

interface Queued<M> {
  batches: Array<TopicBatch<M>>;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Sends batches one request at a time, in the order they were given, merging every batch
 * that queued up while a request was in flight into the next request. kafkajs does not keep
 * concurrent sendBatch calls in call order, and events about one property must reach the
 * broker in file order; merging small batches keeps requests large enough to share one flush
 * to disk among many records.
 */
export class OrderedBatchSender<M> {
  private readonly queue: Array<Queued<M>> = [];
  private sending = false;

  constructor(
    private readonly send: (batches: Array<TopicBatch<M>>) => Promise<void>,
    /** Most messages merged into one request (a single larger batch is sent whole). */
    private readonly maxMessages = DEFAULT_MAX_MESSAGES,
  ) {}

  enqueue(batches: Array<TopicBatch<M>>): Promise<void> {
    const done = new Promise<void>((resolve, reject) =>
      this.queue.push({ batches, resolve, reject }),
    );
    if (!this.sending) void this.drain();
    return done;
  }

  /** The queued batches to send next: at least one, then more while under maxMessages. */
  private takeUpToLimit(): Array<Queued<M>> {
    let count = countOf(this.queue[0]);
    let end = 1;
    while (end < this.queue.length && count + countOf(this.queue[end]) <= this.maxMessages) {
      count += countOf(this.queue[end]);
      end += 1;
    }
    return this.queue.splice(0, end);
  }

  private async drain(): Promise<void> {
    this.sending = true;
    while (this.queue.length > 0) {
      const taken = this.takeUpToLimit();
      try {
        await this.send(merge(taken.flatMap((queued) => queued.batches)));
        for (const queued of taken) queued.resolve();
      } catch (err) {
        for (const queued of taken) queued.reject(err);
      }
    }
    this.sending = false;
  }
}

function countOf<M>(queued: Queued<M>): number {
  return queued.batches.reduce((sum, batch) => sum + batch.messages.length, 0);
}

/** One batch per topic, in order of first appearance, messages in the order given. */
function merge<M>(batches: Array<TopicBatch<M>>): Array<TopicBatch<M>> {
  const byTopic = new Map<string, M[]>();
  for (const { topic, messages } of batches) {
    const merged = byTopic.get(topic);
    if (merged === undefined) byTopic.set(topic, [...messages]);
    else for (const message of messages) merged.push(message);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
