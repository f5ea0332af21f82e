import { spawn } from 'node:child_process';

export interface KcatResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs Debian's kcat (librdkafka) with the given arguments and standard input. */
export function kcat(
  args: string[],
  input?: Buffer | string,
  timeoutMs = 30_000,
): Promise<KcatResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`kcat ${args.join(' ')} timed out after ${timeoutMs} ms; stderr: ${stderr}`),
      );
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr });
    });
    child.stdin.end(input ?? '');
  });
}

/** kcat, failing the test with its stderr when it exits non-zero. */
export async function kcatOk(
  args: string[],
  input?: Buffer | string,
  timeoutMs?: number,
): Promise<Buffer> {
  const result = await kcat(args, input, timeoutMs);
  if (result.code !== 0)
    throw new Error(`kcat ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}
