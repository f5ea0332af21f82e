// Generated from the Avro contracts in contracts/ by `npm run contracts:generate`.
// Edit the .avsc files and regenerate; `npm run contracts:check` fails while this is stale.

import type { EventEnvelope } from './envelope';

/**
 * A resident or crew reported that a scheduled collection at a property was missed (waste standards
 * case kind ReportMissedBin). The reporter's contact details stay in the case system and are
 * deliberately absent.
 */
export interface MissedCollectionReportedPayload {
  /** The council's reference for the report in its case or waste system. */
  caseReference: string;
  /** UPRN of the property, 12 digits with leading zeros kept. */
  uprn: string;
  /** USRN of the street the property is on, 8 digits, when known. */
  usrn: string | null;
  /** The waste stream that was missed (the standard's collection_type). */
  service: WasteService;
  /** The source system's own name for the service, e.g. 'Green bin - garden waste'. */
  serviceName: string | null;
  /** Machine name of the container type from the council's container list, e.g. refuse-240l. */
  containerType: string | null;
  /** The date the collection was due, when the reporter or schedule says. A 'YYYY-MM-DD' date. */
  scheduledDate: string | null;
  /** How the report was made. */
  channel: ReportChannel;
}

/**
 * The waste stream a collection serves. Councils name services differently; the source's own name
 * travels in serviceName.
 */
export type WasteService =
  | 'UNKNOWN'
  | 'REFUSE'
  | 'RECYCLING'
  | 'GARDEN'
  | 'FOOD'
  | 'GLASS'
  | 'PAPER_CARD'
  | 'CLINICAL'
  | 'BULKY'
  | 'COMMERCIAL'
  | 'OTHER';

/** How a report reached the council. */
export type ReportChannel =
  'UNKNOWN' | 'ONLINE' | 'TELEPHONE' | 'EMAIL' | 'FACE_TO_FACE' | 'CREW' | 'OTHER';

/**
 * A container was requested for a property: new, additional or replacement (waste standards case
 * kind AdditionalBinRequest and container delivery requests).
 */
export interface ContainerRequestedPayload {
  /** The council's reference for the request. */
  caseReference: string;
  /** UPRN of the property, 12 digits with leading zeros kept. */
  uprn: string;
  /** Machine name of the container type requested, e.g. recycling-240l. */
  containerType: string;
  /** How many containers of that type, at least 1. */
  quantity: number;
  /** Why the container is wanted. */
  reason: ContainerRequestReason;
  /** The waste stream the container is for. */
  service: WasteService;
  /**
   * Charge to the resident in pounds sterling, null when the container is free. A decimal as text,
   * e.g. '12.50'.
   */
  charge: string | null;
  /** Delivery date agreed with the resident, when one was. A 'YYYY-MM-DD' date. */
  requestedDeliveryDate: string | null;
}

/** Why a container was requested. */
export type ContainerRequestReason =
  | 'UNKNOWN'
  | 'NEW_PROPERTY'
  | 'ADDITIONAL'
  | 'REPLACEMENT_DAMAGED'
  | 'REPLACEMENT_LOST'
  | 'REPLACEMENT_STOLEN'
  | 'LARGER_CONTAINER'
  | 'OTHER';

/**
 * A bulky waste collection was booked for a property (waste standards case kinds
 * BulkyCollectionRequest and ChargeableBulkyCollectionRequest).
 */
export interface BulkyCollectionBookedPayload {
  /** The council's reference for the booking. */
  caseReference: string;
  /** UPRN of the property, 12 digits with leading zeros kept. */
  uprn: string;
  /** The booked collection date. A 'YYYY-MM-DD' date. */
  collectionDate: string;
  /** The items to collect, at least one. */
  items: BulkyItem[];
  /**
   * Total charge in pounds sterling; 0.00 for a free collection. A decimal as text, e.g. '12.50'.
   */
  charge: string;
  /** Reference of the payment taken, null when nothing was charged or payment is pending. */
  paymentReference: string | null;
}

/** One item to collect, as the standard's items[{name, description, is_working}]. */
export interface BulkyItem {
  /** What the item is, e.g. Fridge freezer. */
  name: string;
  /** Further description from the resident: size, where it will be left. */
  description: string | null;
  /** Whether the item works, which decides reuse; null when not asked. */
  isWorking: boolean | null;
}

/**
 * An assisted (pull-out) collection for a property was started, stopped, suspended or resumed. Why
 * the household needs help is not carried: it is health information the waste service does not pass
 * on.
 */
