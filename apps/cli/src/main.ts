/**
 * `joinedup`: the command-line tool (bin/joinedup.js runs the compiled copy of this file).
 * Results go to stdout; logs join the problems on stderr, errors only unless
 * JOINEDUP_LOG_LEVEL asks for more, so that stdout stays fit for a pipe.
 */
import { setLogLevel, setLogSink } from '@joinedup/logging';
import { runCli } from './cli-program';
import { EXIT_FAILED } from './errors/cli.error';

/** What a shell reports for a process ended by SIGINT (128 + 2). */
const EXIT_INTERRUPTED = 130;

setLogSink({ write: (line) => process.stderr.write(line) });
if (process.env.JOINEDUP_LOG_LEVEL === undefined) setLogLevel('error');

// A reader that goes away (joinedup tail ... | head) has all it wants: end quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  process.exit(err.code === 'EPIPE' ? 0 : EXIT_FAILED);
});

// The first Ctrl+C lets a command finish cleanly (tail --follow stops); a second one stops it.
const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupt.signal.aborted) process.exit(EXIT_INTERRUPTED);
    interrupt.abort();
  });
}

runCli(process.argv.slice(2), {
  out: process.stdout,
  err: process.stderr,
  signal: interrupt.signal,
}).then(
  (status) => process.exit(status),
  (err: unknown) => {
    process.stderr.write(`joinedup: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(EXIT_FAILED);
  },
);
