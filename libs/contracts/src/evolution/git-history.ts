import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';

/** Read-only access to the versions of files in a git repository's history. */
export class GitHistory {
  private constructor(readonly root: string) {}

  /**
   * The repository holding `dir`, or undefined when `dir` is not in a git work tree or the
   * repository has no commits yet: either way there is no history to compare with.
   */
  static open(dir: string): GitHistory | undefined {
    const root = tryGit(realpathSync(dir), ['rev-parse', '--show-toplevel']);
    if (root === undefined) return undefined;
    const history = new GitHistory(realpathSync(root.trim()));
    return tryGit(history.root, ['rev-parse', '--verify', '--quiet', 'HEAD']) === undefined
      ? undefined
      : history;
  }

  /** Commits that changed any of `paths` (relative to the root), oldest first. */
  commitsTouching(paths: string[]): string[] {
    const log = tryGit(this.root, ['log', '--format=%H', '--', ...paths]) ?? '';
    return log.split('\n').filter(Boolean).reverse();
  }

  /** The file's text at `commit`, or undefined when it did not exist there. */
  fileAt(commit: string, path: string): string | undefined {
    return tryGit(this.root, ['show', `${commit}:${path}`]);
  }
}

function tryGit(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return undefined;
  }
}
