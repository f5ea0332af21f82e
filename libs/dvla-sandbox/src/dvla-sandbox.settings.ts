import { ConfigOf, duration, integer, oneOf, text } from '@joinedup/config';
import { DvlaSandboxOptions } from './dvla-sandbox';
import { VEHICLES_FILE_ENV, loadSandboxVehicles } from './sandbox-vehicles';

/** The sandbox app's settings, from JOINEDUP_DVLA_SANDBOX_* variables or flags. */
export const dvlaSandboxSettings = {
  host: text({
    env: 'JOINEDUP_DVLA_SANDBOX_HOST',
    flag: 'host',
    default: '127.0.0.1',
    description: 'Address to listen on. 127.0.0.1 keeps the sandbox private to this machine.',
  }),
  port: integer({
    env: 'JOINEDUP_DVLA_SANDBOX_PORT',
    flag: 'port',
    default: 3100,
    min: 0,
    max: 65535,
    description: 'TCP port; 0 picks a free one. The DVLA client defaults to http://127.0.0.1:3100.',
  }),
  apiKeys: text({
    env: 'JOINEDUP_DVLA_SANDBOX_API_KEYS',
    flag: 'api-keys',
    default: '',
    description:
      'Comma-separated x-api-key values accepted (others get 403); empty accepts any non-empty key.',
  }),
  vehiclesFile: text({
    env: VEHICLES_FILE_ENV,
    flag: 'vehicles-file',
    default: '',
    description: 'Fixture vehicles; empty means examples/dvla/vehicles.json.',
  }),
  latency: duration({
    env: 'JOINEDUP_DVLA_SANDBOX_LATENCY',
    flag: 'latency',
    default: 0,
    description: 'Delay before every answer, to rehearse a slow DVLA.',
  }),
  rateLimit: integer({
    env: 'JOINEDUP_DVLA_SANDBOX_RATE_LIMIT',
    flag: 'rate-limit',
    default: 0,
    min: 0,
    description: 'Requests per second per API key before 429 with Retry-After; 0 for none.',
  }),
  rateBurst: integer({
    env: 'JOINEDUP_DVLA_SANDBOX_RATE_BURST',
    flag: 'rate-burst',
    default: 10,
    min: 1,
    description: 'Requests a key may send at once under the rate limit.',
  }),
  retryAfter: integer({
    env: 'JOINEDUP_DVLA_SANDBOX_RETRY_AFTER',
    flag: 'retry-after',
    default: 1,
    min: 0,
    description: "Seconds in ER19THR's Retry-After header.",
  }),
  errorStatusAs: oneOf({
    env: 'JOINEDUP_DVLA_SANDBOX_ERROR_STATUS_AS',
    flag: 'error-status-as',
    default: 'string',
    values: ['string', 'number'] as const,
    description: 'Type of `status` in error entries; DVLA has been seen sending both.',
  }),
};

export type DvlaSandboxConfig = ConfigOf<typeof dvlaSandboxSettings>;

export function sandboxOptionsFrom(config: DvlaSandboxConfig): DvlaSandboxOptions {
  return {
    host: config.host,
    port: config.port,
    apiKeys: config.apiKeys
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key.length > 0),
    vehicles: config.vehiclesFile ? loadSandboxVehicles(config.vehiclesFile) : undefined,
    latencyMs: Math.max(0, config.latency),
    rateLimit:
      config.rateLimit > 0
        ? { requestsPerSecond: config.rateLimit, burst: config.rateBurst }
        : undefined,
    retryAfterSeconds: config.retryAfter,
    errorStatusAs: config.errorStatusAs,
  };
}
