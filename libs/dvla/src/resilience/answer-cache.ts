import { Clock } from './clock';

export interface AnswerCacheOptions {
  /** Entries kept; the least recently used goes first. 0 turns the cache off. */
  maxEntries: number;
  /** How long an answer is trusted. 0 turns the cache off. */
  maxAgeMs: number;
}

interface Entry<V> {
  value: V;
  storedAt: number;
}

/**
 * Recent answers by key, least recently used first out, each trusted for `maxAgeMs`. A Map
 * keeps insertion order, so re-inserting on every hit makes its first key the least recently
 * used. Keys are registrations, which are personal data: nothing here logs them.
 */
export class AnswerCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly options: AnswerCacheOptions,
    private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    return this.options.maxEntries > 0 && this.options.maxAgeMs > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (this.clock.now() - entry.storedAt >= this.options.maxAgeMs) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    if (!this.enabled) return;
    this.entries.delete(key);
    this.entries.set(key, { value, storedAt: this.clock.now() });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
