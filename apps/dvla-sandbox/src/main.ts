/**
 * `npm run dvla-sandbox`: a stand-in for DVLA's Vehicle Enquiry Service on this machine, with
 * DVLA's test registrations and the fixture vehicles. Point the DVLA client at it with
 * JOINEDUP_DVLA_BASE_URL (its default is this sandbox's default address).
 */
import { describeSchema, loadConfig } from '@joinedup/config';
import { dvlaSandboxSettings, sandboxOptionsFrom, startDvlaSandbox } from '@joinedup/dvla-sandbox';
import { runMain } from '@joinedup/runtime';

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  process.stdout.write(
    `Usage: npm run dvla-sandbox -- [--flag=value ...]\n\n${describeSchema(dvlaSandboxSettings)}\n`,
  );
  process.exit(0);
}

runMain('dvla-sandbox', async () => {
  const sandbox = await startDvlaSandbox(
    sandboxOptionsFrom(loadConfig(dvlaSandboxSettings, { argv })),
  );
  process.stdout.write(
    [
      '',
      'DVLA sandbox is running:',
      `  Vehicle Enquiry Service  ${sandbox.url}/vehicle-enquiry/v1/vehicles`,
      `  Fixture vehicles         ${sandbox.vehicleCount}, plus ER19BAD ER19NFD ER19THR ER19ERR ER19MNT`,
      `  API keys                 ${sandbox.acceptsAnyKey ? 'any non-empty x-api-key' : 'the configured keys only'}`,
      `  Controls                 ${sandbox.url}/sandbox/requests, /sandbox/faults, /sandbox/latency, /sandbox/reset`,
      'Stop it with Ctrl+C.',
      '',
    ].join('\n') + '\n',
  );
  return sandbox;
});
