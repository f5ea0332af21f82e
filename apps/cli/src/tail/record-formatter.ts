import { AvroSerde } from '@joinedup/avro';
import { reasonOf } from '../errors/cli.error';
import { ConsumedRecord } from '../kafka/kafka-gateway';
import { toJsonValue } from './json-value';

/**
 * One JSON line per record, `{topic, partition, offset, key, timestamp, event}`, the event
 * decoded through the registry. A record that cannot be decoded gives a line with `error`,
 * naming its offset and why, in place of `event`: one bad record must not stop a tail.
 */
export class RecordFormatter {
  constructor(private readonly serde: AvroSerde) {}

  async format(record: ConsumedRecord): Promise<string> {
    const line = {
      topic: record.topic,
      partition: record.partition,
      offset: Number(record.offset),
      key: record.key === null ? null : record.key.toString('utf8'),
      timestamp: isoTime(record.timestamp),
    };
    if (record.value === null) {
      return JSON.stringify({
        ...line,
        error: `offset ${record.offset}: the record has no value (a tombstone)`,
      });
    }
    try {
      const event = await this.serde.decode(record.value);
      return JSON.stringify({ ...line, event: toJsonValue(event) });
    } catch (err) {
      return JSON.stringify({
        ...line,
        error: `offset ${record.offset}: cannot be decoded: ${reasonOf(err)}`,
      });
    }
  }
}

function isoTime(millis: number): string | null {
  const time = new Date(millis);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}
