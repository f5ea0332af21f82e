import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ConfigError, Setting } from '@joinedup/config';
import { CliIo, CommandContext, writeLine } from './cli-io';
import { cliSettings, GlobalFlags, loadCliSettings } from './cli-settings';
import { publishCommand } from './commands/publish.command';
import { tailCommand } from './commands/tail.command';
import { topicsCommand } from './commands/topics.command';
import { redriveCommand } from './commands/redrive.command';
import { EXIT_OK, EXIT_USAGE } from './errors/cli.error';
import { parseStartPosition, StartPosition } from './tail/start-position';

const EXIT_STATUS_HELP = `
Exit status: 0 done; 1 a command failed or an event was rejected; 2 a bad command line or
setting. Results go to stdout, problems to stderr.
`;

const PUBLISH_HELP = `
Each file holds one event in the contracts' JSON form (see contracts/examples), or one event
per line (NDJSON; .ndjson and .jsonl files are always read so). Each event goes to the topic
the catalogue names for its eventType, keyed by its subjectKey, with eventType and eventId
headers. A bad event is reported with its file, line and fields and the rest still publish.

Example:
  joinedup publish contracts/examples/HospitalDischargeNotified.json events.ndjson
`;

const TAIL_HELP = `
Prints one JSON line per record: {topic, partition, offset, key, timestamp, event}, the event
decoded through the schema registry, timestamps as ISO 8601 text and decimals as text. A record
that cannot be decoded prints {..., error} naming its offset and why, and the tail goes on.
Without --follow it stops at the end offsets the topic had when it started.

Examples:
  joinedup tail joinedup.care.hospital-adt.v1
  joinedup tail joinedup.waste.requests.v1 --from 2025-11-24T00:00:00Z --max 10
  joinedup tail joinedup.waste.requests.v1 --from end --follow
`;

interface TailFlags {
  from: StartPosition;
  max?: number;
  timeoutMs?: number;
  follow?: boolean;
}

/**
 * Runs the `joinedup` command line and resolves with its exit status. Settings come from
 * `--kafka` and `--registry`, else the environment, else the defaults `npm start` listens on.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let status = EXIT_OK;
  const program = createProgram(io, env, (code) => (status = code));
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    throw err;
  }
  return status;
}

function createProgram(
  io: CliIo,
  env: NodeJS.ProcessEnv,
  setStatus: (code: number) => void,
): Command {
  const program = new Command('joinedup')
    .description('Publish Joined-up events and read them back from Kafka.')
    .option('--kafka <brokers>', describeSetting(cliSettings.kafkaBrokers))
    .option('--registry <url>', describeSetting(cliSettings.schemaRegistryUrl))
    .configureOutput({
      writeOut: (text) => io.out.write(text),
      writeErr: (text) => io.err.write(text),
    })
    .exitOverride()
    .showHelpAfterError('(joinedup --help lists the commands)')
    .addHelpText('after', EXIT_STATUS_HELP);

  const run =
    <A extends unknown[]>(command: (context: CommandContext, ...args: A) => Promise<number>) =>
    async (...args: A): Promise<void> =>
      setStatus(await withSettings(program.opts<GlobalFlags>(), io, env, command, args));

  program
    .command('publish')
    .description('Publish events from JSON or NDJSON files to their catalogue topics.')
    .argument('<files...>', 'event files')
    .addHelpText('after', PUBLISH_HELP)
    .action(run((context, files: string[]) => publishCommand(files, context)));

  program
    .command('tail')
    .description('Print the records of a topic as JSON lines, decoded through the registry.')
    .argument('<topic>', 'topic to read')
    .addOption(
      new Option('--from <position>', 'beginning, end, or an ISO 8601 timestamp with its zone')
        .argParser(startPosition)
        .default({ kind: 'beginning' } satisfies StartPosition, 'beginning'),
    )
    .option('--max <n>', 'stop after n records', positiveInteger)
    .option('--timeout-ms <ms>', 'stop after this many milliseconds', positiveInteger)
    .option('--follow', 'keep printing new records until interrupted (Ctrl+C)')
    .addHelpText('after', TAIL_HELP)
    .action(
      run((context, topic: string, flags: TailFlags) =>
        tailCommand(
          topic,
          {
            from: flags.from,
            max: flags.max,
            timeoutMs: flags.timeoutMs,
            follow: flags.follow === true,
          },
          context,
        ),
      ),
    );

  program
    .command('redrive')
    .description('Re-publish dead letters to the topics they came from, after a fix.')
    .argument('<dlq-topic>', 'dead-letter topic, e.g. joinedup.waste.requests.v1.dlq')
    .action(run((context, dlqTopic: string) => redriveCommand(dlqTopic, context)));

  program
    .command('topics')
    .description('List topics with their partition counts and end offsets.')
    .action(run((context) => topicsCommand(context)));

  return program;
}

/** Loads the settings, or reports every bad one by name and exits with the usage status. */
async function withSettings<A extends unknown[]>(
  flags: GlobalFlags,
  io: CliIo,
  env: NodeJS.ProcessEnv,
  command: (context: CommandContext, ...args: A) => Promise<number>,
  args: A,
): Promise<number> {
  let context: CommandContext;
  try {
    context = { settings: loadCliSettings(flags, env), io };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    await writeLine(io.err, `joinedup: ${err.message}`);
    return EXIT_USAGE;
  }
  return command(context, ...args);
}

function describeSetting(setting: Setting<unknown>): string {
  return `${setting.description} Environment ${setting.env}; default ${String(setting.default)}.`;
}

function startPosition(text: string): StartPosition {
  try {
    return parseStartPosition(text);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError(`expected a whole number of at least 1, found "${text}"`);
  }
  return value;
}
