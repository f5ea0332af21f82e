import { execFileSync } from 'node:child_process';

/**
 * Tests that need a Debian package skip with a one-line reason when it is absent. CI sets
 * JOINEDUP_REQUIRE_TOOLS=1, which turns that skip into a failure so interop tests cannot pass
 * by being skipped.
 */
export function toolAvailable(command: string, probeArgs: string[] = ['-V']): boolean {
  try {
    execFileSync(command, probeArgs, { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

export function describeWithTool(
  command: string,
  packageName: string,
  name: string,
  body: () => void,
  probeArgs?: string[],
): void {
  if (toolAvailable(command, probeArgs)) {
    describe(name, body);
    return;
  }
  const reason = `${command} not found: install the Debian package ${packageName}`;
  if (process.env.JOINEDUP_REQUIRE_TOOLS === '1') {
    describe(name, () => {
      it('has its required tool', () => {
        throw new Error(`${reason} (required because JOINEDUP_REQUIRE_TOOLS=1)`);
      });
    });
    return;
  }
  process.stderr.write(`skipping "${name}": ${reason}\n`);
  describe.skip(name, body);
}
