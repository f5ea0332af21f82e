import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { firstLine } from '../support/measure';

/** The built schema registry app in its own process, storing schemas on the given broker. */
export async function startRegistryProcess(
  bootstrap: string,
): Promise<{ child: ChildProcess; url: string }> {
  const main = path.resolve(__dirname, '..', '..', 'apps', 'registry', 'src', 'main.js');
  const child = spawn(
    process.execPath,
    [main, '--port=0', `--kafka-brokers=${bootstrap}`, '--kafka-client-id=bench-csv-registry'],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, JOINEDUP_LOG_LEVEL: 'info' } },
  );
  const line = await firstLine(child, /"schema registry listening"/).catch(() => {
    throw new Error('the schema registry did not start');
  });
  const { url } = JSON.parse(line) as { url: string };
  return { child, url };
}
