import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CouncilRegistry } from '../council/council-registry';
import { ParsedChunk, SourceParser } from '../parsing/source-record';

const ROOT = resolve(__dirname, '..', '..', '..', '..');

/** The councils configured in the repository (config/councils). */
export const COUNCILS_DIR = resolve(ROOT, 'config', 'councils');
/** The sample legacy files (examples/waste). */
export const EXAMPLES_DIR = resolve(ROOT, 'examples', 'waste');

/** The contracts' published test key, bytes 0 to 31 (never a council's real key). */
export const TEST_PSEUDONYM_KEY = Buffer.from(Array.from({ length: 32 }, (_, index) => index));

export function adurRegistry(): CouncilRegistry {
  return CouncilRegistry.load(COUNCILS_DIR, TEST_PSEUDONYM_KEY);
}

export function exampleBytes(name: string): Buffer {
  return readFileSync(resolve(EXAMPLES_DIR, name));
}

/** Bytes as a stream of chunks of the given size, as a file or an upload delivers them. */
export async function* chunked(bytes: Buffer, size = 64 * 1024): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** Every chunk a parser yields for the bytes, merged into one. */
export async function parseAll(
  parser: SourceParser,
  bytes: Buffer,
  chunkSize?: number,
  file = 'test-file',
): Promise<ParsedChunk> {
  const merged: ParsedChunk = { columns: [], records: [], problems: [] };
  for await (const chunk of parser.parse(chunked(bytes, chunkSize), file)) {
    merged.columns = chunk.columns;
    merged.records.push(...chunk.records);
    merged.problems.push(...chunk.problems);
  }
  return merged;
}
