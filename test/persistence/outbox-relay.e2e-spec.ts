import { DataSource } from 'typeorm';
import { LogSink, setLogLevel, setLogSink } from '@joinedup/logging';
import {
  isRetriablePersistenceError,
  OutboxRelay,
  OutboxStore,
  UnitOfWork,
  openDatabase,
} from '@joinedup/persistence';
import { uniqueName } from '../support/broker-harness';
import { describeEachDatabase } from '../support/databases';
import { spawnTs, waitForExit } from '../support/spawn-ts';
import {
  append,
  countRows,
  deferred,
  expectedValues,
  messages,
  RecordingPublisher,
  values,
  waitFor,
} from './outbox-fixture';

jest.setTimeout(60_000);
setLogLevel('error');

describeEachDatabase('OutboxRelay', (db) => {
  let ds: DataSource;
  const relays: OutboxRelay[] = [];

  function relay(publisher: RecordingPublisher, opts = {}): OutboxRelay {
    const created = new OutboxRelay(ds, publisher.publish, opts);
    relays.push(created);
    return created;
  }

  beforeAll(async () => {
    ds = await openDatabase(db.options());
  });

  beforeEach(async () => {
    await ds.query('DELETE FROM outbox');
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('publishes in sequence order in batches, byte for byte, and marks every message sent', async () => {
    const topic = uniqueName('ordered');
    const written = [
      ...messages(topic, 0, 45),
      ...messages(topic, 45, 45),
      ...messages(topic, 90, 45),
    ];
    for (let i = 0; i < written.length; i += 45) await append(ds, written.slice(i, i + 45));
    const publisher = new RecordingPublisher();

    expect(await relay(publisher, { batchSize: 50 }).drain()).toBe(135);

    expect(publisher.batches.map((b) => b.messages.length)).toEqual([50, 50, 35]);
    expect(publisher.published).toEqual(written);
    expect(await countRows(ds, 'sent_at IS NULL')).toBe(0);
    expect(await countRows(ds, 'sent_at IS NOT NULL')).toBe(135);
    expect(await relay(new RecordingPublisher()).drain()).toBe(0);
  });

  it('publishes nothing from a transaction that rolled back', async () => {
    const topic = uniqueName('rolled-back');
    await append(ds, messages(topic, 0, 2));
    const failing = append(ds, [
      ...messages(topic, 2, 1),
      { ...messages(topic, 3, 1)[0], topic: '' },
    ]);
    await expect(failing).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const publisher = new RecordingPublisher();
    await relay(publisher).drain();
    expect(values(publisher.published)).toEqual(['m-0', 'm-1']);
  });

  it('publishes overlapping transactions in commit order, never a later sequence first', async () => {
    const topic = uniqueName('commit-order');
    const outbox = new OutboxStore();
    const uow = new UnitOfWork(ds);
    const firstAppended = deferred();
    const first = uow.run(async (tx) => {
      await outbox.append(tx, messages(topic, 0, 1));
      firstAppended.resolve();
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await firstAppended.promise;
    const second = uow.run((tx) => outbox.append(tx, messages(topic, 1, 1)));
    await new Promise((resolve) => setTimeout(resolve, 100));

    // Drained while the first is still open: the second must not be visible before it.
    const publisher = new RecordingPublisher();
    const relayOfBoth = relay(publisher);
    const early = relayOfBoth.drain();
    await Promise.all([first, second, early]);
    await relayOfBoth.drain();

    expect(values(publisher.published)).toEqual(['m-0', 'm-1']);
  });

  it('re-publishes the batch after a crash between publish and marking it sent, losing nothing', async () => {
    const topic = uniqueName('crash');
    await append(ds, messages(topic, 0, 25));
    const failing = new RecordingPublisher(async (attempt) => {
      if (attempt === 2) throw new Error('process died after the broker acknowledged');
    });

    await expect(relay(failing, { batchSize: 10 }).drain()).rejects.toThrow('process died');
    const recovered = new RecordingPublisher();
    expect(await relay(recovered, { batchSize: 10 }).drain()).toBe(15);

    const everything = [...values(failing.published), ...values(recovered.published)];
    expect(everything).toEqual([...expectedValues(0, 20), ...expectedValues(10, 15)]);
    expect(await countRows(ds, 'sent_at IS NULL')).toBe(0);
  });

  it('recovers after the relay process is killed with SIGKILL between publish and mark', async () => {
    const topic = uniqueName('sigkill');
    await append(ds, messages(topic, 0, 30));
    const options = db.options();
    const child = spawnTs('test/persistence/fixtures/relay-then-die.ts', [
      options.url || options.sqlitePath,
      '10',
      '2',
    ]);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForExit(child);
    expect(child.signalCode).toBe('SIGKILL');
    const beforeCrash = output
      .split('\n')
      .filter((line) => line.startsWith('published '))
      .map((line) => line.slice('published '.length));
    expect(beforeCrash).toEqual(expectedValues(0, 20));

    // PostgreSQL frees the dead relay's lock once it notices the closed socket; until then a
    // drain is refused with the retriable RELAY_LOCK_HELD.
    const recovered = new RecordingPublisher();
    const recovering = relay(recovered, { batchSize: 10 });
    let drained: number | undefined;
    await waitFor('the dead relay to free the lock', async () => {
      drained = await recovering.drain().catch((err: unknown) => {
        if (isRetriablePersistenceError(err) && err.code === 'RELAY_LOCK_HELD') return undefined;
        throw err;
      });
      return drained !== undefined;
    });
    expect(drained).toBe(20);
    // Batch 2 again (the crash lost its "sent" mark), then the rest: no gap, no reordering.
    expect(values(recovered.published)).toEqual(expectedValues(10, 20));
  });

  it('wakes at once on notify() rather than waiting for the next poll', async () => {
    const topic = uniqueName('notify');
    const publisher = new RecordingPublisher();
    const running = relay(publisher, { pollIntervalMs: 60_000 });
    running.start();
    await waitFor('the relay to become active', () => running.active);
    await new Promise((resolve) => setTimeout(resolve, 100));

    await append(ds, messages(topic, 0, 1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(publisher.batches).toHaveLength(0);

    const notifiedAt = Date.now();
    running.notify();
    await waitFor('the notified message', () => publisher.batches.length === 1, 5_000);
    expect(publisher.batches[0].at - notifiedAt).toBeLessThan(1_000);
  });

  it('finds messages committed without notify() at the next poll', async () => {
    const topic = uniqueName('poll');
    const publisher = new RecordingPublisher();
    relay(publisher, { pollIntervalMs: 100 }).start();
    await append(ds, messages(topic, 0, 3));
    await waitFor('the polled messages', () => publisher.published.length === 3);
    expect(values(publisher.published)).toEqual(expectedValues(0, 3));
  });

  it('backs off and retries the same batch, logging its first sequence but never its payload', async () => {
    const topic = uniqueName('backoff');
    const lines: string[] = [];
    const sink: LogSink = { write: (line) => lines.push(line) };
    setLogSink(sink);
    setLogLevel('warn');
    try {
      await append(ds, messages(topic, 0, 3));
      const publisher = new RecordingPublisher(async (attempt) => {
        if (attempt <= 3) throw new Error('broker unavailable');
      });
      relay(publisher, { retryInitialMs: 40, retryMaxMs: 1_000 }).start();
      await waitFor('the fourth attempt', () => publisher.batches.length === 4);

      for (const batch of publisher.batches)
        expect(values(batch.messages)).toEqual(expectedValues(0, 3));
      const gaps = publisher.batches.slice(1).map((b, i) => b.at - publisher.batches[i].at);
      expect(gaps[0]).toBeGreaterThanOrEqual(15);
      expect(gaps[2]).toBeGreaterThanOrEqual(75);

      const [{ first }] = (await ds.query('SELECT MIN(sequence) AS first FROM outbox')) as {
        first: number;
      }[];
      const warnings = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(warnings).toHaveLength(3);
      expect(warnings[0]).toMatchObject({
        msg: 'outbox publish failed; retrying the same batch',
        firstSequence: Number(first),
        count: 3,
        error: { message: 'broker unavailable' },
      });
      expect(lines.join('')).not.toMatch(/m-0|key-0|event-0/);
      await waitFor(
        'the batch marked sent',
        async () => (await countRows(ds, 'sent_at IS NULL')) === 0,
      );
    } finally {
      setLogSink(undefined);
      setLogLevel('error');
    }
  });

  it('lets an in-flight publish finish and mark its batch when stopped', async () => {
    const topic = uniqueName('stop');
    const brokerAck = deferred();
    const publisher = new RecordingPublisher(() => brokerAck.promise);
    await append(ds, messages(topic, 0, 2));
    const running = relay(publisher);
    running.start();
    await waitFor('the publish to start', () => publisher.batches.length === 1);

    let stopped = false;
    const stopping = running.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);

    brokerAck.resolve();
    await stopping;
    expect(await countRows(ds, 'sent_at IS NULL')).toBe(0);
    expect(publisher.batches).toHaveLength(1);
    expect(running.active).toBe(false);
  });

  it.each([
    [0, 0],
    [60_000, 4],
  ])('with pruneSentAfterMs %d keeps %d sent rows, and never an unsent one', async (age, kept) => {
    const topic = uniqueName('prune');
    await append(ds, messages(topic, 0, 4));
    const publisher = new RecordingPublisher();
    relay(publisher, { pruneSentAfterMs: age, pollIntervalMs: 20 }).start();
    await waitFor('the messages to publish', () => publisher.published.length === 4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await countRows(ds, 'sent_at IS NOT NULL')).toBe(kept);
    expect(await countRows(ds, '1 = 1')).toBe(kept);
  });
});
