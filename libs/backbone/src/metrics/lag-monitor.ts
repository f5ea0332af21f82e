import { KafkaAdmin } from '@joinedup/kafka';
import { createLogger } from '@joinedup/logging';
import { BackboneMetrics } from './backbone-metrics';

/** Refreshes the consumer lag gauge (end offset - committed offset) on a timer. */
export class LagMonitor {
  private readonly log = createLogger(LagMonitor.name);
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly admin: KafkaAdmin,
    private readonly metrics: BackboneMetrics,
    private readonly groupId: string,
    private readonly topics: readonly string[],
  ) {}

  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.refreshing;
  }

  /** Reads every partition's lag once; a failure is logged and the gauge keeps its last value. */
  refresh(): Promise<void> {
    this.refreshing ??= this.read().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async read(): Promise<void> {
    try {
      const lags = await this.admin.consumerLag(this.groupId, this.topics);
      for (const { topic, partition, lag } of lags) {
        this.metrics.setLag(this.groupId, topic, partition, lag);
      }
    } catch (err) {
      this.log.warn('consumer lag not refreshed', {
        groupId: this.groupId,
        code: (err as { code?: unknown }).code,
      });
    }
  }
}
