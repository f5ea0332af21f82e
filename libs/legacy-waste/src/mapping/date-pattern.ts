import { SourceTimeZone } from '../council/council-config.types';

/** The parts of a date or time read from a source value. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC when the value said (`+01:00`, `Z`); undefined for a local time. */
  offsetMinutes?: number;
}

export type DateReader = (text: string) => DateParts | undefined;

/** Each token's capture group and the date part it fills. */
const TOKENS: Record<string, { group: string; part: NumericPart }> = {
  yyyy: { group: '(\\d{4})', part: 'year' },
  MM: { group: '(\\d{1,2})', part: 'month' },
  dd: { group: '(\\d{1,2})', part: 'day' },
  HH: { group: '(\\d{1,2})', part: 'hour' },
  mm: { group: '(\\d{2})', part: 'minute' },
  ss: { group: '(\\d{2})', part: 'second' },
  SSS: { group: '(\\d{3})', part: 'millisecond' },
};
type NumericPart = Exclude<keyof DateParts, 'offsetMinutes'>;
const TOKEN = /yyyy|MM|dd|HH|mm|ss|SSS/g;

/** ISO 8601 as legacy systems write it: a date, optionally a time, optionally an offset. */
const ISO =
  /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})(?:[T ](?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:\.(?<fraction>\d{1,9}))?)?)?(?<offset>Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Compiles a date pattern such as `dd/MM/yyyy HH:mm` (or `iso`) into a reader that returns the
 * parts of a value, or undefined when the value does not have the pattern's shape or names a
 * day that does not exist (31/02/2026). Fixed-width patterns such as `yyyyMMdd` work because
 * each token has a fixed width there.
 */
export function compileDatePattern(pattern: string): DateReader {
  if (pattern === 'iso') return readIso;
  const adjacent = /(?:yyyy|MM|dd|HH|mm|ss)(?:yyyy|MM|dd|HH|mm|ss)/.test(pattern);
  const order: NumericPart[] = [];
  let source = '';
  let last = 0;
  for (const match of pattern.matchAll(TOKEN)) {
    const token = TOKENS[match[0]];
    source += escapeRegExp(pattern.slice(last, match.index));
    // Adjacent tokens (yyyyMMdd) only split at fixed widths; separated ones accept 1/2/2026.
    source += adjacent ? token.group.replace('\\d{1,2}', '\\d{2}') : token.group;
    order.push(token.part);
    last = match.index + match[0].length;
  }
  source += escapeRegExp(pattern.slice(last));
  const regex = new RegExp(`^${source}$`);
  return (text) => {
    const match = regex.exec(text);
    if (match === null) return undefined;
    const parts: DateParts = {
      year: 0,
      month: 1,
      day: 1,
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
    };
    for (let index = 0; index < order.length; index += 1) parts[order[index]] = +match[index + 1];
    return checked(parts);
  };
}

/** A human description of a pattern for rejection reasons: `a date like 31/12/2026 14:05`. */
export function describeDatePattern(pattern: string): string {
  if (pattern === 'iso') return 'an ISO 8601 date or date-time, e.g. 2026-12-31T14:05:00';
  const example = pattern
    .replace('yyyy', '2026')
    .replace('MM', '12')
    .replace('dd', '31')
    .replace('HH', '14')
    .replace('mm', '05')
    .replace('ss', '00')
    .replace('SSS', '000');
  return `a date in the form ${pattern}, e.g. ${example}`;
}

/**
 * The UTC instant of the parts: their own offset when they carry one, else a wall-clock time
 * in the zone. London is UTC+1 from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
 * last Sunday of October (the rule since 1996). A local time in the repeated October hour is
 * read as BST; one in the skipped March hour as GMT.
 */
export function toUtcMillis(parts: DateParts, zone: SourceTimeZone): number {
  const wall = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
    parts.millisecond,
  );
  if (parts.offsetMinutes !== undefined) return wall - parts.offsetMinutes * 60_000;
  if (zone === 'UTC') return wall;
  const asBst = wall - 3_600_000;
  return isBritishSummerTime(asBst, parts.year) ? asBst : wall;
}

/** `YYYY-MM-DD` of the parts, as Avro `date` fields are written in Joined-up. */
export function toIsoDate(parts: DateParts): string {
  const month = String(parts.month).padStart(2, '0');
  const day = String(parts.day).padStart(2, '0');
  return `${String(parts.year).padStart(4, '0')}-${month}-${day}`;
}

const summerTimeByYear = new Map<number, [number, number]>();

function isBritishSummerTime(utcMillis: number, year: number): boolean {
  let range = summerTimeByYear.get(year);
  if (range === undefined) {
    range = [lastSundayAt1Utc(year, 2), lastSundayAt1Utc(year, 9)];
    summerTimeByYear.set(year, range);
  }
  return utcMillis >= range[0] && utcMillis < range[1];
}

function lastSundayAt1Utc(year: number, monthIndex: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
  const sunday = lastDay.getUTCDate() - lastDay.getUTCDay();
  return Date.UTC(year, monthIndex, sunday, 1);
}

function readIso(text: string): DateParts | undefined {
  const groups = ISO.exec(text)?.groups;
  if (groups === undefined) return undefined;
  const parts = partsOf(groups);
  if (groups.fraction !== undefined) {
    parts.millisecond = Number(groups.fraction.padEnd(3, '0').slice(0, 3));
  }
  if (groups.offset !== undefined) parts.offsetMinutes = offsetOf(groups.offset);
  return checked(parts);
}

function offsetOf(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

function partsOf(groups: Record<string, string | undefined>): DateParts {
  return {
    year: Number(groups.year),
    month: Number(groups.month),
    day: Number(groups.day),
    hour: Number(groups.hour ?? 0),
    minute: Number(groups.minute ?? 0),
    second: Number(groups.second ?? 0),
    millisecond: Number(groups.millisecond ?? 0),
  };
}

function checked(parts: DateParts): DateParts | undefined {
  const { year, month, day, hour, minute, second } = parts;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth ? parts : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
