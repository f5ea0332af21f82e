/** Where an error happened: names and ids only, never event contents. */
export type BackboneErrorContext = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * The base of every error this library throws. `code` is stable and safe to branch on;
 * `retriable` says whether the same work may succeed later (a remote that is down) or never
 * will (a malformed event); `context` says where.
 */
export abstract class BackboneError extends Error {
  abstract readonly code: string;
  abstract readonly retriable: boolean;

  constructor(
    message: string,
    readonly context: BackboneErrorContext = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
