/**
 * Broker benchmark: 1,000,000 messages of 100 bytes, default flush policy (acks-all).
 * kcat produces with acks=-1 to the broker and, in the same run, to a sink that stores
 * nothing; kcat and a kafkajs group read the topic back; kafkajs measures produce-to-consume
 * latency at 1,000 messages/s; the broker's resident memory is read after the million.
 * Prints one JSON line. Run with `npm run bench:broker`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startBrokerProcess } from './broker-process';
import { kafkajsConsume, kafkajsLatency } from './kafkajs-runs';
import { startSink } from './sink-server';
import { residentMb, round, timeCommand } from '../support/measure';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const SIZE = 100;

function writeInput(file: string): void {
  const line = 'x'.repeat(SIZE) + '\n';
  const chunk = line.repeat(10_000);
  const fd = fs.openSync(file, 'w');
  for (let i = 0; i < MESSAGES / 10_000; i++) fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}

async function kcatProduce(bootstrap: string, topic: string, input: string): Promise<number> {
  const ms = await timeCommand('kcat', [
    '-b',
    bootstrap,
    '-t',
    topic,
    '-P',
    '-X',
    'acks=all',
    '-l',
    input,
  ]);
  return (MESSAGES / ms) * 1000;
}

async function kcatConsume(bootstrap: string, topic: string): Promise<number> {
  const ms = await timeCommand('kcat', [
    '-b',
    bootstrap,
    '-t',
    topic,
    '-C',
    '-e',
    '-o',
    'beginning',
    '-q',
    '-f',
    '%o\n',
  ]);
  return (MESSAGES / ms) * 1000;
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'joinedup-bench-'));
  const input = path.join(work, 'messages.txt');
  writeInput(input);
  const sink = await startSink();
  const { child, bootstrap } = await startBrokerProcess(path.join(work, 'data'));
  try {
    // Warm the page cache for the input, then alternate sink and broker runs.
    await kcatProduce(`127.0.0.1:${sink.port}`, 'warm-up', input);
    const sinkProduce1 = await kcatProduce(`127.0.0.1:${sink.port}`, 'sink', input);
    const brokerProduce = await kcatProduce(bootstrap, 'bench', input);
    const sinkProduce = Math.max(
      sinkProduce1,
      await kcatProduce(`127.0.0.1:${sink.port}`, 'sink', input),
    );
    const rssAfterStore = residentMb(child.pid!);
    const consumeKcat = await kcatConsume(bootstrap, 'bench');
    const consumeKafkajs = await kafkajsConsume(bootstrap, 'bench', MESSAGES);
    const latency = await kafkajsLatency(bootstrap, 'latency', 1000, 10);
    const rssEnd = residentMb(child.pid!);
    process.stdout.write(
      JSON.stringify({
        date: new Date().toISOString(),
        machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
        messages: MESSAGES,
        messageBytes: SIZE,
        kcatProduceAcksAll: round(brokerProduce),
        kcatProduceToSink: round(sinkProduce),
        brokerShareOfSink: round(brokerProduce / sinkProduce, 2),
        kcatConsume: round(consumeKcat),
        kafkajsGroupConsume: round(consumeKafkajs),
        kafkajsToKcatConsumeRatio: round(consumeKafkajs / consumeKcat, 2),
        latencyP50Ms: round(latency.p50, 1),
        latencyP99Ms: round(latency.p99, 1),
        latencySamples: latency.samples,
        brokerRssAfterMillionMb: round(rssAfterStore, 1),
        brokerRssAtEndMb: round(rssEnd, 1),
      }) + '\n',
    );
  } finally {
    child.kill('SIGTERM');
    sink.close();
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
