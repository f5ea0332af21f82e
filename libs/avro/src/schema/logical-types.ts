import { Type, types } from 'avsc';

/**
 * The logical types every schema in Joined-up is parsed with (Avro 1.11 spec, "Logical
 * Types"). Each maps a JavaScript value to the underlying Avro type:
 *
 * - `timestamp-millis`: `Date` <-> long milliseconds since the Unix epoch.
 * - `date`: `'YYYY-MM-DD'` string <-> int days since 1970-01-01.
 * - `uuid`: RFC 4122 textual form, checked on write, <-> string.
 * - `decimal`: string of digits such as `'12.50'` <-> two's-complement big-endian unscaled
 *   integer in `bytes` or `fixed`. A string is used rather than a number so that money never
 *   goes through binary floating point.
 *
 * A `_toValue` that returns undefined marks the value invalid; avsc then reports it through
 * `isValid`'s errorHook. Schemas with any other logical type, or with invalid logical type
 * attributes, are read as their underlying type, as the spec requires.
 */

const MILLIS_PER_DAY = 86_400_000;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

const identity = (value: unknown): unknown => value;

/** Integers of up to 15 decimal digits are exact in a double. */
const MAX_EXACT_DIGITS = 15;
/** Integers of up to 14 digits fit Buffer's 6-byte signed writer (2^47 is 1.4e14). */
const MAX_SMALL_DIGITS = 14;
const POWERS_OF_TEN = Array.from({ length: MAX_EXACT_DIGITS + 1 }, (_, i) => 10 ** i);

/**
 * The part of avsc's internal Tap (lib/utils.js in avsc 5.x) the hot paths below use.
 * avsc's LogicalType reads and writes through a getter and two calls that differ for every
 * logical type, which V8 cannot inline; these types read and write their underlying
 * primitive straight off the Tap instead (measured with bench/serde/serde-vs-json.ts).
 */
interface Tap {
  buf: Buffer;
  pos: number;
  readLong(): number;
  writeLong(value: number): void;
  readString(): string;
  writeString(value: string): void;
  writeBytes(value: Buffer): void;
  writeFixed(value: Buffer, length: number): void;
}

/** avsc's writers write whatever they are given; a value that has not been validated may be wrong. */
function unwritable(logicalType: string, value: unknown): TypeError {
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
  return new TypeError(`cannot write ${shown} as ${logicalType}: validate values before encoding`);
}

function isLogical(type: Type, name: string): boolean {
  return Type.isType(type, `logical:${name}`);
}

class TimestampMillisType extends types.LogicalType {
  _read(tap: Tap): Date {
    return new Date(tap.readLong());
  }

  _write(tap: Tap, value: unknown): void {
    const millis = this._toValue(value);
    if (millis === undefined) throw unwritable('timestamp-millis', value);
    tap.writeLong(millis);
  }

  protected override _fromValue(millis: number): Date {
    return new Date(millis);
  }

  protected override _toValue(value: unknown): number | undefined {
    if (!(value instanceof Date)) return undefined;
    const millis = value.getTime();
    return Number.isNaN(millis) ? undefined : millis;
  }

  protected override _resolve(writer: Type): ((value: unknown) => unknown) | undefined {
    if (isLogical(writer, 'timestamp-millis')) return identity;
    if (Type.isType(writer, 'long', 'int')) return (millis) => new Date(millis as number);
    return undefined;
  }
}

class DateType extends types.LogicalType {
  /** avsc checks a value, then writes it: the second conversion is a cache hit. */
  private lastText: string | undefined;
  private lastDays: number | undefined;

  _read(tap: Tap): string {
    return formatIsoDate(tap.readLong());
  }

  _write(tap: Tap, value: unknown): void {
    const days = this._toValue(value);
    if (days === undefined) throw unwritable('date', value);
    tap.writeLong(days);
  }

  protected override _fromValue(days: number): string {
    return formatIsoDate(days);
  }

  protected override _toValue(value: unknown): number | undefined {
    if (typeof value !== 'string') return undefined;
    if (value !== this.lastText) {
      this.lastDays = parseIsoDate(value);
      this.lastText = value;
    }
    return this.lastDays;
  }

  protected override _resolve(writer: Type): ((value: unknown) => unknown) | undefined {
    if (isLogical(writer, 'date')) return identity;
    if (Type.isType(writer, 'int')) return (days) => this._fromValue(days as number);
    return undefined;
  }
}

class UuidType extends types.LogicalType {
  private lastValid: string | undefined;

  _read(tap: Tap): string {
    return tap.readString();
  }

  _write(tap: Tap, value: unknown): void {
    const text = this._toValue(value);
    if (text === undefined) throw unwritable('uuid', value);
    tap.writeString(text);
  }

  protected override _fromValue(text: string): string {
    return text;
  }

  protected override _toValue(value: unknown): string | undefined {
    if (value === this.lastValid) return value as string;
    if (typeof value !== 'string' || !UUID.test(value)) return undefined;
    this.lastValid = value;
    return value;
  }

