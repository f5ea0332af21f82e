/**
 * The one base class of every error this library throws. `code` is stable and safe to branch
 * on; `isRetriable` says whether the same call may succeed later (a registry outage) or never
 * will (a bad schema, a bad value).
 */
export abstract class AvroError extends Error {
  abstract readonly code: string;
  abstract readonly isRetriable: boolean;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
