import { Registry } from 'prom-client';
import { DurationHistogram } from './duration-histogram';

describe(DurationHistogram.name, () => {
  it('renders cumulative buckets, sum and count per label set, as Prometheus expects', async () => {
    const registry = new Registry();
    const histogram = new DurationHistogram('handler_seconds', 'Handler time.', registry);
    const series = histogram.seriesFor({ group: 'g', topic: 't', event_type: 'E' });
    for (const seconds of [0.0005, 0.003, 0.003, 0.2, 45]) series.observe(seconds);

    const text = await registry.metrics();
    expect(text).toContain('# TYPE handler_seconds histogram');
    expect(text).toContain(
      'handler_seconds_bucket{group="g",topic="t",event_type="E",le="0.001"} 1',
    );
    expect(text).toContain(
      'handler_seconds_bucket{group="g",topic="t",event_type="E",le="0.005"} 3',
    );
    expect(text).toContain(
      'handler_seconds_bucket{group="g",topic="t",event_type="E",le="0.25"} 4',
    );
    expect(text).toContain('handler_seconds_bucket{group="g",topic="t",event_type="E",le="30"} 4');
    expect(text).toContain(
      'handler_seconds_bucket{group="g",topic="t",event_type="E",le="+Inf"} 5',
    );
    expect(text).toContain('handler_seconds_count{group="g",topic="t",event_type="E"} 5');
    expect(text).toMatch(/handler_seconds_sum\{group="g",topic="t",event_type="E"\} 45\.206/);
  });

  it('gives the same series for the same labels', () => {
    const histogram = new DurationHistogram('h', 'h', new Registry());
    expect(histogram.seriesFor({ a: '1' })).toBe(histogram.seriesFor({ a: '1' }));
    expect(histogram.seriesFor({ a: '1' })).not.toBe(histogram.seriesFor({ a: '2' }));
  });
});
