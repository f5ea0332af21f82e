/**
 * npm run contracts:generate  writes libs/contracts/src/generated from contracts/.
 * npm run contracts:check     exits 1, naming each stale file, when the committed types differ
 *                             from what the contracts generate now.
 * Run from the repository root (npm does).
 */
import { join, relative } from 'node:path';
import {
  findStaleGeneratedFiles,
  generateContractTypes,
  loadCatalogue,
  writeGeneratedFiles,
} from '@joinedup/contracts/tooling';

const root = process.cwd();
const contractsDir = join(root, 'contracts');
const generatedDir = join(root, 'libs', 'contracts', 'src', 'generated');
const prettierConfig = join(root, '.prettierrc');

function main(argv: string[]): number {
  const files = generateContractTypes(loadCatalogue(contractsDir));
  if (!argv.includes('--check')) {
    writeGeneratedFiles(generatedDir, files, prettierConfig);
    process.stdout.write(`wrote ${files.length} files to ${relative(root, generatedDir)}\n`);
    return 0;
  }

  const stale = findStaleGeneratedFiles(generatedDir, files, prettierConfig);
  if (stale.length === 0) {
    process.stdout.write(`${relative(root, generatedDir)} is up to date with contracts/\n`);
    return 0;
  }
  for (const file of stale) {
    process.stderr.write(`stale: ${relative(root, file.file)} (${file.reason})\n`);
  }
  process.stderr.write('run npm run contracts:generate and commit the result\n');
  return 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