  protected override _resolve(writer: Type): ((value: unknown) => unknown) | undefined {
    if (isLogical(writer, 'uuid') || Type.isType(writer, 'string')) return identity;
    return undefined;
  }
}

type AvroSchemaArg = ConstructorParameters<typeof types.LogicalType>[0];

interface DecimalAttrs {
  precision?: unknown;
  scale?: unknown;
}

class DecimalType extends types.LogicalType {
  private readonly precision: number;
  private readonly scale: number;
  /** Byte width when the underlying type is `fixed`; undefined for `bytes`. */
  private readonly fixedSize: number | undefined;
  private lastText: string | undefined;
  private lastBytes: Buffer | undefined;

  constructor(schema: AvroSchemaArg, opts?: unknown) {
    super(schema, opts);
    const { precision, scale = 0 } = schema as DecimalAttrs;
    if (!Number.isInteger(precision) || (precision as number) < 1) {
      throw new Error(`decimal precision must be a positive integer, got ${String(precision)}`);
    }
    if (
      !Number.isInteger(scale) ||
      (scale as number) < 0 ||
      (scale as number) > (precision as number)
    ) {
      throw new Error(`decimal scale must be an integer from 0 to precision, got ${String(scale)}`);
    }
    this.precision = precision as number;
    this.scale = scale as number;
    const underlying = this.underlyingType as Type & { size?: number };
    this.fixedSize = Type.isType(underlying, 'fixed') ? underlying.size : undefined;
  }

  /** Reads the unscaled value in place: no copy of the bytes for the common small amounts. */
  _read(tap: Tap): string | undefined {
    const length = this.fixedSize ?? tap.readLong();
    const start = tap.pos;
    tap.pos = start + Math.max(length, 0);
    if (length < 0 || tap.pos > tap.buf.length) {
      tap.pos = tap.buf.length + 1;
      return undefined;
    }
    if (length <= 6 && this.scale <= MAX_EXACT_DIGITS) {
      const unscaled = length === 0 ? 0 : tap.buf.readIntBE(start, length);
      return formatScaledNumber(unscaled, this.scale);
    }
    return this._fromValue(tap.buf.subarray(start, start + length));
  }

  _write(tap: Tap, value: unknown): void {
    const bytes = this._toValue(value);
    if (bytes === undefined) throw unwritable('decimal', value);
    if (this.fixedSize === undefined) tap.writeBytes(bytes);
    else tap.writeFixed(bytes, this.fixedSize);
  }

  protected override _export(attrs: AvroSchemaArg): void {
    Object.assign(attrs as object, { precision: this.precision, scale: this.scale });
  }

  protected override _toValue(value: unknown): Buffer | undefined {
    if (typeof value !== 'string') return undefined;
    if (value !== this.lastText) {
      this.lastBytes = this.encodeText(value);
      this.lastText = value;
    }
    return this.lastBytes;
  }

  protected override _fromValue(bytes: Buffer): string {
    if (bytes.length <= 6 && this.scale <= MAX_EXACT_DIGITS) {
      return formatScaledNumber(
        bytes.length === 0 ? 0 : bytes.readIntBE(0, bytes.length),
        this.scale,
      );
    }
    return formatScaled(decodeTwosComplement(bytes), this.scale);
  }

  protected override _resolve(writer: Type): ((value: unknown) => unknown) | undefined {
    if (isLogical(writer, 'decimal')) {
      const writerScale = (writer as unknown as DecimalType).scale;
      return writerScale === this.scale ? identity : undefined;
    }
    if (Type.isType(writer, 'bytes', 'fixed')) return (bytes) => this._fromValue(bytes as Buffer);
    return undefined;
  }

  /**
   * Most amounts have few digits: scan the text once and build the unscaled value as a
   * Number. Longer ones go through BigInt.
   */
  private encodeText(text: string): Buffer | undefined {
    const scanned = scanDecimal(text);
    if (scanned === undefined || scanned.fractionDigits > this.scale) return undefined;
    const padding = this.scale - scanned.fractionDigits;
    const digits = scanned.significantDigits + (scanned.significantDigits > 0 ? padding : 0);
    if (digits > this.precision) return undefined;
    if (digits > MAX_SMALL_DIGITS || this.scale > MAX_EXACT_DIGITS) return this.encodeLong(text);
    const magnitude = scanned.magnitude * POWERS_OF_TEN[padding];
    return this.fit(encodeSmall(scanned.negative ? -magnitude : magnitude));
  }

  private encodeLong(text: string): Buffer | undefined {
    const [, sign, whole, fraction = ''] = DECIMAL_TEXT.exec(text) as RegExpExecArray;
    const digits = (whole + fraction.padEnd(this.scale, '0')).replace(/^0+(?=\d)/, '');
    return this.fit(encodeTwosComplement(sign + digits));
  }

  /** Pads to the fixed size, if the underlying type is fixed. */
  private fit(bytes: Buffer): Buffer | undefined {
    if (this.fixedSize === undefined) return bytes;
    if (bytes.length > this.fixedSize) return undefined;
    const padded = Buffer.alloc(this.fixedSize, bytes[0] & 0x80 ? 0xff : 0);
    bytes.copy(padded, this.fixedSize - bytes.length);
    return padded;
  }
}