export interface AssistedCollectionChangedPayload {
  /** UPRN of the property, 12 digits with leading zeros kept. */
  uprn: string;
  /** The council's reference for the request that led to the change, when there was one. */
  caseReference: string | null;
  /** The change made. */
  change: AssistedCollectionChange;
  /** First collection date the change applies to. A 'YYYY-MM-DD' date. */
  effectiveFrom: string;
  /** Last date of a suspension, when known; null for the other changes. A 'YYYY-MM-DD' date. */
  effectiveUntil: string | null;
  /** Why the change was made. */
  reason: AssistedCollectionChangeReason;
}

/** What happened to the assisted collection. */
export type AssistedCollectionChange = 'UNKNOWN' | 'START' | 'STOP' | 'SUSPEND' | 'RESUME';

/** Administrative reason for the change; deliberately coarse. */
export type AssistedCollectionChangeReason =
  | 'UNKNOWN'
  | 'RESIDENT_REQUEST'
  | 'ELIGIBILITY_REVIEW'
  | 'TEMPORARY_ABSENCE'
  | 'MOVED_AWAY'
  | 'NO_LONGER_NEEDED'
  | 'OTHER';

/**
 * A crew recorded an event on a collection round, from an in-cab device or a round sheet, using the
 * Local Digital waste standards' reason taxonomy (collection_event_types.csv). Property-level
 * events carry a UPRN, street-level events a USRN.
 */
export interface CollectionEventRecordedPayload {
  /** Property or street level; decides whether uprn or usrn identifies the place. */
  level: CollectionEventLevel;
  /** Why the event was recorded. */
  reason: CollectionEventReason;
  /** The in-cab or source event code as recorded (the standard's type, at most 20 characters). */
  sourceEventCode: string | null;
  /** UPRN of the property, 12 digits with leading zeros kept; set for property-level events. */
  uprn: string | null;
  /**
   * USRN of the street, 8 digits; always set for street-level events, and for property-level ones
   * when known.
   */
  usrn: string | null;
  /** The waste stream being collected. */
  service: WasteService;
  /** The round's name or code, e.g. REF-MON-3. */
  round: string | null;
  /** The task on the round the event belongs to, as the source names it. */
  task: string | null;
  /** Machine name of the container type, e.g. refuse-240l. */
  containerType: string | null;
  /** Where the device was when the event was recorded. */
  geo: GeoPoint | null;
  /**
   * Reference (URI or store key) of a photo in the council's image store; never the image itself.
   */
  imageRef: string | null;
  /** Fleet reference of the collection vehicle. */
  vehicleRef: string | null;
}

/** Whether an event concerns one property or a whole street. */
export type CollectionEventLevel = 'UNKNOWN' | 'PROPERTY' | 'STREET';

/** The standard two-level reason for a collection event. */
export interface CollectionEventReason {
  /** The main reason. */
  level1: CollectionEventReasonLevel1;
  /** The refinement of level1, null where the taxonomy has none. */
  level2: CollectionEventReasonLevel2 | null;
  /** The source system's own wording, e.g. Bartec's 'BIN NOT OUT'. */
  description: string | null;
}

/**
 * Level 1 of the standard reason taxonomy. Property level: NOT_PRESENTED to RISK_OF_INJURY; street
 * level: STREET_COMPLETED to BREAKDOWN.
 */
export type CollectionEventReasonLevel1 =
  | 'UNKNOWN'
  | 'NOT_PRESENTED'
  | 'INCORRECTLY_PRESENTED'
  | 'TOO_HEAVY'
  | 'EXCESS_WASTE'
  | 'CONTAMINATED'
  | 'INACCESSIBLE_CONTAINER_STORE'
  | 'DAMAGED'
  | 'CONTAINER_LOST_IN_VEHICLE'
  | 'NOT_ON_SCHEME'
  | 'INACCESSIBLE_ROAD'
  | 'ROAD_CLOSURE'
  | 'RISK_OF_INJURY'
  | 'STREET_COMPLETED'
  | 'BLOCKED_BY_VEHICLES'
  | 'ROADWORKS'
  | 'GATE_LOCKED'
  | 'PART_ACCESS'
  | 'ALARM_ACTIVATED'
  | 'BREAKDOWN'
  | 'OTHER';

/**
 * Level 2 of the standard reason taxonomy: LID_OPEN and SIDE_WASTE refine EXCESS_WASTE; FOOD to
 * ANIMAL_BEDDING refine CONTAMINATED (the contaminant); LID, WHEELS and BODY refine DAMAGED.
 */
