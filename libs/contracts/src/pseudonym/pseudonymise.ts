import { createHmac } from 'node:crypto';

export const PSEUDONYM_KEY_ENV = 'JOINEDUP_PSEUDONYM_KEY';
/** RFC 2104 section 3 discourages HMAC keys shorter than the hash output: 32 bytes for SHA-256. */
const MIN_KEY_BYTES = 32;

/**
 * The keyed pseudonym of an identifier: HMAC-SHA256 under the council's secret key, as 64
 * lower-case hex characters. The same identifier and key always give the same pseudonym, so
 * Kafka partitioning and joins work on it; without the key it cannot be reversed, nor
 * recomputed by guessing (an NHS number has only a billion candidates, which a plain hash
 * would not survive). Normalise the identifier first (validateNhsNumber, validateUprn, ...):
 * `943 476 5919` and `9434765919` are different strings. Pass the key as pseudonymKeyFromEnv
 * returns it: the same key as text and as bytes gives different pseudonyms.
 */
export function pseudonymise(identifier: string, key: string | Buffer): string {
  if (identifier.length === 0) throw new Error('pseudonymise: the identifier is empty');
  const keyBytes = typeof key === 'string' ? Buffer.byteLength(key) : key.length;
  if (keyBytes < MIN_KEY_BYTES) {
    throw new Error(
      `pseudonymise: the key is ${keyBytes} bytes; at least ${MIN_KEY_BYTES} are needed`,
    );
  }
  return createHmac('sha256', key).update(identifier, 'utf8').digest('hex');
}

/**
 * The pseudonymisation key from JOINEDUP_PSEUDONYM_KEY: 64 hex characters (32 random bytes,
 * e.g. from `openssl rand -hex 32`). The error names the variable but never echoes the value.
 */
export function pseudonymKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer {
  const raw = env[PSEUDONYM_KEY_ENV];
  if (raw === undefined || raw === '') {
    throw new Error(
      `${PSEUDONYM_KEY_ENV} is not set: expected 64 hex characters (32 random bytes)`,
    );
  }
  if (!/^(?:[0-9a-fA-F]{2}){32,}$/.test(raw)) {
    throw new Error(
      `${PSEUDONYM_KEY_ENV} is not valid: expected at least 64 hex characters (32 random bytes), got ${raw.length} characters`,
    );
  }
  return Buffer.from(raw, 'hex');
}
