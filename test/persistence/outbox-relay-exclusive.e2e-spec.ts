import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { setLogLevel } from '@joinedup/logging';
import { OutboxMessage, OutboxRelay, openDatabase } from '@joinedup/persistence';
import { uniqueName } from '../support/broker-harness';
import { describeEachDatabase } from '../support/databases';
import { append, expectedValues, messages, values, waitFor } from './outbox-fixture';

jest.setTimeout(60_000);
setLogLevel('error');

/** Publish functions for several relays that notice if two of them ever run at once. */
class OverlapDetector {
  private inFlight = 0;
  maxInFlight = 0;
  readonly published: OutboxMessage[] = [];
  readonly byRelay = new Map<string, number>();

  publisherFor(name: string): (batch: OutboxMessage[]) => Promise<void> {
    return async (batch) => {
      this.inFlight += 1;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      // Long enough for a second relay, if it could, to start its own publish meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 15));
      this.published.push(...batch);
      this.byRelay.set(name, (this.byRelay.get(name) ?? 0) + batch.length);
      this.inFlight -= 1;
    };
  }
}

describeEachDatabase('two OutboxRelays on one database', (db) => {
  // A separate DataSource per relay on PostgreSQL, as two processes would have; SQLite serves
  // one process, so there both relays share its DataSource.
  let dataSources: DataSource[];
  let relays: OutboxRelay[];
  let detector: OverlapDetector;

  beforeEach(async () => {
    const first = await openDatabase(db.options());
    const second = db.kind === 'postgres' ? await openDatabase(db.options()) : first;
    dataSources = [...new Set([first, second])];
    await first.query('DELETE FROM outbox');
    detector = new OverlapDetector();
    relays = [first, second].map(
      (ds, i) =>
        new OutboxRelay(ds, detector.publisherFor(`relay-${i}`), {
          pollIntervalMs: 50,
          batchSize: 7,
        }),
    );
  });

  afterEach(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    await Promise.all(dataSources.map((ds) => ds.destroy()));
  });

  async function appendInBursts(topic: string, from: number, bursts: number): Promise<void> {
    for (let i = 0; i < bursts; i++) {
      await append(dataSources[0], messages(topic, from + i * 10, 10));
      relays.forEach((relay) => relay.notify());
    }
  }

  it('never publish at once: one is active, the other stands by, and order holds', async () => {
    const topic = uniqueName('exclusive');
    relays.forEach((relay) => relay.start());
    await appendInBursts(topic, 0, 10);
    await waitFor('100 messages', () => detector.published.length >= 100);

    expect(detector.maxInFlight).toBe(1);
    expect(values(detector.published)).toEqual(expectedValues(0, 100));
    expect(relays.filter((relay) => relay.active)).toHaveLength(1);
    expect(detector.byRelay.size).toBe(1);

    const standby = relays.find((relay) => !relay.active)!;
    await expect(standby.drain()).rejects.toMatchObject({
      code: 'RELAY_LOCK_HELD',
      retriable: true,
    });
  });

  it('hand over when the active one stops: the standby publishes what follows', async () => {
    const topic = uniqueName('handover');
    relays.forEach((relay) => relay.start());
    await appendInBursts(topic, 0, 3);
    await waitFor('the first 30 messages', () => detector.published.length >= 30);
    const active = relays.find((relay) => relay.active)!;
    const standby = relays.find((relay) => relay !== active)!;

    await active.stop();
    await appendInBursts(topic, 30, 3);
    await waitFor('the standby to take over', () => detector.published.length >= 60);

    expect(standby.active).toBe(true);
    expect(detector.byRelay.size).toBe(2);
    expect(detector.maxInFlight).toBe(1);
    expect(values(detector.published)).toEqual(expectedValues(0, 60));
  });

  if (db.kind === 'postgres') {
    it('hand over when the active relay loses its connection, losing no message', async () => {
      const topic = uniqueName('terminated');
      relays.forEach((relay) => relay.start());
      await appendInBursts(topic, 0, 2);
      await waitFor('the first 20 messages', () => detector.published.length >= 20);

      const admin = new Client({ connectionString: db.options().url });
      await admin.connect();
      try {
        // The active relay's connection: the one holding an advisory lock. A standby's
        // connection may be open for a moment too, while it tries the lock.
        const { rowCount } = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE application_name = 'joinedup-outbox-relay' AND datname = current_database()
             AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`,
        );
        expect(rowCount).toBe(1);
      } finally {
        await admin.end();
      }

      await appendInBursts(topic, 20, 3);
      await waitFor('the rest after the termination', () => detector.published.length >= 50);
      expect(detector.maxInFlight).toBe(1);
      // At least once: a batch whose "sent" mark died with the connection comes again.
      expect([...new Set(values(detector.published))]).toEqual(expectedValues(0, 50));
      await waitFor('one relay active again', () => relays.some((relay) => relay.active));
    });
  }
});
