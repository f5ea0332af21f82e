import { ConfigError } from '@joinedup/config';
import { clientOptionsFrom, loadDvlaSettings } from './dvla.settings';

const PSEUDONYM_KEY = '00'.repeat(32);
const SECRETS = { JOINEDUP_DVLA_API_KEY: 'k3y-Secret-1234', JOINEDUP_PSEUDONYM_KEY: PSEUDONYM_KEY };

function problemsOf(load: () => unknown): string {
  try {
    load();
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadDvlaSettings', () => {
  it('defaults to the sandbox and documented limits, with the secrets from the environment', () => {
    const settings = loadDvlaSettings({ env: SECRETS, argv: [] });
    expect(settings).toMatchObject({
      baseUrl: 'http://127.0.0.1:3100',
      timeout: 5_000,
      maxAttempts: 4,
      rateLimit: 10,
      cacheMaxAge: 900_000,
      apiKey: 'k3y-Secret-1234',
    });
    expect(settings.pseudonymKey).toEqual(Buffer.alloc(32));
  });

  it('reads the production base URL and every limit from variables and flags', () => {
    const settings = loadDvlaSettings({
      env: {
        ...SECRETS,
        JOINEDUP_DVLA_BASE_URL: 'https://driver-vehicle-licensing.api.gov.uk',
        JOINEDUP_DVLA_RATE_LIMIT: '25',
      },
      argv: ['--cache-max-age=0s', '--breaker-cool-down', '1m'],
    });
    const options = clientOptionsFrom(settings);
    expect(options).toMatchObject({
      baseUrl: 'https://driver-vehicle-licensing.api.gov.uk',
      rateLimit: { requestsPerSecond: 25, burst: 10, maxWaitMs: 2_000 },
      cache: { maxAgeMs: 0, maxEntries: 10_000 },
      circuitBreaker: { failureThreshold: 5, coolDownMs: 60_000 },
    });
  });

  it('names every bad setting at once, secrets without their values', () => {
    const message = problemsOf(() =>
      loadDvlaSettings({
        env: {
          JOINEDUP_DVLA_API_KEY: 'has a space',
          JOINEDUP_PSEUDONYM_KEY: 'short',
          JOINEDUP_DVLA_BASE_URL: 'ftp://dvla',
        },
        argv: ['--max-attempts=0', '--timeout=-1'],
      }),
    );
    expect(message).toContain('baseUrl (JOINEDUP_DVLA_BASE_URL) = "ftp://dvla": expected an http');
    expect(message).toContain('maxAttempts (--max-attempts) = "0": expected at least 1');
    expect(message).toContain('timeout (--timeout) = "-1": expected a duration above zero');
    expect(message).toContain('apiKey (JOINEDUP_DVLA_API_KEY) = "(hidden)"');
    expect(message).toContain('pseudonymKey (JOINEDUP_PSEUDONYM_KEY)');
    expect(message).not.toContain('has a space');
    expect(message).not.toContain('short');
  });

  it('refuses to start without an API key', () => {
    expect(
      problemsOf(() => loadDvlaSettings({ env: { JOINEDUP_PSEUDONYM_KEY: PSEUDONYM_KEY } })),
    ).toMatch(/apiKey \(JOINEDUP_DVLA_API_KEY\) = "\(hidden\)": not set/);
  });
});
