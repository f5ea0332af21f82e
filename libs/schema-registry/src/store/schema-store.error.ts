/** The store could not write or read back in time; `timedOut` tells the two apart. */
export class SchemaStoreError extends Error {
  constructor(
    message: string,
    readonly timedOut = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SchemaStoreError';
  }
}
