/**
 * READWRITE accepts everything; READONLY refuses registrations and deletions; IMPORT accepts
 * registrations with the id and version the client chose, without compatibility checks, to
 * copy another registry's contents.
 */
export type RegistryMode = 'READWRITE' | 'READONLY' | 'IMPORT';

export const REGISTRY_MODES: readonly RegistryMode[] = ['READWRITE', 'READONLY', 'IMPORT'];

export function isRegistryMode(value: unknown): value is RegistryMode {
  return typeof value === 'string' && (REGISTRY_MODES as readonly string[]).includes(value);
}
