import { AvroSerde } from '@joinedup/avro';
import { CliIo, CommandContext, writeLine } from '../cli-io';
import { CliError, EXIT_FAILED, EXIT_OK } from '../errors/cli.error';
import { KafkaGateway, PartitionOffsets } from '../kafka/kafka-gateway';
import { ReadLimits } from '../tail/read-limits';
import { RecordFormatter } from '../tail/record-formatter';
import { StartPosition } from '../tail/start-position';

export interface TailOptions {
  from: StartPosition;
  /** Stop after this many records. */
  max?: number;
  /** Stop after this long, however far the tail got. */
  timeoutMs?: number;
  /** Keep reading new records rather than stopping at the end offsets read at the start. */
  follow: boolean;
}

type Outcome = 'finished' | 'timed out' | 'interrupted';

/**
 * `joinedup tail <topic>`: prints each record of a topic as one JSON line, decoded through
 * the registry. Resolves with the exit code: 1 when the topic is missing, Kafka fails, or
 * the timeout stops a tail before the end offsets read at the start.
 */
export async function tailCommand(
  topic: string,
  options: TailOptions,
  context: CommandContext,
): Promise<number> {
  const { settings, io } = context;
  const gateway = new KafkaGateway({ brokers: settings.kafkaBrokers });
  try {
    return await tail(topic, options, context, gateway);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    await writeLine(io.err, `joinedup tail: ${err.message}`);
    return EXIT_FAILED;
  } finally {
    await gateway.close();
  }
}

async function tail(
  topic: string,
  options: TailOptions,
  { settings, io }: CommandContext,
  gateway: KafkaGateway,
): Promise<number> {
  const { partitions } = await gateway.topicOffsets(topic);
  const from = await startOffsets(gateway, topic, partitions, options.from);
  const ends = options.follow ? undefined : endOffsets(partitions);
  const limits = new ReadLimits(ends, from, options.max);
  if (limits.finished) return EXIT_OK;

  const formatter = new RecordFormatter(
    new AvroSerde({ registry: { url: settings.schemaRegistryUrl } }),
  );
  let finish: (outcome: Outcome) => void = () => undefined;
  const finished = new Promise<Outcome>((resolve) => (finish = resolve));

  const subscription = await gateway.consume(topic, from, async (record, pausePartition) => {
    if (limits.finished) return;
    if (limits.isBeyondEnd(record)) {
      pausePartition();
    } else {
      await writeLine(io.out, await formatter.format(record));
      limits.printed(record);
    }
    if (limits.finished) finish('finished');
  });

  const stopTimer = startTimer(options.timeoutMs, () => finish('timed out'));
  const stopListening = onAbort(io.signal, () => finish('interrupted'));
  try {
    const outcome = await Promise.race([finished, subscription.failed]);
    return await reportOutcome(outcome, options, limits, io);
  } finally {
    stopTimer();
    stopListening();
    await subscription.stop();
  }
}

async function startOffsets(
  gateway: KafkaGateway,
  topic: string,
  partitions: readonly PartitionOffsets[],
  from: StartPosition,
): Promise<Map<number, bigint>> {
  switch (from.kind) {
    case 'beginning':
      return new Map(partitions.map(({ partition, start }) => [partition, start]));
    case 'end':
      return endOffsets(partitions);
    case 'time':
      return gateway.offsetsAt(topic, from.time);
  }
}

function endOffsets(partitions: readonly PartitionOffsets[]): Map<number, bigint> {
  return new Map(partitions.map(({ partition, end }) => [partition, end]));
}

/** A timeout that cuts short a tail meant to reach the end offsets is a failure. */
async function reportOutcome(
  outcome: Outcome,
  options: TailOptions,
  limits: ReadLimits,
  io: CliIo,
): Promise<number> {
  const cutShort = outcome === 'timed out' && !options.follow && !limits.finished;
  if (!cutShort) return EXIT_OK;
  const partitions = limits.unfinishedPartitions.join(', ');
  await writeLine(
    io.err,
    `joinedup tail: stopped after ${options.timeoutMs} ms before reaching the end offsets ` +
      `read at the start (partitions ${partitions}); raise --timeout-ms to wait longer`,
  );
  return EXIT_FAILED;
}

function startTimer(timeoutMs: number | undefined, onTimeout: () => void): () => void {
  if (timeoutMs === undefined) return () => undefined;
  const timer = setTimeout(onTimeout, timeoutMs);
  return () => clearTimeout(timer);
}

function onAbort(signal: AbortSignal | undefined, onAborted: () => void): () => void {
  if (signal === undefined) return () => undefined;
  if (signal.aborted) {
    onAborted();
    return () => undefined;
  }
  signal.addEventListener('abort', onAborted, { once: true });
  return () => signal.removeEventListener('abort', onAborted);
}
