import { MetricValueWithName, Registry } from 'prom-client';

/** What a registry reads from a metric when it renders the exposition. */
interface RenderedMetric {
  name: string;
  help: string;
  type: 'histogram';
  aggregator: 'sum';
  values: MetricValueWithName<string>[];
}

/** Upper bounds in seconds, from 1 ms to 30 s. */
const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** One label set's observations: a count per bucket (not cumulative), the sum and the count. */
export class DurationSeries {
  readonly counts = new Array<number>(BUCKETS.length + 1).fill(0);
  sum = 0;
  count = 0;

  constructor(readonly labels: Readonly<Record<string, string>>) {}

  /** Records the time since `startedAt`, a reading of performance.now(). */
  observeSince(startedAt: number): void {
    this.observe((performance.now() - startedAt) / 1000);
  }

  observe(seconds: number): void {
    let bucket = 0;
    while (bucket < BUCKETS.length && seconds > BUCKETS[bucket]) bucket++;
    this.counts[bucket] += 1;
    this.sum += seconds;
    this.count += 1;
  }
}

/**
 * A Prometheus histogram whose series are looked up once and then observed with no label
 * hashing: prom-client's Histogram hashes the labels on every observation, which at tens of
 * thousands of events a second was a measurable share of the consumer's time. It renders the
 * same `_bucket`, `_sum` and `_count` lines.
 */
export class DurationHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum' as const;
  private readonly series = new Map<string, DurationSeries>();

  constructor(
    readonly name: string,
    readonly help: string,
    registry: Registry,
  ) {
    registry.registerMetric(this as never);
  }

  seriesFor(labels: Record<string, string>): DurationSeries {
    const key = JSON.stringify(labels);
    let series = this.series.get(key);
    if (series === undefined) {
      series = new DurationSeries({ ...labels });
      this.series.set(key, series);
    }
    return series;
  }

  async get(): Promise<RenderedMetric> {
    const values: MetricValueWithName<string>[] = [];
    for (const series of this.series.values()) {
      let cumulative = 0;
      BUCKETS.forEach((le, i) => {
        cumulative += series.counts[i];
        values.push(this.value('_bucket', { ...series.labels, le: String(le) }, cumulative));
      });
      values.push(this.value('_bucket', { ...series.labels, le: '+Inf' }, series.count));
      values.push(this.value('_sum', series.labels, series.sum));
      values.push(this.value('_count', series.labels, series.count));
    }
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values,
    };
  }

  reset(): void {
    this.series.clear();
  }

  private value(
    suffix: string,
    labels: Record<string, string>,
    value: number,
  ): MetricValueWithName<string> {
    return { metricName: `${this.name}${suffix}`, labels, value };
  }
}
