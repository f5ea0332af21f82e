import {
  InvalidIdentifierError,
  validatePostcode,
  validateRegistrationMark,
  validateUprn,
  validateUsrn,
} from '@joinedup/contracts';
import { FieldRule } from '../council/council-config.types';
import { compileDatePattern, describeDatePattern, toIsoDate, toUtcMillis } from './date-pattern';

/** Why a source value could not be converted: what was expected, in words. */
export class ConversionProblem {
  constructor(readonly reason: string) {}
}

/** Converts a trimmed, non-empty source value, or says why it cannot. */
export type ValueConverter = (text: string) => unknown;

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

/** Code table keys and source codes are compared in this form: case and spacing ignored. */
export function normaliseCode(code: string): string {
  return code.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Compiles a rule's conversion once per feed; the returned function runs per record. */
export function compileConverter(rule: FieldRule): ValueConverter {
  const text = withMaxLength(rule.maxLength);
  switch (rule.type) {
    case 'text':
      return text;
    case 'uprn':
      return identifier(validateUprn);
    case 'usrn':
      return identifier(validateUsrn);
    case 'postcode':
      return identifier(validatePostcode);
    case 'registrationMark':
      return identifier(validateRegistrationMark);
    case 'date':
      return dateConverter(rule);
    case 'datetime':
      return dateTimeConverter(rule);
    case 'number':
      return (value) =>
        NUMBER.test(value) ? Number(value) : new ConversionProblem('expected a number');
    case 'integer':
      return (value) =>
        INTEGER.test(value) ? Number(value) : new ConversionProblem('expected a whole number');
    case 'boolean':
      return booleanConverter;
    case 'code':
      return codeConverter(rule);
  }
}

function withMaxLength(maxLength: number | undefined): ValueConverter {
  if (maxLength === undefined) return (value) => value;
  return (value) =>
    value.length <= maxLength
      ? value
      : new ConversionProblem(`expected at most ${maxLength} characters, found ${value.length}`);
}

function identifier(validate: (value: unknown, field?: string) => string): ValueConverter {
  return (value) => {
    try {
      return validate(value);
    } catch (err) {
      if (err instanceof InvalidIdentifierError) {
        return new ConversionProblem(`expected ${err.expected}`);
      }
      throw err;
    }
  };
}

function dateConverter(rule: FieldRule): ValueConverter {
  const pattern = rule.format ?? 'iso';
  const read = compileDatePattern(pattern);
  const expected = `expected ${describeDatePattern(pattern)}`;
  return (value) => {
    const parts = read(value);
    return parts === undefined ? new ConversionProblem(expected) : toIsoDate(parts);
  };
}

function dateTimeConverter(rule: FieldRule): ValueConverter {
  const pattern = rule.format ?? 'iso';
  const zone = rule.timeZone ?? 'Europe/London';
  const read = compileDatePattern(pattern);
  const expected = `expected ${describeDatePattern(pattern)}`;
  return (value) => {
    const parts = read(value);
    return parts === undefined
      ? new ConversionProblem(expected)
      : new Date(toUtcMillis(parts, zone));
  };
}

function booleanConverter(value: string): unknown {
  const word = value.toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return new ConversionProblem('expected yes or no (Y/N, true/false, 1/0)');
}

function codeConverter(rule: FieldRule): ValueConverter {
  const table = new Map(
    Object.entries(rule.codes ?? {}).map(([code, symbol]) => [normaliseCode(code), symbol]),
  );
  const known = Object.keys(rule.codes ?? {});
  const listed = known.length <= 12 ? known.join(', ') : `${known.slice(0, 12).join(', ')}, ...`;
  const unknown = new ConversionProblem(`expected one of the codes ${listed}`);
  return (value) => table.get(normaliseCode(value)) ?? rule.otherwise ?? unknown;
}
