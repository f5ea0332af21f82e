import { BartecXmlFeed } from '../council/council-config.types';
import { LegacyWasteError } from '../errors/legacy-waste.error';
import { ParsedChunk, SourceParser, SourceProblem, SourceRecord } from '../parsing/source-record';
import { SourceDecoder } from '../text/source-decoder';
import {
  bartecErrorsIn,
  bartecXmlParser,
  isObject,
  recordsIn,
  soapBodyOf,
  soapFaultOf,
  textOf,
  XmlObject,
  xmlSyntaxProblem,
} from './bartec-response';

/** Bartec writes 1900-01-01 (midnight) where a date is absent: a closed date of an open case. */
const NO_DATE = /^1900-01-01(?:[T ]|$)/;
/** A path segment selecting one item of a repeated element: `extendedData[FieldName=REG]`. */
const SELECTOR = /^([^[\]]+)\[([^=\]]+)=([^\]]*)\]$/;

/**
 * Reads a saved Bartec SOAP 1.2 answer (ServiceRequests_Get, Premises_Events_Get) as records:
 * one per `recordElement`, whether Bartec sent one (as an object) or many. Each column is a
 * dotted path in the record (`EventType.Description`, `Location.Metric.@Latitude`,
 * `extendedData[FieldName=REG].FieldValue`). A year-1900 date reads as absent. An answer
 * carrying `Errors.Error` entries, or a SOAP Fault, delivers no records: each error becomes a
 * problem naming it. The answer is parsed whole, so it is refused above `maxBytes`.
 */
export class BartecXmlRecordParser implements SourceParser {
  constructor(
    private readonly feed: BartecXmlFeed,
    /** The paths the mapping reads, which become the record's columns. */
    private readonly columns: readonly string[],
  ) {}

  async *parse(input: AsyncIterable<Buffer>, file: string): AsyncGenerator<ParsedChunk> {
    const text = await this.readText(input, file);
    const syntax = xmlSyntaxProblem(text);
    if (syntax !== undefined) throw unreadable(file, `not well-formed XML: ${syntax}`);
    const body = soapBodyOf(bartecXmlParser(this.feed.recordElement).parse(text) as XmlObject);
    if (body === undefined) {
      throw unreadable(file, 'expected a SOAP envelope (Envelope with a Body) as the root');
    }
    const fault = soapFaultOf(body);
    if (fault !== undefined) {
      yield this.errorChunk([{ line: 1, field: 'Fault', value: 'soap:Fault', reason: fault }]);
      return;
    }
    const errors = bartecErrorsIn(body);
    if (errors.length > 0) {
      const line = lineOf(text, /<(?:[\w.-]+:)?Errors[\s>]/);
      yield this.errorChunk(
        errors.map((error) => ({
          line,
          field: 'Errors.Error',
          value: `Result ${error.result}`,
          reason: `Bartec answered with an error: ${error.message || '(no message)'}`,
        })),
      );
      return;
    }
    yield { columns: this.columns, records: this.recordsOf(body, text), problems: [] };
  }

  private recordsOf(body: XmlObject, text: string): SourceRecord[] {
    const elements = recordsIn(body, this.feed.recordElement);
    const lines = recordLines(text, this.feed.recordElement);
    return elements.map((element, index) => ({
      line: lines[index] ?? 1,
      values: this.columns.map((path) => valueAt(element, path)),
    }));
  }

  private errorChunk(problems: SourceProblem[]): ParsedChunk {
    return { columns: this.columns, records: [], problems };
  }

  private async readText(input: AsyncIterable<Buffer>, file: string): Promise<string> {
    const decoder = new SourceDecoder(this.feed.encoding, file);
    const parts: string[] = [];
    let bytes = 0;
    for await (const chunk of input) {
      bytes += chunk.length;
      if (bytes > this.feed.maxBytes) {
        throw unreadable(
          file,
          `larger than the ${this.feed.maxBytes} bytes a Bartec answer may have: ` +
            'ask for fewer records per call, or raise the feed maxBytes',
        );
      }
      parts.push(decoder.write(chunk));
    }
    parts.push(decoder.end());
    return parts.join('');
  }
}

/** The text at a dotted path, or undefined where the record has none (or a 1900 date). */
export function valueAt(record: XmlObject, path: string): string | undefined {
  let current: unknown = record;
  for (const segment of path.split('.')) {
    current = step(current, segment);
    if (current === undefined) return undefined;
  }
  const text = textOf(Array.isArray(current) ? current[0] : current);
  return text !== undefined && NO_DATE.test(text) ? undefined : text;
}

function step(node: unknown, segment: string): unknown {
  const selector = SELECTOR.exec(segment);
  const name = selector === null ? segment : selector[1];
  const items = (Array.isArray(node) ? node : [node]).filter(isObject);
  const values = items.map((item) => item[name]).filter((value) => value !== undefined);
  const flat = values.flatMap((value) => (Array.isArray(value) ? value : [value]));
  if (selector === null) return flat.length <= 1 ? flat[0] : flat;
  const [, , key, wanted] = selector;
  return flat.find((item) => isObject(item) && textOf(item[key]) === wanted);
}

/** The line each record element starts on, in document order. */
function recordLines(text: string, element: string): number[] {
  const opening = new RegExp(`<(?:[\\w.-]+:)?${escapeRegExp(element)}[\\s>/]`, 'g');
  const lines: number[] = [];
  let line = 1;
  let scanned = 0;
  for (const match of text.matchAll(opening)) {
    line += countNewlines(text, scanned, match.index);
    scanned = match.index;
    lines.push(line);
  }
  return lines;
}

function lineOf(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  return match === null ? 1 : 1 + countNewlines(text, 0, match.index);
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) {
    count += 1;
  }
  return count;
}

function unreadable(file: string, reason: string): LegacyWasteError {
  return new LegacyWasteError('FILE_UNREADABLE', `${file}: ${reason}`, { file });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
