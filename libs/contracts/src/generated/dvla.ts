// Generated from the Avro contracts in contracts/ by `npm run contracts:generate`.
// Edit the .avsc files and regenerate; `npm run contracts:check` fails while this is stale.

import type { EventEnvelope } from './envelope';

/**
 * A council service asked for a DVLA Vehicle Enquiry Service lookup. Only the registration travels:
 * nothing about who reported the vehicle or why reaches DVLA or this topic.
 */
export interface VehicleEnquiryRequestedPayload {
  /**
   * Registration mark to look up, upper case without spaces (L2WPS); sent to DVLA in the request
   * body because it is personal data.
   */
  registrationNumber: string;
}

/**
 * DVLA's Vehicle Enquiry Service (OpenAPI 1.1.0) answered a lookup. Only registrationNumber is
 * always present in its response, so every other field is optional.
 */
export interface VehicleDetailsRetrievedPayload {
  /** Registration mark looked up, upper case without spaces. */
  registrationNumber: string;
  /** Tax status. */
  taxStatus: TaxStatus | null;
  /** Date tax is due. A 'YYYY-MM-DD' date. */
  taxDueDate: string | null;
  /** Additional Rate of Tax end date. A 'YYYY-MM-DD' date. */
  artEndDate: string | null;
  /** MOT status. */
  motStatus: MotStatus | null;
  /** Date the current MOT expires. A 'YYYY-MM-DD' date. */
  motExpiryDate: string | null;
  /** Make, e.g. ROVER. */
  make: string | null;
  /** Month of first DVLA registration, YYYY-MM. */
  monthOfFirstDvlaRegistration: string | null;
  /** Month of first registration anywhere, YYYY-MM. */
  monthOfFirstRegistration: string | null;
  /** Year of manufacture. */
  yearOfManufacture: number | null;
  /** Engine capacity in cubic centimetres. */
  engineCapacity: number | null;
  /** Carbon dioxide emissions in grams per kilometre. */
  co2Emissions: number | null;
  /** Fuel type, e.g. PETROL. */
  fuelType: string | null;
  /** Whether the vehicle is marked for export. */
  markedForExport: boolean | null;
  /** Colour. */
  colour: string | null;
  /** Type approval category, e.g. M1. */
  typeApproval: string | null;
  /** Wheel plan, e.g. 2 AXLE RIGID BODY. */
  wheelplan: string | null;
  /** Revenue weight in kilograms. */
  revenueWeight: number | null;
  /** Real driving emissions value, e.g. 1. */
  realDrivingEmissions: string | null;
  /** Date the last V5C registration certificate was issued. A 'YYYY-MM-DD' date. */
  dateOfLastV5CIssued: string | null;
  /** Euro emissions standard, e.g. Euro 5. */
  euroStatus: string | null;
  /**
   * Response fields this contract does not know yet, and status texts that mapped to UNKNOWN, as
   * text by field name, so nothing DVLA adds is lost before the contract catches up.
   */
  otherFields: Record<string, string>;
}

/**
 * Vehicle tax status. DVLA's texts: 'Not Taxed for on Road Use', 'SORN', 'Taxed', 'Untaxed'. A text
 * DVLA adds later maps to UNKNOWN, with the text kept in otherFields.taxStatus.
 */
export type TaxStatus = 'UNKNOWN' | 'NOT_TAXED_FOR_ON_ROAD_USE' | 'SORN' | 'TAXED' | 'UNTAXED';

/**
 * MOT status. DVLA's texts: 'No details held by DVLA', 'No results returned', 'Not valid', 'Valid'.
 * A text DVLA adds later maps to UNKNOWN, with the text kept in otherFields.motStatus.
 */
export type MotStatus =
  'UNKNOWN' | 'NO_DETAILS_HELD_BY_DVLA' | 'NO_RESULTS_RETURNED' | 'NOT_VALID' | 'VALID';

/**
 * A DVLA Vehicle Enquiry Service lookup failed: DVLA answered with errors, or could not be reached.
 */
export interface VehicleEnquiryFailedPayload {
  /** Registration mark whose lookup failed, upper case without spaces. */
  registrationNumber: string;
  /** HTTP status of DVLA's answer (400, 404, 429, 500, 503), or 0 when no answer arrived. */
  httpStatus: number;
  /**
   * Whether the same lookup may succeed later: true for 429, 500, 503 and no answer; false for 400
   * and 404.
   */
  retriable: boolean;
  /** Errors DVLA returned; empty when no answer arrived. */
  errors: DvlaApiError[];
}

/** One entry of DVLA's errors array. */
export interface DvlaApiError {
  /**
   * Status DVLA put in the entry; DVLA sends it as a string or a number, normalised here to a
   * number.
   */
  status: number;
  /** DVLA's error code, e.g. ENQ103. */
  code: string | null;
  /** DVLA's short title, e.g. Vehicle Not Found. */
  title: string | null;
  /** DVLA's longer explanation. */
  detail: string | null;
}

/**
 * A council service (for example taxi and private hire licensing) asked DVLA's Access to Driver
 * Data service for a driving licence record, with the driver's consent.
 */
