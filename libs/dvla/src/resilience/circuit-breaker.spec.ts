import { setLogLevel } from '@joinedup/logging';
import { DvlaCircuitOpenError } from '../errors/dvla-circuit-open.error';
import { ManualClock } from '../testing/manual-clock.fixture';
import { CircuitBreaker } from './circuit-breaker';

setLogLevel('error');

describe(CircuitBreaker.name, () => {
  let clock: ManualClock;
  let sut: CircuitBreaker;

  const fail = (times: number): void => {
    for (let n = 0; n < times; n++) {
      sut.admit();
      sut.recordFailure();
    }
  };

  beforeEach(() => {
    clock = new ManualClock();
    sut = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 10_000 }, clock);
  });

  it('stays closed below the threshold, and an answer resets the count', () => {
    fail(2);
    sut.admit();
    sut.recordAnswer();
    fail(2);
    expect(sut.state).toBe('closed');
    expect(() => sut.admit()).not.toThrow();
  });

  it('opens after the threshold and fails fast, saying when to try again', () => {
    fail(3);
    clock.advance(4_000);
    let thrown: unknown;
    try {
      sut.check();
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(DvlaCircuitOpenError);
    expect(thrown).toMatchObject({
      code: 'DVLA_CIRCUIT_OPEN',
      retriable: true,
      retryAfterMs: 6_000,
    });
    expect(() => sut.admit()).toThrow(DvlaCircuitOpenError);
  });

  it('lets exactly one probe through after the cool-down, and closes when it is answered', () => {
    fail(3);
    clock.advance(10_000);
    expect(sut.state).toBe('half-open');
    expect(() => sut.check()).not.toThrow();
    sut.admit();
    expect(() => sut.admit()).toThrow(DvlaCircuitOpenError);
    sut.recordAnswer();
    expect(sut.state).toBe('closed');
    expect(() => sut.admit()).not.toThrow();
  });

  it('opens again for a whole cool-down when the probe fails', () => {
    fail(3);
    clock.advance(10_000);
    sut.admit();
    sut.recordFailure();
    expect(sut.state).toBe('open');
    clock.advance(9_999);
    expect(() => sut.check()).toThrow(DvlaCircuitOpenError);
    clock.advance(1);
    expect(() => sut.admit()).not.toThrow();
  });
});
