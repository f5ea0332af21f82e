import { CatalogueEntry, deriveSubjectKey, KeySource } from '@joinedup/contracts';

const DEFAULT_MAX_ENTRIES = 65_536;

/**
 * Remembers the subjectKey each identifier pseudonymises to. A round file names the same
 * properties again and again (each is collected every week or fortnight), and an HMAC per
 * record is the largest single cost of intake. A miss goes to deriveSubjectKey, so the key
 * rule, the normalisation and the errors are the catalogue's; the cache is keyed by the
 * identifier kind and the value as found, which is all a pseudonym depends on. When full it
 * is emptied rather than evicting one entry at a time.
 */
export class SubjectKeyCache {
  /** Pseudonyms by identifier kind, then by the value as found. */
  private readonly keys = new Map<string, Map<string, string>>();
  private size = 0;
  private readonly paths = new WeakMap<KeySource, string[]>();

  constructor(
    private readonly pseudonymKey: Buffer,
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {}

  subjectKey(entry: Pick<CatalogueEntry, 'eventType' | 'key'>, event: Record<string, unknown>) {
    for (const source of entry.key.from) {
      const value = this.valueAt(event, source);
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string') break;
      let byValue = this.keys.get(source.identifier);
      if (byValue === undefined) {
        byValue = new Map();
        this.keys.set(source.identifier, byValue);
      }
      const known = byValue.get(value);
      if (known !== undefined) return known;
      const derived = deriveSubjectKey(entry, event, this.pseudonymKey);
      if (this.size >= this.maxEntries) this.clear();
      byValue.set(value, derived);
      this.size += 1;
      return derived;
    }
    return deriveSubjectKey(entry, event, this.pseudonymKey);
  }

  private clear(): void {
    for (const byValue of this.keys.values()) byValue.clear();
    this.size = 0;
  }

  private valueAt(event: Record<string, unknown>, source: KeySource): unknown {
    let path = this.paths.get(source);
    if (path === undefined) {
      path = source.path.split('.');
      this.paths.set(source, path);
    }
    let current: unknown = event;
    for (const part of path) {
      if (typeof current !== 'object' || current === null) return undefined;
      current = (current as Record<string, unknown>)[part];
    }
    return current;
  }
}
