import { Clock } from '../resilience/clock';

/** A clock that moves only when told, for specs of time-driven parts. */
export class ManualClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private time = Date.UTC(2026, 11, 3, 9, 0, 0)) {}

  now(): number {
    return this.time;
  }

  /** Records the wait and lets time pass by it at once. */
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += Math.max(0, ms);
  }

  advance(ms: number): void {
    this.time += ms;
  }
}
