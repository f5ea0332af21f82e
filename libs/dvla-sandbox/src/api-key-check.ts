import { createHash, timingSafeEqual } from 'node:crypto';

export type KeyVerdict = 'accepted' | 'missing' | 'refused';

/**
 * The keys the sandbox accepts. With none configured it accepts any non-empty key, so a
 * newcomer's `npm start` works without a shared secret; a missing key is refused either way.
 * Keys are compared as SHA-256 digests in constant time and never stored in the clear.
 */
export class ApiKeyCheck {
  private readonly digests: Buffer[];

  constructor(keys: readonly string[]) {
    this.digests = keys.filter((key) => key.length > 0).map(digest);
  }

  get acceptsAnyKey(): boolean {
    return this.digests.length === 0;
  }

  verdict(key: string | undefined): KeyVerdict {
    if (key === undefined || key.length === 0) return 'missing';
    if (this.acceptsAnyKey) return 'accepted';
    const candidate = digest(key);
    return this.digests.some((known) => timingSafeEqual(known, candidate)) ? 'accepted' : 'refused';
  }

  /** A stable, non-reversible name for a key, for per-key rate limits. */
  static bucketOf(key: string): string {
    return digest(key).toString('hex');
  }
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
