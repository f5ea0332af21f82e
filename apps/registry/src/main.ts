import { ConfigError, describeSchema } from '@joinedup/config';
import { createLogger } from '@joinedup/logging';
import {
  loadSchemaRegistrySettings,
  schemaRegistryConfigSchema,
  startSchemaRegistry,
} from '@joinedup/schema-registry';

/** Runs the schema registry alone, against the Kafka cluster the settings name. */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    process.stdout.write(
      `joinedup schema registry\n\n${describeSchema(schemaRegistryConfigSchema)}\n`,
    );
    return;
  }

  const log = createLogger('registry');
  const settings = loadSchemaRegistrySettings({ argv });
  const registry = await startSchemaRegistry(settings);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    registry.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('failed to stop cleanly', { error: err as Error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  createLogger('registry').error('failed to start', { error: err as Error });
  process.exit(1);
});
