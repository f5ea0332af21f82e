import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GeneratedFile } from './generate-contract-types';

export interface StaleFile {
  file: string;
  reason: 'differs' | 'missing' | 'not generated';
}

/**
 * Writes the generated files into `dir`, formatted by prettier with the project's config, and
 * removes generated .ts files the contracts no longer produce.
 */
export function writeGeneratedFiles(
  dir: string,
  files: GeneratedFile[],
  prettierConfig: string,
): void {
  mkdirSync(dir, { recursive: true });
  const wanted = new Set(files.map((file) => file.name));
  for (const name of listTypeScript(dir)) {
    if (!wanted.has(name)) rmSync(join(dir, name));
  }
  for (const file of files) writeFileSync(join(dir, file.name), file.content);
  formatWithPrettier(
    files.map((file) => join(dir, file.name)),
    prettierConfig,
  );
}

/**
 * The committed files in `dir` that differ from a fresh generation: regenerates into a
 * temporary directory, formats it the same way, and compares file by file.
 */
export function findStaleGeneratedFiles(
  dir: string,
  files: GeneratedFile[],
  prettierConfig: string,
): StaleFile[] {
  const scratch = mkdtempSync(join(tmpdir(), 'joinedup-contract-types-'));
  try {
    writeGeneratedFiles(scratch, files, prettierConfig);
    const stale: StaleFile[] = [];
    for (const file of files) {
      const committed = join(dir, file.name);
      if (!existsSync(committed)) {
        stale.push({ file: committed, reason: 'missing' });
      } else if (
        readFileSync(committed, 'utf8') !== readFileSync(join(scratch, file.name), 'utf8')
      ) {
        stale.push({ file: committed, reason: 'differs' });
      }
    }
    const wanted = new Set(files.map((file) => file.name));
    for (const name of listTypeScript(dir)) {
      if (!wanted.has(name)) stale.push({ file: join(dir, name), reason: 'not generated' });
    }
    return stale;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function listTypeScript(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.endsWith('.ts'));
}

/**
 * Prettier runs in a child process: its API loads plugins through dynamic import(), which
 * jest's module sandbox refuses, and one process for all files costs about a second.
 */
function formatWithPrettier(paths: string[], prettierConfig: string): void {
  const cli = require.resolve('prettier/bin/prettier.cjs');
  execFileSync(
    process.execPath,
    [cli, '--config', prettierConfig, '--log-level', 'warn', '--write', ...paths],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
}