export interface DriverLicenceCheckRequestedPayload {
  /** The 16-character GB driving licence number, upper case. */
  drivingLicenceNumber: string;
  /** Whether to ask for Driver Certificate of Professional Competence details. */
  includeCpc: boolean;
  /** Whether to ask for tachograph card details. */
  includeTacho: boolean;
  /** Whether DVLA may answer with part of the record when some of it is unavailable. */
  acceptPartialResponse: boolean;
  /** Reference of the driver's recorded consent to the check. */
  consentReference: string | null;
}

/**
 * DVLA's Access to Driver Data service returned a driving licence record. The driver's name,
 * address and photo are left out: the requesting service already holds them, and the licence number
 * links the two.
 */
export interface DriverLicenceCheckRetrievedPayload {
  /** The 16-character GB driving licence number checked. */
  drivingLicenceNumber: string;
  /** Licence status. */
  licenceStatus: LicenceStatus;
  /** Licence type. */
  licenceType: LicenceType;
  /** Entitlements held. */
  entitlements: Entitlement[];
  /** Endorsements on the licence. */
  endorsements: Endorsement[];
  /** Sum of current penalty points. */
  totalPenaltyPoints: number;
  /** Date the Driver CPC expires, when asked for and held. A 'YYYY-MM-DD' date. */
  cpcValidTo: string | null;
  /** Expiry date of the current tachograph card, when asked for and held. A 'YYYY-MM-DD' date. */
  tachoCardExpiryDate: string | null;
  /** True when DVLA returned only part of the record. */
  isPartialResponse: boolean;
}

/** Status of the licence as DVLA reports it. */
export type LicenceStatus =
  | 'UNKNOWN'
  | 'VALID'
  | 'DISQUALIFIED'
  | 'REVOKED'
  | 'SURRENDERED'
  | 'EXPIRED'
  | 'EXCHANGED'
  | 'REFUSED';

/** Whether a licence or entitlement is full or provisional. */
export type LicenceType = 'UNKNOWN' | 'FULL' | 'PROVISIONAL';

/** A vehicle category the driver may drive. */
export interface Entitlement {
  /** Category code, e.g. B, C1E, D. */
  categoryCode: string;
  /** Full or provisional entitlement. */
  categoryType: LicenceType;
  /** Date the entitlement starts. A 'YYYY-MM-DD' date. */
  validFrom: string | null;
  /** Date the entitlement ends. A 'YYYY-MM-DD' date. */
  validTo: string | null;
}

/** An endorsement (offence recorded against the licence): criminal offence data. */
export interface Endorsement {
  /** DVLA offence code, e.g. SP30. */
  offenceCode: string;
  /** Date of the offence. A 'YYYY-MM-DD' date. */
  offenceDate: string | null;
  /** Date of conviction. A 'YYYY-MM-DD' date. */
  convictionDate: string | null;
  /** Penalty points given for it. */
  penaltyPoints: number | null;
  /** Date the endorsement stops counting. A 'YYYY-MM-DD' date. */
  expiryDate: string | null;
}

/**
 * A council service asked for a DVLA Vehicle Enquiry Service lookup. Only the registration travels:
 * nothing about who reported the vehicle or why reaches DVLA or this topic. Topic
 * joinedup.dvla.vehicle-enquiries.v1, classification OFFICIAL.
 */
export interface VehicleEnquiryRequested extends EventEnvelope {
  eventType: 'VehicleEnquiryRequested';
  payload: VehicleEnquiryRequestedPayload;
}

/**
 * DVLA's Vehicle Enquiry Service (OpenAPI 1.1.0) answered a lookup. Only registrationNumber is
 * always present in its response, so every other field is optional. Topic
 * joinedup.dvla.vehicle-enquiries.v1, classification OFFICIAL.
 */
export interface VehicleDetailsRetrieved extends EventEnvelope {
  eventType: 'VehicleDetailsRetrieved';
  payload: VehicleDetailsRetrievedPayload;
}

/**
 * A DVLA Vehicle Enquiry Service lookup failed: DVLA answered with errors, or could not be reached.
 * Topic joinedup.dvla.vehicle-enquiries.v1, classification OFFICIAL.
 */
export interface VehicleEnquiryFailed extends EventEnvelope {
  eventType: 'VehicleEnquiryFailed';
  payload: VehicleEnquiryFailedPayload;
}

/**
 * A council service (for example taxi and private hire licensing) asked DVLA's Access to Driver
 * Data service for a driving licence record, with the driver's consent. Topic
 * joinedup.dvla.driver-licence-checks.v1, classification OFFICIAL_SENSITIVE.
 */
export interface DriverLicenceCheckRequested extends EventEnvelope {
  eventType: 'DriverLicenceCheckRequested';
  payload: DriverLicenceCheckRequestedPayload;
}

/**
 * DVLA's Access to Driver Data service returned a driving licence record. The driver's name,
 * address and photo are left out: the requesting service already holds them, and the licence number
 * links the two. Topic joinedup.dvla.driver-licence-checks.v1, classification SPECIAL_CATEGORY.
 */
export interface DriverLicenceCheckRetrieved extends EventEnvelope {
  eventType: 'DriverLicenceCheckRetrieved';
  payload: DriverLicenceCheckRetrievedPayload;
}