interface ScannedDecimal {
  negative: boolean;
  /** The digits without the point, as a Number: exact while significantDigits <= 15. */
  magnitude: number;
  significantDigits: number;
  fractionDigits: number;
}

/** Reads `-?\d+(\.\d+)?` in one pass, without a regex or substrings. */
function scanDecimal(text: string): ScannedDecimal | undefined {
  const negative = text.charCodeAt(0) === 45;
  let magnitude = 0;
  let significantDigits = 0;
  let wholeDigits = 0;
  let fractionDigits = 0;
  let inFraction = false;
  for (let i = negative ? 1 : 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46 && !inFraction && wholeDigits > 0) {
      inFraction = true;
      continue;
    }
    const digit = code - 48;
    if (digit < 0 || digit > 9) return undefined;
    if (inFraction) fractionDigits++;
    else wholeDigits++;
    if (significantDigits > 0 || digit !== 0) significantDigits++;
    magnitude = magnitude * 10 + digit;
  }
  if (wholeDigits === 0 || (inFraction && fractionDigits === 0)) return undefined;
  return { negative, magnitude, significantDigits, fractionDigits };
}

function formatScaledNumber(unscaled: number, scale: number): string {
  if (scale === 0) return String(unscaled);
  const negative = unscaled < 0;
  const magnitude = negative ? -unscaled : unscaled;
  const factor = POWERS_OF_TEN[scale];
  const whole = Math.floor(magnitude / factor);
  const fraction = String(magnitude - whole * factor).padStart(scale, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** Minimal-length two's complement, big-endian, as the spec's decimal encoding. */
function encodeTwosComplement(signedDigits: string): Buffer {
  if (signedDigits.replace('-', '').length <= MAX_SMALL_DIGITS) {
    return encodeSmall(Number(signedDigits));
  }
  let value = BigInt(signedDigits);
  let length = 1;
  while (value < -(1n << BigInt(8 * length - 1)) || value >= 1n << BigInt(8 * length - 1)) {
    length++;
  }
  if (value < 0n) value += 1n << BigInt(8 * length);
  const hex = value.toString(16).padStart(2 * length, '0');
  return Buffer.from(hex, 'hex');
}

/** Numbers of up to 14 digits fit Buffer's 6-byte integer writers exactly. */
function encodeSmall(value: number): Buffer {
  let length = 1;
  while (length < 6 && (value < -(2 ** (8 * length - 1)) || value >= 2 ** (8 * length - 1))) {
    length++;
  }
  const bytes = Buffer.allocUnsafe(length);
  bytes.writeIntBE(value, 0, length);
  return bytes;
}

function decodeTwosComplement(bytes: Buffer): bigint | number {
  if (bytes.length === 0) return 0;
  if (bytes.length <= 6) return bytes.readIntBE(0, bytes.length);
  let value = BigInt('0x' + bytes.toString('hex'));
  if (bytes[0] & 0x80) value -= 1n << BigInt(8 * bytes.length);
  return value;
}

function formatScaled(unscaled: bigint | number, scale: number): string {
  const negative = unscaled < 0;
  const digits = (negative ? -unscaled : unscaled).toString();
  if (scale === 0) return negative ? '-' + digits : digits;
  const padded = digits.padStart(scale + 1, '0');
  const point = padded.length - scale;
  return (negative ? '-' : '') + padded.slice(0, point) + '.' + padded.slice(point);
}

/**
 * Days since 1970-01-01 of a 'YYYY-MM-DD' text, undefined unless it is a real date. Howard
 * Hinnant's days_from_civil: exact arithmetic, and several times faster than Date parsing.
 */
function parseIsoDate(text: string): number | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45)
    return undefined;
  const year = readDigits(text, 0, 4);
  const month = readDigits(text, 5, 2);
  const day = readDigits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** 'YYYY-MM-DD' of days since 1970-01-01 (Hinnant's civil_from_days). */
function formatIsoDate(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) return new Date(days * MILLIS_PER_DAY).toISOString().slice(0, 10);
  return `${String(year).padStart(4, '0')}-${twoDigits(month)}-${twoDigits(day)}`;
}

function readDigits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return isLeap ? 29 : 28;
}

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** Logical type implementations, by the `logicalType` attribute they implement. */
export const LOGICAL_TYPES = Object.freeze({
  'timestamp-millis': TimestampMillisType,
  date: DateType,
  uuid: UuidType,
  decimal: DecimalType,
});

/**
 * Options for every `Type.forSchema` call in Joined-up. A fresh registry each time: avsc
 * adds every named type it parses to the registry, so sharing one would make two versions
 * of the same record clash.
 */
export function avroTypeOptions(): {
  logicalTypes: typeof LOGICAL_TYPES;
  registry: Record<string, Type>;
  noAnonymousTypes: boolean;
  omitRecordMethods: boolean;
} {
  return {
    logicalTypes: LOGICAL_TYPES,
    registry: {},
    noAnonymousTypes: true,
    omitRecordMethods: true,
  };
}
