import { createHmac } from 'node:crypto';
import { pseudonymise, pseudonymKeyFromEnv } from './pseudonymise';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);

describe('pseudonymise', () => {
  it('is HMAC-SHA256 of the identifier under the key, as 64 lower-case hex characters', () => {
    const expected = createHmac('sha256', KEY).update('9434765919').digest('hex');
    const pseudonym = pseudonymise('9434765919', KEY);
    expect(pseudonym).toBe(expected);
    expect(pseudonym).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same pseudonym for the same identifier, so partitioning and joins work', () => {
    expect(pseudonymise('000000199356', KEY)).toBe(pseudonymise('000000199356', KEY));
  });

  it('gives different pseudonyms for different identifiers and different keys', () => {
    const pseudonym = pseudonymise('9434765919', KEY);
    expect(pseudonymise('9990000018', KEY)).not.toBe(pseudonym);
    expect(pseudonymise('9434765919', OTHER_KEY)).not.toBe(pseudonym);
  });

  it('never contains the identifier', () => {
    expect(pseudonymise('9434765919', KEY)).not.toContain('9434765919');
  });

  it('matches a vector computed independently, so the wire format cannot drift', () => {
    // Python: hmac.new(bytes(range(32)), b'9434765919', hashlib.sha256).hexdigest()
    const key = Buffer.from(Array.from({ length: 32 }, (_, index) => index));
    expect(pseudonymise('9434765919', key)).toBe(
      'dd5c602eeb31d60c7c0d662c897231dda00e13cdf945b14cad185a4a7125826c',
    );
  });

  it('refuses a key shorter than 32 bytes and an empty identifier', () => {
    expect(() => pseudonymise('9434765919', Buffer.alloc(16))).toThrow(
      'the key is 16 bytes; at least 32',
    );
    expect(() => pseudonymise('', KEY)).toThrow('the identifier is empty');
  });
});

describe('pseudonymKeyFromEnv', () => {
  const hexKey = 'a1'.repeat(32);

  it('reads 64 hex characters into 32 bytes', () => {
    const key = pseudonymKeyFromEnv({ JOINEDUP_PSEUDONYM_KEY: hexKey });
    expect(key).toEqual(Buffer.alloc(32, 0xa1));
  });

  it('says which variable is missing', () => {
    expect(() => pseudonymKeyFromEnv({})).toThrow('JOINEDUP_PSEUDONYM_KEY is not set');
  });

  it.each(['abc', 'a1'.repeat(31), 'zz'.repeat(32)])(
    'rejects %j without echoing the secret',
    (value) => {
      const attempt = () => pseudonymKeyFromEnv({ JOINEDUP_PSEUDONYM_KEY: value });
      expect(attempt).toThrow('JOINEDUP_PSEUDONYM_KEY is not valid');
      expect(attempt).not.toThrow(value);
    },
  );
});
