import { CatalogueEntry, IdentifierKind } from '../catalogue/catalogue.types';
import { validateDrivingLicenceNumber } from '../identifiers/driving-licence-number.validator';
import { InvalidIdentifierError } from '../identifiers/invalid-identifier.error';
import { validateNhsNumber } from '../identifiers/nhs-number.validator';
import { validateUprn, validateUsrn } from '../identifiers/property-reference.validator';
import { validateRegistrationMark } from '../identifiers/registration-mark.validator';
import { pseudonymise } from './pseudonymise';

type Normaliser = (value: unknown, field: string) => string;

const NORMALISERS: Record<IdentifierKind, Normaliser> = {
  UPRN: validateUprn,
  USRN: validateUsrn,
  VRM: validateRegistrationMark,
  NHS_NUMBER: validateNhsNumber,
  DRIVING_LICENCE_NUMBER: validateDrivingLicenceNumber,
  REFERENCE: validateReference,
};

/**
 * The envelope subjectKey (and Kafka message key) for an event: the first key source the
 * catalogue lists that is present in the event, normalised for its identifier kind and
 * pseudonymised. Throws InvalidIdentifierError naming the path when the identifier is
 * malformed or no source is present.
 */
export function deriveSubjectKey(
  entry: Pick<CatalogueEntry, 'eventType' | 'key'>,
  event: Record<string, unknown>,
  key: string | Buffer,
): string {
  for (const source of entry.key.from) {
    const value = valueAt(event, source.path);
    if (value === undefined || value === null) continue;
    return pseudonymise(NORMALISERS[source.identifier](value, source.path), key);
  }
  const paths = entry.key.from.map((source) => source.path).join(' or ');
  throw new InvalidIdentifierError(paths, null, `a value to key ${entry.eventType} by`);
}

function valueAt(event: Record<string, unknown>, path: string): unknown {
  let current: unknown = event;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function validateReference(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length === 0) throw new InvalidIdentifierError(field, value, 'a non-empty reference');
  return text;
}
