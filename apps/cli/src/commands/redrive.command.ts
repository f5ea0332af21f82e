import { redriveDeadLetters } from '@joinedup/backbone';
import { CommandContext, writeLine } from '../cli-io';
import { EXIT_FAILED, EXIT_OK } from '../errors/cli.error';

/**
 * `joinedup redrive <dlq-topic>`: after a fix, re-publishes the dead letters written since
 * the last redrive to the topics they came from, and prints how many went where.
 */
export async function redriveCommand(
  dlqTopic: string,
  { settings, io }: CommandContext,
): Promise<number> {
  try {
    const report = await redriveDeadLetters({
      kafka: { brokers: settings.kafkaBrokers, clientId: 'joinedup-cli' },
      dlqTopic,
    });
    await writeLine(io.out, JSON.stringify(report));
    return EXIT_OK;
  } catch (err) {
    await writeLine(io.err, `joinedup redrive: ${(err as Error).message}`);
    return EXIT_FAILED;
  }
}
