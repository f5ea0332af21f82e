/** Where an error happened: statuses, counts and ids only, never a registration or a key. */
export type DvlaErrorContext = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * The one base class of every error this library raises. `code` is stable and safe to branch
 * on; `retriable` says whether the same enquiry may succeed later (DVLA down, a quota used up)
 * or never will (a malformed registration, a refused request); `context` says where.
 * Messages never carry the API key, and only InvalidRegistrationError quotes a registration.
 */
export abstract class DvlaError extends Error {
  abstract readonly code: string;
  abstract readonly retriable: boolean;

  constructor(
    message: string,
    readonly context: DvlaErrorContext = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }

  /** The HTTP status DVLA answered with, 0 when no answer arrived or no call was made. */
  get httpStatus(): number {
    const status = this.context.status;
    return typeof status === 'number' ? status : 0;
  }
}
