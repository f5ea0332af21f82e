import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';

/** The stages a dropped file moves through, each a folder under the data directory. */
export type DropStage = 'inbox' | 'processing' | 'processed' | 'rejected';

export const DROP_STAGES: readonly DropStage[] = ['inbox', 'processing', 'processed', 'rejected'];

/** Where one council feed's files are at one stage: `<dataDir>/<stage>/<council>/<feed>/`. */
export function stageDir(dataDir: string, stage: DropStage, council: string, feed: string): string {
  return join(dataDir, stage, council, feed);
}

/**
 * A name in `dir` that no file has yet: the name itself, else the name with the time and a
 * counter before its extension, so that a second file of the same name never overwrites the
 * first in processed/ or rejected/.
 */
export function freeName(dir: string, name: string, now: Date): string {
  if (!existsSync(join(dir, name))) return name;
  const extension = extname(name);
  const base = name.slice(0, name.length - extension.length);
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  for (let counter = 1; ; counter += 1) {
    const candidate = `${base}.${stamp}-${counter}${extension}`;
    if (!existsSync(join(dir, candidate))) return candidate;
  }
}

/** Files still being written, by the convention (`*.part`), and hidden files are not taken. */
export function isIncomplete(name: string): boolean {
  return name.startsWith('.') || name.endsWith('.part');
}