export type CollectionEventReasonLevel2 =
  | 'UNKNOWN'
  | 'LID_OPEN'
  | 'SIDE_WASTE'
  | 'FOOD'
  | 'GARDEN'
  | 'REFUSE'
  | 'BULKY'
  | 'RUBBLE_DIY'
  | 'COMMERCIAL'
  | 'TURF_SOIL'
  | 'ANIMAL_BEDDING'
  | 'LID'
  | 'WHEELS'
  | 'BODY'
  | 'OTHER';

/** A point on the WGS84 (EPSG:4326) datum. */
export interface GeoPoint {
  /** Degrees north, -90 to 90. */
  latitude: number;
  /** Degrees east, -180 to 180. */
  longitude: number;
}

/**
 * A vehicle was reported as possibly abandoned. Nothing about the reporter is carried; the case
 * system keeps that.
 */
export interface AbandonedVehicleReportedPayload {
  /**
   * The council's reference for the report; the key of every abandoned-vehicle event, since many
   * vehicles arrive without plates.
   */
  caseReference: string;
  /** Where the vehicle is. */
  location: VehicleLocation;
  /**
   * Registration mark as seen, normalised to upper case without spaces (L2WPS); null when the
   * plates are missing or unreadable.
   */
  registrationMark: string | null;
  /** Make as reported, e.g. Ford. */
  make: string | null;
  /** Model as reported, e.g. Fiesta. */
  model: string | null;
  /** Colour as reported. */
  colour: string | null;
  /**
   * The reporter's description of the vehicle's state: flat tyres, broken windows, how long it has
   * been there.
   */
  description: string | null;
}

/**
 * Where a vehicle was seen: always a description, with whatever references the reporter or officer
 * could add.
 */
export interface VehicleLocation {
  /** Where the vehicle is, in words, e.g. 'Outside 14, near the school gate'. */
  description: string;
  /** UPRN of the nearest property, 12 digits, when known. */
  uprn: string | null;
  /** USRN of the street, 8 digits, when known. */
  usrn: string | null;
  /** Postcode, upper case with one space, e.g. SW1A 1AA, when known. */
  postcode: string | null;
  /** The point the reporter placed on a map, when they did. */
  geo: GeoPoint | null;
}

/**
 * An officer or rule assessed a reported vehicle, typically after a DVLA vehicle enquiry, and
 * decided what happens next.
 */
export interface AbandonedVehicleAssessedPayload {
  /** The council's reference for the report being assessed. */
  caseReference: string;
  /** Registration mark assessed, upper case without spaces; null when the vehicle has none. */
  registrationMark: string | null;
  /** What the assessment decided. */
  outcome: AbandonedVehicleOutcome;
  /** The evidence the outcome rests on, for reporting and automation. */
  reasonCodes: AbandonedVehicleReasonCode[];
  /** The reason for the outcome in plain words, as shown to officers. */
  reason: string;
  /** Who the case was referred to when the outcome is REFERRED, e.g. police, DVLA enforcement. */
  referredTo: string | null;
}

/**
 * The decision on a reported vehicle. UNDETERMINED when evidence is missing, e.g. the DVLA enquiry
 * failed.
 */
export type AbandonedVehicleOutcome =
  'UNDETERMINED' | 'REMOVAL_CANDIDATE' | 'NO_ACTION' | 'REFERRED';

/** A piece of evidence behind an assessment. */
export type AbandonedVehicleReasonCode =
  | 'UNKNOWN'
  | 'UNTAXED'
  | 'SORN_ON_ROAD'
  | 'NO_VALID_MOT'
  | 'DAMAGED_OR_BURNT_OUT'
  | 'NO_REGISTRATION_MARK'
  | 'NOT_MOVED'
  | 'TAXED_AND_LEGAL'
  | 'VEHICLE_NOT_FOUND'
  | 'DVLA_NOT_FOUND'
  | 'DVLA_UNAVAILABLE'
  | 'OTHER';

/** A waste or street-scene case moved to a new status in the council's case system. */
export interface CaseStatusChangedPayload {
  /** The council's reference for the case. */
  caseReference: string;
  /** What kind of case it is. */
  caseType: WasteCaseType;
  /** The new status. */
  status: CaseStatus;
  /** The status before the change; null for a new case or when the source does not say. */
  previousStatus: CaseStatus | null;
  /** The status as the source system names it, kept because mapping to CaseStatus loses detail. */
  sourceStatus: string | null;
  /** Why the status changed, in the source's words; must not hold personal details. */
  statusReason: string | null;
  /** UPRN of the property the case concerns, when it concerns one. */
  uprn: string | null;
}

