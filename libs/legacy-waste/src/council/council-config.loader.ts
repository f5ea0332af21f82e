import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateGssCode } from '@joinedup/contracts';
import { LegacyWasteError } from '../errors/legacy-waste.error';
import { ContractSet } from '../mapping/contract-set';
import {
  CouncilConfig,
  FeedConfig,
  FeedFormat,
  FeedMapping,
  FixedWidthLayout,
  SourceEncoding,
} from './council-config.types';
import { isObject, validateFeedMapping } from './feed-mapping.validator';
import { validateLayout } from './layout.validator';

export const COUNCIL_FILE = 'council.json';
const FORMATS: readonly FeedFormat[] = ['csv', 'fixed-width', 'bartec-xml'];
const ENCODINGS: readonly SourceEncoding[] = ['auto', 'utf-8', 'windows-1252'];
const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DEFAULT_MAX_PREAMBLE_ROWS = 20;
const DEFAULT_MAX_XML_BYTES = 32 * 1024 * 1024;

type Json = Record<string, unknown>;

/**
 * Reads `<dir>/council.json` and the mapping and layout files its feeds name, checks them all
 * against the contracts, and throws one COUNCIL_CONFIG_INVALID error listing every problem
 * by file and JSON path, so that a council's configuration is fixed in one pass.
 */
export function loadCouncilConfig(dir: string, contracts: ContractSet): CouncilConfig {
  const file = join(dir, COUNCIL_FILE);
  const raw = readJson(file);
  const problems: string[] = [];
  if (!isObject(raw)) throw invalid(file, ['expected a JSON object']);

  const id = requireName(raw, 'id', problems);
  const name = typeof raw.name === 'string' ? raw.name : id;
  let gssCode = '';
  try {
    gssCode = validateGssCode(raw.gssCode, 'gssCode');
  } catch (err) {
    problems.push((err as Error).message);
  }
  const feeds = new Map<string, FeedConfig>();
  const rawFeeds = isObject(raw.feeds) ? raw.feeds : {};
  if (Object.keys(rawFeeds).length === 0) problems.push('feeds: expected at least one feed');
  for (const [feedName, feed] of Object.entries(rawFeeds)) {
    const loaded = loadFeed(dir, feedName, feed, contracts, problems);
    if (loaded !== undefined) feeds.set(feedName, loaded);
  }
  if (problems.length > 0) throw invalid(file, problems);
  return { id, name, gssCode, feeds };
}

/** Every council under a directory: each sub-directory holding a council.json. */
export function loadCouncilConfigs(councilsDir: string, contracts: ContractSet): CouncilConfig[] {
  if (!existsSync(councilsDir)) {
    throw invalid(councilsDir, ['the councils directory does not exist']);
  }
  return readdirSync(councilsDir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(councilsDir, entry.name, COUNCIL_FILE)),
    )
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((entry) => loadCouncilConfig(join(councilsDir, entry.name), contracts));
}

function loadFeed(
  dir: string,
  feedName: string,
  raw: unknown,
  contracts: ContractSet,
  problems: string[],
): FeedConfig | undefined {
  const at = `feeds.${feedName}`;
  if (!NAME.test(feedName))
    problems.push(`${at}: the feed name must be lower-case words joined by -`);
  if (!isObject(raw)) {
    problems.push(`${at}: expected an object with format and mapping`);
    return undefined;
  }
  const format = raw.format as FeedFormat;
  if (!FORMATS.includes(format)) {
    problems.push(
      `${at}.format: ${JSON.stringify(raw.format)} is not one of ${FORMATS.join(', ')}`,
    );
    return undefined;
  }
  const encoding = (raw.encoding ?? 'auto') as SourceEncoding;
  if (!ENCODINGS.includes(encoding)) {
    problems.push(
      `${at}.encoding: ${JSON.stringify(raw.encoding)} is not one of ${ENCODINGS.join(', ')}`,
    );
  }
  const mapping = readPart(dir, raw.mapping, `${at}.mapping`, problems, (json) =>
    validateFeedMapping(json, contracts),
  ) as FeedMapping | undefined;
  const layout =
    format === 'fixed-width'
      ? (readPart(dir, raw.layout, `${at}.layout`, problems, validateLayout) as FixedWidthLayout)
      : undefined;
  if (mapping === undefined) return undefined;
  const base = { name: feedName, encoding, mapping };

  switch (format) {
    case 'csv': {
      const delimiter = raw.delimiter ?? ',';
      if (typeof delimiter !== 'string' || delimiter.length !== 1 || delimiter === '"') {
        problems.push(`${at}.delimiter: expected one character other than a quote`);
      }
      const maxPreambleRows = positiveInteger(raw.maxPreambleRows, DEFAULT_MAX_PREAMBLE_ROWS);
      return { ...base, format, delimiter: String(delimiter), maxPreambleRows };
    }
    case 'fixed-width':
      return layout === undefined ? undefined : { ...base, format, layout };
    case 'bartec-xml': {
      if (typeof raw.recordElement !== 'string' || raw.recordElement.length === 0) {
        problems.push(`${at}.recordElement: expected the record element name, e.g. ServiceRequest`);
      }
      const maxBytes = positiveInteger(raw.maxBytes, DEFAULT_MAX_XML_BYTES);
      return { ...base, format, recordElement: String(raw.recordElement), maxBytes };
    }
  }
}

/** Reads a file a feed names, relative to the council directory, and validates it. */
function readPart(
  dir: string,
  name: unknown,
  at: string,
  problems: string[],
  validate: (json: unknown) => string[],
): unknown {
  if (typeof name !== 'string') {
    problems.push(`${at}: expected the name of a file in ${dir}`);
    return undefined;
  }
  const file = join(dir, name);
  let json: unknown;
  try {
    json = readJson(file);
  } catch (err) {
    problems.push(`${at}: ${(err as Error).message}`);
    return undefined;
  }
  const found = validate(json);
  problems.push(...found.map((problem) => `${name}: ${problem}`));
  return found.length === 0 ? json : undefined;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw invalid(file, [`cannot be read: ${(err as NodeJS.ErrnoException).code ?? err}`], err);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw invalid(file, [`is not JSON: ${(err as Error).message}`], err);
  }
}

function requireName(raw: Json, key: string, problems: string[]): string {
  const value = raw[key];
  if (typeof value === 'string' && NAME.test(value)) return value;
  problems.push(
    `${key}: ${JSON.stringify(value)} is not valid: expected lower-case words joined by -`,
  );
  return '';
}

function positiveInteger(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

function invalid(file: string, found: string[], cause?: unknown): LegacyWasteError {
  // A mapping file shared by two feeds would otherwise list its problems twice.
  const problems = [...new Set(found)];
  return new LegacyWasteError(
    'COUNCIL_CONFIG_INVALID',
    `${file} is not a valid council configuration:\n  ${problems.join('\n  ')}`,
    { file, problems: problems.length },
    { cause },
  );
}
