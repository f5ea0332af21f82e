import {
  ConfigError,
  type ConfigOf,
  type ConfigProblem,
  type ConfigSources,
  duration,
  integer,
  loadConfig,
  type Setting,
  text,
} from '@joinedup/config';
import { PSEUDONYM_KEY_ENV, pseudonymKeyFromEnv } from '@joinedup/contracts';
import { API_KEY_ENV } from '../client/dvla-answer.classifier';
import { CLIENT_DEFAULTS, VehicleEnquiryClientOptions } from '../client/vehicle-enquiry.options';

/** DVLA's production host; the Vehicle Enquiry Service is at /vehicle-enquiry/v1/vehicles. */
export const DVLA_PRODUCTION_BASE_URL = 'https://driver-vehicle-licensing.api.gov.uk';
/** Where `npm run dvla-sandbox` listens by default. */
export const DVLA_SANDBOX_BASE_URL = 'http://127.0.0.1:3100';

/** The duration parser accepts -1 ("never"), which no DVLA setting can mean. */
function atLeast(min: number, expected: string, setting: Setting<number>): Setting<number> {
  return {
    ...setting,
    parse(raw) {
      const value = setting.parse(raw);
      if (value < min) throw new Error(expected);
      return value;
    },
  };
}

function notNegative(setting: Setting<number>): Setting<number> {
  return atLeast(0, 'expected a duration of zero or more, such as 500ms or 30s', setting);
}

/**
 * The DVLA client's settings, from JOINEDUP_DVLA_* variables or flags. The API key and the
 * pseudonymisation key are secrets, read from the environment only by loadDvlaSettings, and
 * never echoed in an error.
 */
export const dvlaSettings = {
  baseUrl: text({
    env: 'JOINEDUP_DVLA_BASE_URL',
    flag: 'base-url',
    default: DVLA_SANDBOX_BASE_URL,
    pattern: /^https?:\/\/[^\s/]+\/?$/,
    expected: `an http:// or https:// URL of a host, e.g. ${DVLA_PRODUCTION_BASE_URL}`,
    description: `Vehicle Enquiry Service host: ${DVLA_PRODUCTION_BASE_URL} in production; the sandbox by default.`,
  }),
  timeout: atLeast(
    1,
    'expected a duration above zero, such as 5s',
    duration({
      env: 'JOINEDUP_DVLA_TIMEOUT',
      flag: 'timeout',
      default: CLIENT_DEFAULTS.timeoutMs,
      description: 'How long one call may take, until the whole answer has arrived.',
    }),
  ),
  maxAttempts: integer({
    env: 'JOINEDUP_DVLA_MAX_ATTEMPTS',
    flag: 'max-attempts',
    default: CLIENT_DEFAULTS.retry.maxAttempts,
    min: 1,
    max: 20,
    description: 'Calls per enquiry, the first included, when DVLA answers 429, 5xx or not at all.',
  }),
  retryBaseDelay: notNegative(
    duration({
      env: 'JOINEDUP_DVLA_RETRY_BASE_DELAY',
      flag: 'retry-base-delay',
      default: CLIENT_DEFAULTS.retry.baseDelayMs,
      description: 'Delay before the first retry; doubles each retry, with jitter.',
    }),
  ),
  retryMaxDelay: notNegative(
    duration({
      env: 'JOINEDUP_DVLA_RETRY_MAX_DELAY',
      flag: 'retry-max-delay',
      default: CLIENT_DEFAULTS.retry.maxDelayMs,
      description: 'Ceiling of the retry delay.',
    }),
  ),
  maxRetryAfter: notNegative(
    duration({
      env: 'JOINEDUP_DVLA_MAX_RETRY_AFTER',
      flag: 'max-retry-after',
      default: CLIENT_DEFAULTS.retry.maxRetryAfterMs,
      description:
        'Longest Retry-After honoured; a longer one fails the enquiry as retriable at once.',
    }),
  ),
  breakerThreshold: integer({
    env: 'JOINEDUP_DVLA_BREAKER_THRESHOLD',
    flag: 'breaker-threshold',
    default: CLIENT_DEFAULTS.circuitBreaker.failureThreshold,
    min: 1,
    description: 'Consecutive failed calls (5xx, timeouts, no answer) that pause calls to DVLA.',
  }),
  breakerCoolDown: notNegative(
    duration({
      env: 'JOINEDUP_DVLA_BREAKER_COOL_DOWN',
      flag: 'breaker-cool-down',
      default: CLIENT_DEFAULTS.circuitBreaker.coolDownMs,
      description: 'How long calls stay paused before one probe call is let through.',
    }),
  ),
  rateLimit: integer({
    env: 'JOINEDUP_DVLA_RATE_LIMIT',
    flag: 'rate-limit',
    default: CLIENT_DEFAULTS.rateLimit.requestsPerSecond,
    min: 0,
    description:
      "Calls per second per council: the quota DVLA granted the council's key; 0 for none.",
  }),
  rateBurst: integer({
    env: 'JOINEDUP_DVLA_RATE_BURST',
    flag: 'rate-burst',
    default: CLIENT_DEFAULTS.rateLimit.burst,
    min: 1,
    description: 'Calls a council may make at once after a quiet spell.',
  }),
  rateMaxWait: notNegative(
    duration({
      env: 'JOINEDUP_DVLA_RATE_MAX_WAIT',
      flag: 'rate-max-wait',
      default: CLIENT_DEFAULTS.rateLimit.maxWaitMs,
      description: 'Longest an enquiry waits for a rate slot before failing as retriable.',
    }),
  ),
  cacheMaxAge: notNegative(
    duration({
      env: 'JOINEDUP_DVLA_CACHE_MAX_AGE',
      flag: 'cache-max-age',
      default: CLIENT_DEFAULTS.cache.maxAgeMs,
      description: 'How long an answer (found or not found) is reused; 0s turns the cache off.',
    }),
  ),
  cacheMaxEntries: integer({
    env: 'JOINEDUP_DVLA_CACHE_MAX_ENTRIES',
    flag: 'cache-max-entries',
    default: CLIENT_DEFAULTS.cache.maxEntries,
    min: 0,
    description:
      'Answers kept in memory, least recently used dropped first; 0 turns the cache off.',
  }),
};

