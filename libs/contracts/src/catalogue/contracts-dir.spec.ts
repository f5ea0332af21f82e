import { join } from 'node:path';
import { REPO_CONTRACTS_DIR } from '../testing/temp-contracts.fixture';
import { resolveContractsDir } from './contracts-dir';
import { loadCatalogue } from './load-catalogue';

describe('resolveContractsDir', () => {
  it('prefers the directory it is given', () => {
    expect(resolveContractsDir('/srv/contracts', { JOINEDUP_CONTRACTS_DIR: '/elsewhere' })).toBe(
      '/srv/contracts',
    );
  });

  it('then JOINEDUP_CONTRACTS_DIR', () => {
    expect(resolveContractsDir(undefined, { JOINEDUP_CONTRACTS_DIR: '/elsewhere' })).toBe(
      '/elsewhere',
    );
  });

  it("else finds the repository's contracts directory above the library", () => {
    expect(resolveContractsDir(undefined, {})).toBe(join(REPO_CONTRACTS_DIR));
  });

  it('lets loadCatalogue run with no arguments', () => {
    expect(loadCatalogue().events.length).toBeGreaterThan(0);
  });
});
