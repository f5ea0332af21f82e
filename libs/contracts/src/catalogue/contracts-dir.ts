import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const CONTRACTS_DIR_ENV = 'JOINEDUP_CONTRACTS_DIR';
export const CATALOGUE_FILE = 'catalogue.json';

/**
 * The contracts directory: the one given, else JOINEDUP_CONTRACTS_DIR, else the nearest
 * `contracts/` with a catalogue above this file. Searching upwards from here rather than from
 * the working directory finds the repository's contracts from both the TypeScript sources and
 * the compiled dist/ tree, wherever the process was started.
 */
export function resolveContractsDir(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (explicit !== undefined) return resolve(explicit);
  const fromEnv = env[CONTRACTS_DIR_ENV];
  if (fromEnv) return resolve(fromEnv);

  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'contracts');
    if (existsSync(join(candidate, CATALOGUE_FILE))) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error(
    `no contracts directory with ${CATALOGUE_FILE} found above ${__dirname}; ` +
      `set ${CONTRACTS_DIR_ENV} to the repository's contracts directory`,
  );
}
