const INITIAL_SLOTS = 1 << 14;

/**
 * The event ids already met in one intake, kept as 64-bit fingerprints in an open-addressing
 * table (8 bytes a slot, at most half full) rather than as strings: a million ids take 16 MB
 * instead of about 100. For a file of a million records the chance that two different ids
 * share a fingerprint (the second then counted as a duplicate) is about 3 in 10^8.
 */
export class SeenIdSet {
  private slots = new Uint32Array(INITIAL_SLOTS * 2);
  private mask = INITIAL_SLOTS - 1;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds the id; false when it was already there. */
  add(id: string): boolean {
    // Two FNV-1a hashes with different offsets; (0, 0) marks an empty slot, so it is avoided.
    let high = 0x811c9dc5;
    let low = 0x050c5d1f;
    for (let index = 0; index < id.length; index += 1) {
      const code = id.charCodeAt(index);
      high = Math.imul(high ^ code, 0x01000193) >>> 0;
      low = Math.imul(low ^ code, 0x01000197) >>> 0;
    }
    if (high === 0 && low === 0) low = 1;
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    return this.insert(high, low);
  }

  private insert(high: number, low: number): boolean {
    let slot = (low ^ high) & this.mask;
    for (;;) {
      const at = slot * 2;
      const storedHigh = this.slots[at];
      const storedLow = this.slots[at + 1];
      if (storedHigh === 0 && storedLow === 0) {
        this.slots[at] = high;
        this.slots[at + 1] = low;
        this.count += 1;
        return true;
      }
      if (storedHigh === high && storedLow === low) return false;
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = old.length - 1;
    this.count = 0;
    for (let at = 0; at < old.length; at += 2) {
      if (old[at] !== 0 || old[at + 1] !== 0) this.insert(old[at], old[at + 1]);
    }
  }
}