export type DvlaSettingsConfig = ConfigOf<typeof dvlaSettings>;

export interface DvlaSettings extends DvlaSettingsConfig {
  apiKey: string;
  pseudonymKey: Buffer;
}

/** Printable ASCII without spaces, as a header value must be. */
const API_KEY_PATTERN = /^[\x21-\x7e]+$/;

/**
 * Loads every DVLA setting and both secrets, throwing one ConfigError that names every bad
 * setting. A secret's problem says what is wrong, never what the value was.
 */
export function loadDvlaSettings(sources: ConfigSources = {}): DvlaSettings {
  const env = sources.env ?? process.env;
  const problems: ConfigProblem[] = [];
  let config: DvlaSettingsConfig | undefined;
  try {
    config = loadConfig(dvlaSettings, sources);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  const apiKey = env[API_KEY_ENV] ?? '';
  const apiKeyProblem = describeApiKeyProblem(apiKey);
  if (apiKeyProblem !== undefined)
    problems.push(secretProblem('apiKey', API_KEY_ENV, apiKeyProblem));
  let pseudonymKey: Buffer | undefined;
  try {
    pseudonymKey = pseudonymKeyFromEnv(env);
  } catch (err) {
    problems.push(secretProblem('pseudonymKey', PSEUDONYM_KEY_ENV, (err as Error).message));
  }
  if (problems.length > 0 || config === undefined || pseudonymKey === undefined) {
    throw new ConfigError(problems);
  }
  return { ...config, apiKey, pseudonymKey };
}

/** The client's options from loaded settings. */
export function clientOptionsFrom(settings: DvlaSettings): VehicleEnquiryClientOptions {
  return {
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    pseudonymKey: settings.pseudonymKey,
    timeoutMs: settings.timeout,
    retry: {
      maxAttempts: settings.maxAttempts,
      baseDelayMs: settings.retryBaseDelay,
      maxDelayMs: settings.retryMaxDelay,
      maxRetryAfterMs: settings.maxRetryAfter,
    },
    circuitBreaker: {
      failureThreshold: settings.breakerThreshold,
      coolDownMs: settings.breakerCoolDown,
    },
    rateLimit: {
      requestsPerSecond: settings.rateLimit,
      burst: settings.rateBurst,
      maxWaitMs: settings.rateMaxWait,
    },
    cache: { maxAgeMs: settings.cacheMaxAge, maxEntries: settings.cacheMaxEntries },
  };
}

function describeApiKeyProblem(apiKey: string): string | undefined {
  if (apiKey === '') {
    return "not set: expected the council's DVLA Vehicle Enquiry Service key, from its secret store";
  }
  if (!API_KEY_PATTERN.test(apiKey)) {
    return `holds characters a header cannot carry (spaces, line breaks, non-ASCII); ${apiKey.length} characters, not shown`;
  }
  return undefined;
}

function secretProblem(setting: string, env: string, reason: string): ConfigProblem {
  return { setting, source: env, value: '(hidden)', reason };
}
