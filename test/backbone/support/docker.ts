import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

/**
 * Why Docker cannot be used here, or undefined when it can: the daemon's socket (or
 * DOCKER_HOST) must be there, and `docker info` must succeed where the CLI is installed.
 */
export function dockerUnavailableReason(): string | undefined {
  const socket = '/var/run/docker.sock';
  if (!process.env.DOCKER_HOST && !fs.existsSync(socket)) {
    return `no Docker daemon: ${socket} is missing and DOCKER_HOST is not set`;
  }
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 15_000 });
    return undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return 'no Docker daemon: `docker info` failed';
  }
}

/**
 * Runs `body` where Docker works; elsewhere skips it with a one-line reason. Unlike the Debian
 * tools, Docker is not required in CI (JOINEDUP_REQUIRE_TOOLS does not apply): CI runs without it.
 */
export function describeWithDocker(name: string, body: () => void): void {
  const reason = dockerUnavailableReason();
  if (reason === undefined) {
    describe(name, body);
    return;
  }
  process.stderr.write(`skipping "${name}": ${reason}\n`);
  describe.skip(name, body);
}
