import { createLogger } from '@joinedup/logging';
import { DvlaCircuitOpenError } from '../errors/dvla-circuit-open.error';
import { Clock } from './clock';

export interface CircuitBreakerOptions {
  /** Consecutive failures (5xx, timeouts, no answer) that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one probe is let through. */
  coolDownMs: number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Stops calling DVLA while it is down, so callers fail fast instead of each waiting through
 * timeouts and retries, and DVLA is not hammered as it recovers. Closed: calls pass and
 * failures are counted. Open: calls fail with DvlaCircuitOpenError. After the cool-down,
 * half-open: one probe passes; its success closes the circuit, its failure opens it again.
 */
export class CircuitBreaker {
  private readonly log = createLogger(CircuitBreaker.name);
  private current: CircuitState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private probeInFlight = false;

  constructor(
    private readonly options: CircuitBreakerOptions,
    private readonly clock: Clock,
  ) {}

  /** Reports half-open as soon as the cool-down is over, before the probe is let through. */
  get state(): CircuitState {
    return this.current === 'open' && this.remainingCoolDownMs() === 0 ? 'half-open' : this.current;
  }

  /** Throws DvlaCircuitOpenError while calls may not pass; changes nothing. */
  check(): void {
    if (this.current === 'closed') return;
    const remainingMs = this.remainingCoolDownMs();
    if (remainingMs > 0) throw new DvlaCircuitOpenError(this.consecutiveFailures, remainingMs);
    if (this.probeInFlight) throw new DvlaCircuitOpenError(this.consecutiveFailures, 0);
  }

  /** Lets a call pass, or throws DvlaCircuitOpenError. Pair every pass with one outcome. */
  admit(): void {
    if (this.current === 'closed') return;
    if (this.current === 'open') {
      const remainingMs = this.remainingCoolDownMs();
      if (remainingMs > 0) throw new DvlaCircuitOpenError(this.consecutiveFailures, remainingMs);
      this.current = 'half-open';
      this.log.info('DVLA circuit half-open; probing', {
        consecutiveFailures: this.consecutiveFailures,
      });
    }
    if (this.probeInFlight) throw new DvlaCircuitOpenError(this.consecutiveFailures, 0);
    this.probeInFlight = true;
  }

  private remainingCoolDownMs(): number {
    if (this.current !== 'open') return 0;
    return Math.max(0, this.openedAt + this.options.coolDownMs - this.clock.now());
  }

  /** DVLA answered (any status but a failure's): it is up. */
  recordAnswer(): void {
    this.probeInFlight = false;
    if (this.current !== 'closed') {
      this.log.info('DVLA answered; circuit closed', {
        consecutiveFailures: this.consecutiveFailures,
      });
    }
    this.current = 'closed';
    this.consecutiveFailures = 0;
  }

  /** DVLA failed (5xx, timeout, no answer). */
  recordFailure(): void {
    this.probeInFlight = false;
    this.consecutiveFailures += 1;
    const probeFailed = this.current === 'half-open';
    const thresholdReached =
      this.current === 'closed' && this.consecutiveFailures >= this.options.failureThreshold;
    if (!probeFailed && !thresholdReached) return;
    this.current = 'open';
    this.openedAt = this.clock.now();
    this.log.warn('DVLA circuit opened', {
      consecutiveFailures: this.consecutiveFailures,
      coolDownMs: this.options.coolDownMs,
    });
  }
}