/** Kind of case, after the waste standards' case kinds plus abandoned vehicles. */
export type WasteCaseType =
  | 'UNKNOWN'
  | 'MISSED_COLLECTION'
  | 'ADDITIONAL_CONTAINER'
  | 'ASSISTED_COLLECTION'
  | 'BULKY_COLLECTION'
  | 'CHARGEABLE_BULKY_COLLECTION'
  | 'CLINICAL_COLLECTION'
  | 'DAMAGE_REPORT'
  | 'NEW_COLLECTION'
  | 'ABANDONED_VEHICLE'
  | 'OTHER';

/** Where a case stands. The CLOSED_ symbols are final unless a REOPENED follows. */
export type CaseStatus =
  | 'UNKNOWN'
  | 'OPEN'
  | 'IN_PROGRESS'
  | 'ACTION_SCHEDULED'
  | 'ON_HOLD'
  | 'CLOSED_COMPLETED'
  | 'CLOSED_NO_ACTION'
  | 'CLOSED_DUPLICATE'
  | 'CANCELLED'
  | 'REOPENED';

/**
 * A resident or crew reported that a scheduled collection at a property was missed (waste standards
 * case kind ReportMissedBin). The reporter's contact details stay in the case system and are
 * deliberately absent. Topic joinedup.waste.requests.v1, classification OFFICIAL.
 */
export interface MissedCollectionReported extends EventEnvelope {
  eventType: 'MissedCollectionReported';
  payload: MissedCollectionReportedPayload;
}

/**
 * A container was requested for a property: new, additional or replacement (waste standards case
 * kind AdditionalBinRequest and container delivery requests). Topic joinedup.waste.requests.v1,
 * classification OFFICIAL.
 */
export interface ContainerRequested extends EventEnvelope {
  eventType: 'ContainerRequested';
  payload: ContainerRequestedPayload;
}

/**
 * A bulky waste collection was booked for a property (waste standards case kinds
 * BulkyCollectionRequest and ChargeableBulkyCollectionRequest). Topic joinedup.waste.requests.v1,
 * classification OFFICIAL.
 */
export interface BulkyCollectionBooked extends EventEnvelope {
  eventType: 'BulkyCollectionBooked';
  payload: BulkyCollectionBookedPayload;
}

/**
 * An assisted (pull-out) collection for a property was started, stopped, suspended or resumed. Why
 * the household needs help is not carried: it is health information the waste service does not pass
 * on. Topic joinedup.waste.requests.v1, classification OFFICIAL_SENSITIVE.
 */
export interface AssistedCollectionChanged extends EventEnvelope {
  eventType: 'AssistedCollectionChanged';
  payload: AssistedCollectionChangedPayload;
}

/**
 * A crew recorded an event on a collection round, from an in-cab device or a round sheet, using the
 * Local Digital waste standards' reason taxonomy (collection_event_types.csv). Property-level
 * events carry a UPRN, street-level events a USRN. Topic joinedup.waste.collection-events.v1,
 * classification OFFICIAL.
 */
export interface CollectionEventRecorded extends EventEnvelope {
  eventType: 'CollectionEventRecorded';
  payload: CollectionEventRecordedPayload;
}

/**
 * A vehicle was reported as possibly abandoned. Nothing about the reporter is carried; the case
 * system keeps that. Topic joinedup.waste.abandoned-vehicles.v1, classification OFFICIAL.
 */
export interface AbandonedVehicleReported extends EventEnvelope {
  eventType: 'AbandonedVehicleReported';
  payload: AbandonedVehicleReportedPayload;
}

/**
 * An officer or rule assessed a reported vehicle, typically after a DVLA vehicle enquiry, and
 * decided what happens next. Topic joinedup.waste.abandoned-vehicles.v1, classification OFFICIAL.
 */
export interface AbandonedVehicleAssessed extends EventEnvelope {
  eventType: 'AbandonedVehicleAssessed';
  payload: AbandonedVehicleAssessedPayload;
}

/**
 * A waste or street-scene case moved to a new status in the council's case system. Topic
 * joinedup.waste.cases.v1, classification OFFICIAL.
 */
export interface CaseStatusChanged extends EventEnvelope {
  eventType: 'CaseStatusChanged';
  payload: CaseStatusChangedPayload;
}
