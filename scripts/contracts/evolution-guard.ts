/**
 * npm run contracts:guard  checks every contract in the working tree against every earlier
 * committed version under its subject's compatibility level, and exits 1 naming the file,
 * commit, field and rule of each break. Run from the repository root (npm does).
 */
import { join } from 'node:path';
import { describeEvolutionFailure, runEvolutionGuard } from '@joinedup/contracts/tooling';

function main(): number {
  const report = runEvolutionGuard({ contractsDir: join(process.cwd(), 'contracts') });
  for (const note of report.notes) process.stdout.write(`${note}\n`);
  if (report.ok) {
    process.stdout.write('contracts:guard passed\n');
    return 0;
  }
  for (const failure of report.failures) {
    process.stderr.write(`${describeEvolutionFailure(failure)}\n`);
  }
  process.stderr.write(`contracts:guard failed: ${report.failures.length} incompatibility(ies)\n`);
  return 1;
}

try {
  process.exitCode = main();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
