import { hash } from 'node:crypto';

/**
 * Namespace of Joined-up's legacy intake event ids (itself a random UUID, fixed for ever):
 * changing it would give every record a new id and defeat de-duplication downstream.
 */
export const LEGACY_INTAKE_NAMESPACE = 'b5b0a3f2-6f1e-4c39-9d1a-52c0e8f3a7d4';

const NAMESPACE_BYTES = Buffer.from(LEGACY_INTAKE_NAMESPACE.replace(/-/g, ''), 'hex');
/** Separates name parts so that ('ab', 'c') and ('a', 'bc') give different ids. */
const SEPARATOR = '\u001f';
const VARIANT_DIGITS = '89ab';

/** Reused for every id: the namespace, then the name written after it. */
let scratch = Buffer.alloc(1024);
NAMESPACE_BYTES.copy(scratch);

/**
 * A name-based (RFC 9562 version 5) UUID: SHA-1 of the namespace and the name parts, with the
 * version and variant bits set. The same council, source system, event type and record give
 * the same id in every upload, which is what lets consumers drop a re-sent record. Computed
 * with the one-shot hash over a reused buffer: intake derives one per record.
 */
export function deriveEventId(parts: readonly string[]): string {
  const name = parts.join(SEPARATOR);
  const needed = NAMESPACE_BYTES.length + Buffer.byteLength(name, 'utf8');
  if (needed > scratch.length) {
    scratch = Buffer.alloc(needed * 2);
    NAMESPACE_BYTES.copy(scratch);
  }
  const written = scratch.write(name, NAMESPACE_BYTES.length, 'utf8');
  const hex = hash('sha1', scratch.subarray(0, NAMESPACE_BYTES.length + written), 'hex');
  const variant = VARIANT_DIGITS[parseInt(hex[16], 16) & 0x3];
  return (
    `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-` +
    `${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
  );
}
