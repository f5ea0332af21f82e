import { ConfigError } from '@joinedup/config';
import { createLogger } from '@joinedup/logging';

export interface Stoppable {
  close(): Promise<void>;
}

/**
 * Runs an app's start function with the conventions every app shares: a bad setting stops
 * start-up with a message naming it (exit code 2), SIGTERM and SIGINT stop the app gracefully
 * (exit code 0), and a second signal exits at once.
 */
export function runMain(name: string, start: () => Promise<Stoppable>): void {
  const log = createLogger(name);
  let stopping = false;

  start().then(
    (app) => {
      const stop = (signal: string): void => {
        if (stopping) process.exit(1);
        stopping = true;
        log.info('stopping', { signal });
        app.close().then(
          () => process.exit(0),
          (err: Error) => {
            log.error('stop failed', { err });
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    },
    (err: Error) => {
      if (err instanceof ConfigError) {
        process.stderr.write(`${name}: ${err.message}\n`);
        process.exit(2);
      }
      log.error('start-up failed', { err });
      process.stderr.write(`${name}: start-up failed: ${err.message}\n`);
      process.exit(1);
    },
  );
}
