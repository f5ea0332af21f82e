import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One `Errors.Error{Result, Message}` entry of a Bartec answer. */
export interface BartecError {
  result: string;
  message: string;
}

export type XmlObject = Record<string, unknown>;

/** Elements that Bartec sends once or many times; always read as arrays. */
const ALWAYS_ARRAYS = new Set(['Error', 'extendedData', 'ExtendedData']);

/**
 * A parser for Bartec SOAP answers. Namespace prefixes are dropped (Bartec mixes `bar1:`,
 * `soap:` and default namespaces); values stay text, since UPRNs keep their leading zeros;
 * attributes are read as `@name`. The record element is always an array, so that a single
 * result (which Bartec sends as an object) reads like many.
 */
export function bartecXmlParser(recordElement?: string): XMLParser {
  return new XMLParser({
    removeNSPrefix: true,
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => name === recordElement || ALWAYS_ARRAYS.has(name),
  });
}

/** Why the text is not well-formed XML, with its line and column; undefined when it is. */
export function xmlSyntaxProblem(text: string): string | undefined {
  const verdict = XMLValidator.validate(text);
  if (verdict === true) return undefined;
  return `${verdict.err.msg} (line ${verdict.err.line}, column ${verdict.err.col})`;
}

/** The content of the SOAP Body, whichever SOAP version and prefixes were used. */
export function soapBodyOf(document: XmlObject): XmlObject | undefined {
  const envelope = objectAt(document, 'Envelope');
  return envelope === undefined ? undefined : objectAt(envelope, 'Body');
}

/** A SOAP Fault's reason (SOAP 1.2 Reason.Text or SOAP 1.1 faultstring), if the body is one. */
export function soapFaultOf(body: XmlObject): string | undefined {
  const fault = objectAt(body, 'Fault');
  if (fault === undefined) return undefined;
  const reason = objectAt(fault, 'Reason');
  const text = reason === undefined ? fault.faultstring : reason.Text;
  return textOf(text) ?? 'a SOAP Fault without a reason';
}

/**
 * Every `Errors.Error` under the node that reports a failure. Bartec also sends an Error with
 * Result 0 and no message on success, which is not an error.
 */
export function bartecErrorsIn(node: unknown): BartecError[] {
  const found: BartecError[] = [];
  visit(node, (key, value) => {
    if (key !== 'Errors' || !isObject(value)) return;
    for (const entry of asArray(value.Error)) {
      if (!isObject(entry)) continue;
      const result = textOf(entry.Result) ?? '';
      const message = textOf(entry.Message) ?? '';
      if (message.length > 0 || (result.length > 0 && result !== '0')) {
        found.push({ result, message });
      }
    }
  });
  return found;
}

/** The first array of `element` found walking the tree depth first, or an empty list. */
export function recordsIn(node: unknown, element: string): XmlObject[] {
  let records: XmlObject[] | undefined;
  visit(node, (key, value) => {
    if (records === undefined && key === element) records = asArray(value).filter(isObject);
  });
  return records ?? [];
}

/** Text of an element read by bartecXmlParser: plain text, or `#text` beside attributes. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value['#text'] === 'string') return value['#text'];
  return undefined;
}

export function isObject(value: unknown): value is XmlObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(node: XmlObject, key: string): XmlObject | undefined {
  const value = node[key];
  return isObject(value) ? value : undefined;
}

function asArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function visit(node: unknown, onEntry: (key: string, value: unknown) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item) => visit(item, onEntry));
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    onEntry(key, value);
    visit(value, onEntry);
  }
}
