import { CommandContext, writeLine } from '../cli-io';
import { CliError, EXIT_FAILED, EXIT_OK } from '../errors/cli.error';
import { KafkaGateway, TopicOffsets } from '../kafka/kafka-gateway';

const HEADINGS = ['TOPIC', 'PARTITIONS', 'END OFFSETS'] as const;

/**
 * `joinedup topics`: every topic with its partition count and each partition's end offset
 * (the offset its next record will get), as an aligned table.
 */
export async function topicsCommand({ settings, io }: CommandContext): Promise<number> {
  const gateway = new KafkaGateway({ brokers: settings.kafkaBrokers });
  try {
    const topics = await gateway.listTopics();
    if (topics.length === 0) {
      await writeLine(io.out, 'no topics yet; joinedup publish creates them');
      return EXIT_OK;
    }
    for (const line of table(topics.map(row))) await writeLine(io.out, line);
    return EXIT_OK;
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    await writeLine(io.err, `joinedup topics: ${err.message}`);
    return EXIT_FAILED;
  } finally {
    await gateway.close();
  }
}

function row({ topic, partitions }: TopicOffsets): string[] {
  const ends = partitions.map(({ partition, end }) => `${partition}:${end}`).join(' ');
  return [topic, String(partitions.length), ends];
}

function table(rows: readonly string[][]): string[] {
  const all = [[...HEADINGS], ...rows];
  const widths = HEADINGS.map((_, column) => Math.max(...all.map((cells) => cells[column].length)));
  return all.map((cells) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  '),
  );
}
