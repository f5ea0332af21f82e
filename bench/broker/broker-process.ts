import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { firstLine } from '../support/measure';

/** The built broker app in its own process, as `npm run broker` runs it. */
export async function startBrokerProcess(
  dataDir: string,
  extraArgs: string[] = [],
): Promise<{ child: ChildProcess; bootstrap: string }> {
  const main = path.resolve(__dirname, '..', '..', 'apps', 'broker', 'src', 'main.js');
  const child = spawn(process.execPath, [main, '--port=0', `--data-dir=${dataDir}`, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, JOINEDUP_LOG_LEVEL: 'info' },
  });
  const line = await firstLine(child, /"broker listening"/).catch(async () => {
    throw new Error('broker did not start');
  });
  const { port } = JSON.parse(line) as { port: number };
  return { child, bootstrap: `127.0.0.1:${port}` };
}
