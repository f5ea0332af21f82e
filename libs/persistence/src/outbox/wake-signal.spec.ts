import { WakeSignal } from './wake-signal';

async function elapsed(work: () => Promise<void>): Promise<number> {
  const started = Date.now();
  await work();
  return Date.now() - started;
}

describe(WakeSignal.name, () => {
  it('ends a notifiable sleep early on notify', async () => {
    const signal = new WakeSignal();
    setTimeout(() => signal.notify(), 20);
    expect(await elapsed(() => signal.sleep(5000, true))).toBeLessThan(1000);
  });

  it('keeps a notify that came while nobody slept for the next sleep', async () => {
    const signal = new WakeSignal();
    signal.notify();
    expect(await elapsed(() => signal.sleep(5000, true))).toBeLessThan(100);
    expect(await elapsed(() => signal.sleep(50, true))).toBeGreaterThanOrEqual(40);
  });

  it('does not cut a backoff sleep short on notify, but does on stop', async () => {
    const signal = new WakeSignal();
    setTimeout(() => signal.notify(), 10);
    expect(await elapsed(() => signal.sleep(150, false))).toBeGreaterThanOrEqual(140);
    setTimeout(() => signal.stop(), 10);
    expect(await elapsed(() => signal.sleep(5000, false))).toBeLessThan(1000);
  });

  it('does not sleep at all once stopped, until restarted', async () => {
    const signal = new WakeSignal();
    signal.stop();
    expect(await elapsed(() => signal.sleep(5000, false))).toBeLessThan(100);
    signal.restart();
    expect(await elapsed(() => signal.sleep(50, false))).toBeGreaterThanOrEqual(40);
  });
});
