import { setTimeout as delay } from 'node:timers/promises';

/** Time as the resilience parts see it; tests pass a manual clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => (ms <= 0 ? Promise.resolve() : delay(ms)),
};
