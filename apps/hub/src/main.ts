/**
 * `npm start`: the whole hub on one machine, printing where everything listens. SIGTERM stops
 * the parts in reverse order of starting.
 */
import { describeSchema, loadConfig } from '@joinedup/config';
import { runMain } from '@joinedup/runtime';
import { startHub } from './hub';
import { hubSettings } from './hub-settings';

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  process.stdout.write(
    `Usage: npm start -- [--flag=value ...]\n\n${describeSchema(hubSettings)}\n`,
  );
  process.exit(0);
}

runMain('hub', async () => {
  const hub = await startHub(loadConfig(hubSettings, { argv }));
  process.stdout.write(
    [
      '',
      'Joined-up is running:',
      `  Kafka bootstrap     ${hub.kafka}`,
      `  Schema registry     ${hub.registryUrl}`,
      ...(hub.dvlaSandboxUrl ? [`  DVLA sandbox        ${hub.dvlaSandboxUrl}`] : []),
      'Stop it with Ctrl+C.',
      '',
    ].join('\n') + '\n',
  );
  return hub;
});
