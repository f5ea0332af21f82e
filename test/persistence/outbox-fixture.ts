import { DataSource } from 'typeorm';
import { OutboxMessage, OutboxStore, UnitOfWork } from '@joinedup/persistence';

/** Messages m-<from> .. m-<from+count-1>: odd ones without a key, each with an event-id header. */
export function messages(topic: string, from: number, count: number): OutboxMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return {
      topic,
      key: n % 2 === 0 ? Buffer.from(`key-${n}`) : null,
      value: Buffer.from(`m-${n}`),
      headers: { 'event-id': `event-${n}`, 'content-type': 'application/avro' },
    };
  });
}

export function values(published: OutboxMessage[]): string[] {
  return published.map((message) => message.value.toString());
}

export function expectedValues(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `m-${from + i}`);
}

export async function append(ds: DataSource, batch: OutboxMessage[]): Promise<void> {
  const outbox = new OutboxStore();
  await new UnitOfWork(ds).run((tx) => outbox.append(tx, batch));
}

export async function countRows(ds: DataSource, where: string): Promise<number> {
  const rows: { n: number | string }[] = await ds.query(
    `SELECT COUNT(*) AS n FROM outbox WHERE ${where}`,
  );
  return Number(rows[0].n);
}

/** Polls until the condition holds; fails with `what` after timeoutMs. */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A publish function that records every batch it was given, and when. */
export class RecordingPublisher {
  readonly batches: { at: number; messages: OutboxMessage[] }[] = [];

  constructor(private readonly behaviour: (attempt: number) => Promise<void> = async () => {}) {}

  readonly publish = async (batch: OutboxMessage[]): Promise<void> => {
    this.batches.push({ at: Date.now(), messages: batch });
    await this.behaviour(this.batches.length);
  };

  get published(): OutboxMessage[] {
    return this.batches.flatMap((batch) => batch.messages);
  }
}
