import { AvroSerde } from '@joinedup/avro';
import { loadCatalogue } from '@joinedup/contracts';
import { CommandContext, writeLine } from '../cli-io';
import { CliError, EXIT_FAILED, EXIT_OK } from '../errors/cli.error';
import { KafkaGateway } from '../kafka/kafka-gateway';
import { EventEncoder } from '../publish/event-encoder';
import { FilePublisher } from '../publish/file-publisher';
import { ProgressLine } from '../publish/progress-line';

/**
 * `joinedup publish <file...>`: publishes each event of each file to its catalogue topic.
 * Resolves with the exit code: 1 when any event was rejected or publishing stopped.
 */
export async function publishCommand(
  files: readonly string[],
  context: CommandContext,
): Promise<number> {
  const { settings, io } = context;
  const registryUrl = settings.schemaRegistryUrl;
  const gateway = new KafkaGateway({ brokers: settings.kafkaBrokers });
  const publisher = new FilePublisher(
    new EventEncoder(
      loadCatalogue(),
      new AvroSerde({ registry: { url: registryUrl } }),
      registryUrl,
    ),
    gateway,
    io,
    new ProgressLine(io.err),
  );

  let rejected = 0;
  try {
    for (const file of files) rejected += (await publisher.publishFile(file)).rejected;
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    await writeLine(io.err, `joinedup publish: ${err.message}`);
    return EXIT_FAILED;
  } finally {
    await gateway.close();
  }
  return rejected > 0 ? EXIT_FAILED : EXIT_OK;
}
