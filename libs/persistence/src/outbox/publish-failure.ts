/** A batch the publish function rejected; the relay keeps it pending and tries it again. */
export class PublishFailure extends Error {
  constructor(
    readonly firstSequence: number,
    readonly count: number,
    cause: unknown,
  ) {
    super(`publishing outbox batch from sequence ${firstSequence} (${count} messages) failed`, {
      cause,
    });
    this.name = 'PublishFailure';
  }
}
