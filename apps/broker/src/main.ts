import { Broker, brokerSettings, loadBrokerConfig } from '@joinedup/broker';
import { describeSchema } from '@joinedup/config';
import { runMain } from '@joinedup/runtime';

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  process.stdout.write(
    `Usage: npm run broker -- [--flag=value ...]\n\n${describeSchema(brokerSettings)}\n`,
  );
  process.exit(0);
}

runMain('broker', async () => Broker.start(loadBrokerConfig(argv)));
