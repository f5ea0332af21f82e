import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { reasonOf } from '../errors/cli.error';

/** Where an event came from: a file, and its line when the file holds one event per line. */
export interface SourceLocation {
  file: string;
  line?: number;
}

export type FileEntry =
  | { kind: 'event'; at: SourceLocation; json: unknown }
  | { kind: 'unreadable'; at: SourceLocation; reason: string };

/** Extensions that always mean one JSON event per line, read as a stream whatever the size. */
const NDJSON_EXTENSIONS = new Set(['.ndjson', '.jsonl']);

export function formatLocation(at: SourceLocation): string {
  return at.line === undefined ? at.file : `${at.file}:${at.line}`;
}

/**
 * The events of a file: one JSON document (contracts/examples/*.json), or NDJSON, one event
 * per line. A .json file that is not one document but whose first line is an object is read
 * as NDJSON. A line or document that is not JSON is yielded as unreadable, with its line.
 */
export async function* readEventFile(file: string): AsyncGenerator<FileEntry> {
  try {
    if (NDJSON_EXTENSIONS.has(extname(file).toLowerCase())) {
      yield* ndjsonLines(file, streamLines(file));
      return;
    }
    const text = await readFile(file, 'utf8');
    const document = parseJson(text);
    if (document.ok) {
      yield documentEntry(file, document.value);
    } else if (looksLikeNdjson(text)) {
      yield* ndjsonLines(file, textLines(text));
    } else {
      const place =
        document.offset === undefined ? undefined : lineAndColumn(text, document.offset);
      const where = place ? ` at column ${place.column}` : '';
      yield {
        kind: 'unreadable',
        at: { file, line: place?.line },
        reason: `not JSON: ${document.reason}${where}`,
      };
    }
  } catch (err) {
    yield { kind: 'unreadable', at: { file }, reason: `cannot be read: ${reasonOf(err)}` };
  }
}

function documentEntry(file: string, value: unknown): FileEntry {
  if (isObject(value)) return { kind: 'event', at: { file }, json: value };
  return {
    kind: 'unreadable',
    at: { file },
    reason:
      'expected one event as a JSON object; write several events one per line (NDJSON), ' +
      `found ${Array.isArray(value) ? 'an array' : typeof value}`,
  };
}

async function* ndjsonLines(
  file: string,
  lines: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<FileEntry> {
  let number = 0;
  for await (const text of lines) {
    number++;
    if (text.trim().length === 0) continue;
    const at = { file, line: number };
    const parsed = parseJson(text);
    if (!parsed.ok) {
      const reason = `not JSON: ${parsed.reason} at column ${parsed.offset + 1}`;
      yield { kind: 'unreadable', at, reason };
    } else if (!isObject(parsed.value)) {
      yield { kind: 'unreadable', at, reason: 'expected an event as a JSON object' };
    } else {
      yield { kind: 'event', at, json: parsed.value };
    }
  }
}

function streamLines(file: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(file), crlfDelay: Infinity });
}

function textLines(text: string): string[] {
  return text.split(/\r?\n/);
}

function looksLikeNdjson(text: string): boolean {
  const lines = textLines(text).filter((line) => line.trim().length > 0);
  if (lines.length < 2) return false;
  const first = parseJson(lines[0]);
  return first.ok && isObject(first.value);
}

type Parsed = { ok: true; value: unknown } | { ok: false; reason: string; offset: number };

const END_OF_INPUT = 'Unexpected end of JSON input';

/**
 * JSON.parse with the failure in words and its offset. V8 quotes the offending text in some
 * messages; that text may be personal data, so the quote is cut. The bad character is quoted
 * as JSON, so that a line break in it does not break the report's line.
 */
function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const message = reasonOf(err)
      .replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '')
      .replace(
        /^Unexpected token '(.)'/s,
        (_, token: string) => `Unexpected token ${JSON.stringify(token)}`,
      );
    const position = /^(.*) in JSON at position (\d+)$/s.exec(message);
    if (position) return { ok: false, reason: position[1], offset: Number(position[2]) };
    const offset = message === END_OF_INPUT ? text.length : firstBadOffset(text);
    return { ok: false, reason: message, offset };
  }
}

/**
 * Where text that JSON.parse refused stops being valid, for the messages in which V8 names no
 * position ("Unexpected token"). Every prefix of valid JSON is itself the start of some JSON
 * text and no prefix past the error is, so a binary search over prefixes finds the error.
 */
function firstBadOffset(text: string): number {
  let viable = 0;
  let notViable = text.length;
  while (notViable - viable > 1) {
    const middle = Math.floor((viable + notViable) / 2);
    if (startsJson(text.slice(0, middle))) viable = middle;
    else notViable = middle;
  }
  return viable;
}

/** True when the text parses, or fails only because it ends too soon. */
function startsJson(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (err) {
    const message = reasonOf(err);
    if (message === END_OF_INPUT) return true;
    const position = / in JSON at position (\d+)$/.exec(message);
    return position !== null && Number(position[1]) >= prefix.length;
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
