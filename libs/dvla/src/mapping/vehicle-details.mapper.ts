import type { VehicleDetailsRetrievedPayload } from '@joinedup/contracts';
import { motStatusOf, taxStatusOf } from './vehicle-status.table';

type Payload = VehicleDetailsRetrievedPayload;
type FieldKind = 'text' | 'integer' | 'date' | 'month' | 'boolean';

/** The response fields the contract knows, by kind (DVLA Vehicle Enquiry API 1.1.0). */
const KNOWN_FIELDS: Readonly<Record<string, FieldKind>> = {
  make: 'text',
  colour: 'text',
  fuelType: 'text',
  typeApproval: 'text',
  wheelplan: 'text',
  euroStatus: 'text',
  realDrivingEmissions: 'text',
  yearOfManufacture: 'integer',
  engineCapacity: 'integer',
  co2Emissions: 'integer',
  revenueWeight: 'integer',
  taxDueDate: 'date',
  motExpiryDate: 'date',
  artEndDate: 'date',
  dateOfLastV5CIssued: 'date',
  monthOfFirstRegistration: 'month',
  monthOfFirstDvlaRegistration: 'month',
  markedForExport: 'boolean',
};

/** Avro int range: an integer outside it cannot be written, so it is kept as text instead. */
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/**
 * Turns DVLA's vehicle answer into the contract payload, tolerating what DVLA may add or
 * change: an unknown field, a status text outside the enum, or a known field of an
 * unexpected type is kept as text in `otherFields` (the typed field is then null) rather than
 * failing the whole answer.
 */
export function toVehicleDetails(
  registrationNumber: string,
  answer: Readonly<Record<string, unknown>>,
): Payload {
  const payload = emptyPayload(registrationNumber);
  const typed = payload as unknown as Record<string, unknown>;

  for (const [field, value] of Object.entries(answer)) {
    if (value === null || value === undefined || field === 'registrationNumber') continue;
    if (field === 'taxStatus' || field === 'motStatus') {
      readStatus(payload, field, value);
      continue;
    }
    const kind = KNOWN_FIELDS[field];
    const read = kind === undefined ? undefined : readKnown(kind, value);
    if (read === undefined) payload.otherFields[field] = asText(value);
    else typed[field] = read;
  }
  return payload;
}

function readStatus(payload: Payload, field: 'taxStatus' | 'motStatus', value: unknown): void {
  if (typeof value !== 'string') {
    payload.otherFields[field] = asText(value);
    return;
  }
  if (field === 'taxStatus') payload.taxStatus = taxStatusOf(value);
  else payload.motStatus = motStatusOf(value);
  if (payload[field] === 'UNKNOWN') payload.otherFields[field] = value;
}

function readKnown(kind: FieldKind, value: unknown): string | number | boolean | undefined {
  switch (kind) {
    case 'text':
      return typeof value === 'string' ? value : undefined;
    case 'integer':
      return readInteger(value);
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? value : undefined;
    case 'month':
      return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
  }
}

/** An integer, or the text of one (a number DVLA sends quoted); undefined otherwise. */
function readInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) return undefined;
  return number >= INT_MIN && number <= INT_MAX ? number : undefined;
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function emptyPayload(registrationNumber: string): Payload {
  return {
    registrationNumber,
    taxStatus: null,
    taxDueDate: null,
    artEndDate: null,
    motStatus: null,
    motExpiryDate: null,
    make: null,
    monthOfFirstDvlaRegistration: null,
    monthOfFirstRegistration: null,
    yearOfManufacture: null,
    engineCapacity: null,
    co2Emissions: null,
    fuelType: null,
    markedForExport: null,
    colour: null,
    typeApproval: null,
    wheelplan: null,
    revenueWeight: null,
    realDrivingEmissions: null,
    dateOfLastV5CIssued: null,
    euroStatus: null,
    otherFields: {},
  };
}
