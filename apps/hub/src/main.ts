/**
 * `npm start`: the whole hub on one machine. Each part starts in dependency order and the
 * hub prints where everything listens; SIGTERM stops them in reverse order.
 */
import { Broker, brokerSettings } from '@joinedup/broker';
import { describeSchema, loadConfig } from '@joinedup/config';
import { createLogger } from '@joinedup/logging';
import { runMain, Stoppable } from '@joinedup/runtime';

const hubSettings = { ...brokerSettings };

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  process.stdout.write(`Usage: npm start -- [--flag=value ...]\n\n${describeSchema(hubSettings)}\n`);
  process.exit(0);
}

runMain('hub', async (): Promise<Stoppable> => {
  const log = createLogger('hub');
  const config = loadConfig(hubSettings, { argv });
  const started: Stoppable[] = [];
  const broker = await Broker.start(config);
  started.push(broker);
  log.info('hub ready', { broker: broker.bootstrap });
  process.stdout.write(`\nJoined-up is running.\n  Kafka broker   ${broker.bootstrap}\n\n`);
  return {
    close: async () => {
      for (const part of started.reverse()) await part.close();
    },
  };
});
