import { createHash } from 'node:crypto';
import { deriveEventId, LEGACY_INTAKE_NAMESPACE } from './event-id';

/** RFC 9562 section 5.5, written out step by step as an independent reference. */
function referenceV5(name: string): string {
  const namespace = Buffer.from(LEGACY_INTAKE_NAMESPACE.replace(/-/g, ''), 'hex');
  const digest = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  const hex = digest.toString('hex', 0, 16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-');
}

describe(deriveEventId.name, () => {
  const parts = ['E07000223', 'bartec-collective', 'CollectionEventRecorded', '4410231'];

  it('is the version 5 UUID of the namespace and the parts', () => {
    expect(deriveEventId(parts)).toBe(referenceV5(parts.join('\u001f')));
    expect(deriveEventId(parts)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('gives the same id for the same record, in any upload', () => {
    expect(deriveEventId([...parts])).toBe(deriveEventId(parts));
  });

  it.each([
    ['another council', ['E07000224', ...parts.slice(1)]],
    ['another event type', [parts[0], parts[1], 'MissedCollectionReported', parts[3]]],
    ['another record', [...parts.slice(0, 3), '4410232']],
    ['the same text split differently', [...parts.slice(0, 3), '441', '0231']],
  ])('gives a different id for %s', (_case, other) => {
    expect(deriveEventId(other)).not.toBe(deriveEventId(parts));
  });

  it('handles names longer than its scratch buffer, and non-ASCII text', () => {
    const long = ['x'.repeat(5000), 'caf\u00e9 \u00a3'];
    expect(deriveEventId(long)).toBe(referenceV5(long.join('\u001f')));
  });
});
