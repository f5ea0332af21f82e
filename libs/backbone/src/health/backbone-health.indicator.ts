import { ConsumerStatus } from '@joinedup/kafka';
import { BackboneRuntime } from '../module/backbone-runtime';
import { JoinedUpServer } from '../server/joinedup-server';

export type HealthStatus = 'up' | 'down';

export interface ConsumerHealth {
  status: HealthStatus;
  groupId: string;
  joined: boolean;
  assignment: ConsumerStatus['assignment'];
  /** Milliseconds since the last fetch; undefined before the first. */
  lastFetchAgeMs?: number;
  failure?: ConsumerStatus['failure'];
}

export interface OutboxHealth {
  status: HealthStatus;
  /** Messages committed and not yet published. */
  pending: number;
  /** Whether this process's relay is the one publishing (one per database at a time). */
  relayActive: boolean;
}

export interface BackboneHealth {
  status: HealthStatus;
  details: {
    producer: { status: HealthStatus; connected: boolean };
    consumer?: ConsumerHealth;
    outbox?: OutboxHealth;
  };
}

const DEFAULT_MAX_FETCH_AGE_MS = 60_000;
const DEFAULT_MAX_OUTBOX_PENDING = 10_000;

/**
 * Up or down, with the reasons: the consumer has joined its group and fetched lately, the
 * producer is connected, the outbox is not piling up. For a gateway's health endpoint.
 */
export class BackboneHealthIndicator {
  constructor(
    private readonly runtime: BackboneRuntime,
    private readonly server?: JoinedUpServer,
    private readonly now: () => number = Date.now,
  ) {}

  async checkHealth(): Promise<BackboneHealth> {
    const connected = this.runtime.producer.connected;
    const details: BackboneHealth['details'] = {
      producer: { status: connected ? 'up' : 'down', connected },
    };
    const consumer = this.consumerHealth();
    if (consumer) details.consumer = consumer;
    const outbox = await this.outboxHealth();
    if (outbox) details.outbox = outbox;
    const parts = [details.producer, details.consumer, details.outbox];
    const down = parts.some((part) => part?.status === 'down');
    return { status: down ? 'down' : 'up', details };
  }

  private consumerHealth(): ConsumerHealth | undefined {
    const state = this.server?.consumerStatus();
    if (!state) return undefined;
    const maxFetchAgeMs = this.runtime.options.health?.maxFetchAgeMs ?? DEFAULT_MAX_FETCH_AGE_MS;
    const lastFetchAgeMs =
      state.lastFetchAt === undefined ? undefined : this.now() - state.lastFetchAt;
    const fresh = lastFetchAgeMs !== undefined && lastFetchAgeMs <= maxFetchAgeMs;
    const up = state.running && state.joined && fresh && state.failure === undefined;
    return {
      status: up ? 'up' : 'down',
      groupId: this.runtime.options.groupId,
      joined: state.joined,
      assignment: state.assignment,
      ...(lastFetchAgeMs === undefined ? {} : { lastFetchAgeMs }),
      ...(state.failure ? { failure: state.failure } : {}),
    };
  }

  private async outboxHealth(): Promise<OutboxHealth | undefined> {
    const database = this.runtime.database;
    if (!database) return undefined;
    const max = this.runtime.options.health?.maxOutboxPending ?? DEFAULT_MAX_OUTBOX_PENDING;
    let pending: number;
    try {
      // The persistence library's outbox table: rows are unsent until sent_at is set.
      const rows: { pending: unknown }[] = await database.dataSource.query(
        'SELECT COUNT(*) AS pending FROM outbox WHERE sent_at IS NULL',
      );
      pending = Number(rows[0]?.pending ?? 0);
    } catch {
      return { status: 'down', pending: -1, relayActive: database.relay.active };
    }
    this.runtime.metrics.setOutboxPending(pending);
    return { status: pending > max ? 'down' : 'up', pending, relayActive: database.relay.active };
  }
}
