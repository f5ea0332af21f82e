import type { MotStatus, TaxStatus } from '@joinedup/contracts';

/**
 * DVLA's status texts (Vehicle Enquiry API 1.1.0, `taxStatus` and `motStatus` enums) and the
 * contract symbols they map to. Matched without regard to case or surrounding spaces; a text
 * not listed maps to UNKNOWN and is kept in otherFields, as the contract asks.
 */
const TAX_STATUS: Readonly<Record<string, TaxStatus>> = {
  'not taxed for on road use': 'NOT_TAXED_FOR_ON_ROAD_USE',
  sorn: 'SORN',
  taxed: 'TAXED',
  untaxed: 'UNTAXED',
};

const MOT_STATUS: Readonly<Record<string, MotStatus>> = {
  'no details held by dvla': 'NO_DETAILS_HELD_BY_DVLA',
  'no results returned': 'NO_RESULTS_RETURNED',
  'not valid': 'NOT_VALID',
  valid: 'VALID',
};

export function taxStatusOf(text: string): TaxStatus {
  return TAX_STATUS[key(text)] ?? 'UNKNOWN';
}

export function motStatusOf(text: string): MotStatus {
  return MOT_STATUS[key(text)] ?? 'UNKNOWN';
}

function key(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}
