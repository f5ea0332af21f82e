import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '@joinedup/config';
import { RunningHub, startHub } from '../../apps/hub/src/hub';
import { hubSettings } from '../../apps/hub/src/hub-settings';
import { CliIo, CommandContext } from '../../apps/cli/src/cli-io';
import { spawnTs, waitForExit } from '../support/spawn-ts';
import { makeTempDir, removeDir } from '../support/temp-dir';

export const EXAMPLES_DIR = resolve(__dirname, '..', '..', 'contracts', 'examples');

export type JsonObject = Record<string, unknown>;

/** The hub on free ports with its own data directory, as `npm start` runs it. */
export class HubHarness {
  hub!: RunningHub;
  private readonly dataDir = makeTempDir('cli-hub');

  async start(): Promise<void> {
    const config = loadConfig(hubSettings, {
      env: {},
      argv: [
        '--broker-port=0',
        `--broker-data-dir=${this.dataDir}`,
        '--registry-port=0',
        '--dvla-sandbox=false',
      ],
    });
    this.hub = await startHub(config, {});
  }

  async stop(): Promise<void> {
    await this.hub?.close();
    removeDir(this.dataDir);
  }

  /** Command-line flags that point the CLI at this hub. */
  get flags(): string[] {
    return ['--kafka', this.hub.kafka, '--registry', this.hub.registryUrl];
  }

  context(io: CliIo): CommandContext {
    return {
      settings: { kafkaBrokers: [this.hub.kafka], schemaRegistryUrl: this.hub.registryUrl },
      io,
    };
  }
}

/** Output streams that keep what a command wrote, for in-process runs. */
export class CapturedIo {
  private readonly outChunks: string[] = [];
  private readonly errChunks: string[] = [];
  readonly io: CliIo;

  constructor(signal?: AbortSignal) {
    this.io = { out: collect(this.outChunks), err: collect(this.errChunks), signal };
  }

  get out(): string {
    return this.outChunks.join('');
  }

  get err(): string {
    return this.errChunks.join('');
  }

  get outLines(): string[] {
    return this.out.split('\n').filter((line) => line.length > 0);
  }

  /** stdout parsed as the JSON lines `tail` prints. */
  get records(): TailLine[] {
    return this.outLines.map((line) => JSON.parse(line) as TailLine);
  }
}

export interface TailLine {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  timestamp: string | null;
  event?: JsonObject;
  error?: string;
}

function collect(into: string[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      into.push(chunk.toString());
      done();
    },
  });
}

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI's entry point as a real process, as `npx joinedup` would. */
export async function runCliProcess(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ChildResult> {
  const child = spawnTs('apps/cli/src/main.ts', args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await waitForExit(child);
  return { code, stdout, stderr };
}

export function exampleFiles(): string[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(EXAMPLES_DIR, name));
}

export function readExample(eventType: string): JsonObject {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, `${eventType}.json`), 'utf8')) as JsonObject;
}

/** An example with its own event id, so each test finds its own events on shared topics. */
export function exampleWithId(eventType: string, eventId: string): JsonObject {
  return { ...readExample(eventType), eventId };
}

/** `published <where> <eventType> <eventId> to <topic> partition <p> offset <o>` */
export interface PublishedLine {
  where: string;
  eventType: string;
  eventId: string;
  topic: string;
  partition: number;
  offset: number;
}

const PUBLISHED = /^published (\S+) (\S+) (\S+) to (\S+) partition (\d+) offset (\d+)$/;

export function publishedLines(out: string): PublishedLine[] {
  return out
    .split('\n')
    .map((line) => PUBLISHED.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, where, eventType, eventId, topic, partition, offset]) => ({
      where,
      eventType,
      eventId,
      topic,
      partition: Number(partition),
      offset: Number(offset),
    }));
}
