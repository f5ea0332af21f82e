import { InvalidIdentifierError, requireText } from './invalid-identifier.error';

/** The GB and Northern Ireland registration mark formats, newest first. */
export type RegistrationMarkFormat =
  'CURRENT' | 'PREFIX' | 'SUFFIX' | 'Q_PLATE' | 'NORTHERN_IRELAND' | 'DATELESS';

export interface RegistrationMark {
  /** Upper case without spaces, e.g. L2WPS. */
  mark: string;
  format: RegistrationMarkFormat;
}

/**
 * Patterns on the normalised mark (no spaces). I, O and Q are not used in the letters of
 * current, prefix and suffix marks, nor Z in their area or series letters, as the DVLA rules
 * in the council standards reference give them.
 */
const CURRENT = /^[A-HJ-PR-Y]{2}([0-9]{2})[A-HJ-PR-Z]{3}$/;
const PREFIX = /^[A-HJ-NPR-Y][1-9][0-9]{0,2}[A-HJ-PR-Y]{3}$/;
const SUFFIX = /^[A-HJ-PR-Y]{3}[1-9][0-9]{0,2}[A-HJ-NPR-Y]$/;
/** Vehicles of undetermined age or identity: Q, then a number, then up to three letters. */
const Q_PLATE = /^Q[1-9][0-9]{0,2}[A-HJ-PR-Z]{0,3}$/;
/** Northern Ireland: up to three letters including I or Z, then up to four digits. */
const NORTHERN_IRELAND = /^(?=[A-Z]*[IZ])[A-Z]{1,3}[1-9][0-9]{0,3}$/;
/** Dateless (cherished) marks: letters then digits, or digits then letters. */
const DATELESS = /^(?:[A-Z]{1,3}[1-9][0-9]{0,3}|[1-9][0-9]{0,3}[A-Z]{1,3})$/;

/** Age identifiers of the current format that were never issued. */
const UNISSUED_AGE_IDENTIFIERS = new Set(['00', '01', '50']);
const MAX_LENGTH = 7;
const EXPECTED =
  'a GB or Northern Ireland registration mark of at most 7 letters and digits, e.g. AB51 ABC, A123 BCD, ABC 123D or ABZ 1234';

/**
 * Normalises a registration mark (upper case, spaces removed) and says which format it is.
 * Dateless and Northern Ireland marks overlap, so the format of such a mark is a best guess;
 * the mark is accepted either way.
 */
export function parseRegistrationMark(
  value: unknown,
  field = 'registrationMark',
): RegistrationMark {
  const mark = requireText(value, field, EXPECTED).toUpperCase().replace(/\s+/g, '');
  const format = mark.length <= MAX_LENGTH ? formatOf(mark) : undefined;
  if (format === undefined) throw new InvalidIdentifierError(field, value, EXPECTED);
  return { mark, format };
}

/** As parseRegistrationMark, returning only the normalised mark. */
export function validateRegistrationMark(value: unknown, field = 'registrationMark'): string {
  return parseRegistrationMark(value, field).mark;
}

function formatOf(mark: string): RegistrationMarkFormat | undefined {
  const current = CURRENT.exec(mark);
  if (current) return UNISSUED_AGE_IDENTIFIERS.has(current[1]) ? undefined : 'CURRENT';
  if (PREFIX.test(mark)) return 'PREFIX';
  if (SUFFIX.test(mark)) return 'SUFFIX';
  if (Q_PLATE.test(mark)) return 'Q_PLATE';
  if (NORTHERN_IRELAND.test(mark)) return 'NORTHERN_IRELAND';
  if (DATELESS.test(mark)) return 'DATELESS';
  return undefined;
}
