/**
 * PostgreSQL advisory lock keys (one bigint space per database, shared with every other user
 * of the database). The high 32 bits spell "JNUP" so that they cannot collide with the small
 * integers applications usually pick.
 */
const NAMESPACE = 0x4a4e5550n << 32n;

export const ADVISORY_LOCKS = Object.freeze({
  /** Held by openDatabase while it runs migrations, so concurrent starts migrate once. */
  migrations: String(NAMESPACE | 1n),
  /** Held for the whole session of the one active outbox relay. */
  outboxRelay: String(NAMESPACE | 2n),
  /** Held from an outbox append to its commit, so sequence order is commit order. */
  outboxAppend: String(NAMESPACE | 3n),
});
