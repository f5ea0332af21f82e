/**
 * A frame that cannot be decoded. The connection that sent it is closed; every other
 * connection is unaffected.
 */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}
