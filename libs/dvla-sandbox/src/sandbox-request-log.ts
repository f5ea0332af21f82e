/** One call the sandbox received on the service path. */
export interface SandboxRequest {
  /** As sent, upper-cased without spaces; null when the body had none. */
  registrationNumber: string | null;
  correlationId: string | null;
  /** Names of the body's top-level fields: what the caller disclosed beyond the registration. */
  fields: string[];
  status: number;
  /** Milliseconds since the epoch, when the request arrived. */
  receivedAt: number;
}

/**
 * What the sandbox was asked, so tests can count calls on the server side (a retry, a cache
 * hit that made none). Never the API key. Capped, oldest dropped first, so a long-running
 * sandbox does not grow without bound.
 */
export class SandboxRequestLog {
  private readonly entries: SandboxRequest[] = [];

  constructor(private readonly capacity = 100_000) {}

  add(entry: SandboxRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  list(registrationNumber?: string): SandboxRequest[] {
    if (registrationNumber === undefined) return [...this.entries];
    const wanted = registrationNumber.toUpperCase().replace(/\s+/g, '');
    return this.entries.filter((entry) => entry.registrationNumber === wanted);
  }

  clear(): void {
    this.entries.length = 0;
  }
}
