import { INestApplication } from '@nestjs/common';
import { BackboneMetrics } from '@joinedup/backbone';

/**
 * The sum of a metric's samples whose labels include `labels`. For a histogram name the
 * `_count` series (the number of observations).
 */
export async function metricValue(
  app: INestApplication,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const registry = app.get(BackboneMetrics).registry;
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric named ${name}`);
  const { values } = await metric.get();
  return values
    .filter((sample) => {
      const series = (sample as { metricName?: string }).metricName;
      return series === undefined || series === name || series === `${name}_count`;
    })
    .filter((sample) =>
      Object.entries(labels).every(([key, value]) => String(sample.labels[key]) === value),
    )
    .reduce((sum, sample) => sum + sample.value, 0);
}
