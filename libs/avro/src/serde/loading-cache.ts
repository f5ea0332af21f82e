import { AvroError } from '../errors/avro.error';

export interface LoadingCacheOptions {
  /** How long a failure that will not go away by itself (a 4xx, a bad schema) is remembered. */
  failureTtlMs: number;
  now: () => number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

interface Failure {
  error: unknown;
  expiresAt: number;
}

/**
 * A cache whose misses load asynchronously. Concurrent misses for one key share one load
 * (kafkajs/confluent-schema-registry issue 247: a burst of messages with a new schema id
 * opened a request each). Non-retriable failures are remembered for a while, so a message
 * with a bad schema id does not send one request per message (same project, issue 301).
 */
export class LoadingCache<K, V> {
  private readonly values = new Map<K, Entry<V>>();
  private readonly inFlight = new Map<K, Promise<V>>();
  private readonly failures = new Map<K, Failure>();

  constructor(private readonly options: LoadingCacheOptions) {}

  /** The value if it is cached and fresh; never loads. */
  peek(key: K): V | undefined {
    const entry = this.values.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== Infinity && entry.expiresAt <= this.options.now()) return undefined;
    return entry.value;
  }

  get(key: K, load: () => Promise<V>, ttlMs = Infinity): Promise<V> {
    const cached = this.peek(key);
    if (cached !== undefined) return Promise.resolve(cached);
    const failure = this.freshFailure(key);
    if (failure) return Promise.reject(failure.error);
    return this.inFlight.get(key) ?? this.startLoad(key, load, ttlMs);
  }

  /** Caches a value learned some other way (a schema fetched by version is also one by id). */
  set(key: K, value: V, ttlMs = Infinity): void {
    this.values.set(key, { value, expiresAt: this.options.now() + ttlMs });
    this.failures.delete(key);
  }

  private startLoad(key: K, load: () => Promise<V>, ttlMs: number): Promise<V> {
    const loading = load().then(
      (value) => {
        this.inFlight.delete(key);
        this.set(key, value, ttlMs);
        return value;
      },
      (error: unknown) => {
        this.inFlight.delete(key);
        if (isLasting(error)) {
          this.failures.set(key, {
            error,
            expiresAt: this.options.now() + this.options.failureTtlMs,
          });
        }
        throw error;
      },
    );
    this.inFlight.set(key, loading);
    return loading;
  }

  private freshFailure(key: K): Failure | undefined {
    const failure = this.failures.get(key);
    if (failure === undefined) return undefined;
    if (failure.expiresAt > this.options.now()) return failure;
    this.failures.delete(key);
    return undefined;
  }
}

/** A failure the same request would meet again: a 4xx answer, a schema that will not parse. */
function isLasting(error: unknown): boolean {
  return error instanceof AvroError && !error.isRetriable;
}
