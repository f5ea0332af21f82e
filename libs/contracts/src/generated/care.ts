// Generated from the Avro contracts in contracts/ by `npm run contracts:generate`.
// Edit the .avsc files and regenerate; `npm run contracts:check` fails while this is stale.

import type { EventEnvelope } from './envelope';

/** A hospital admitted a patient (HL7 v2 ADT^A01). */
export interface HospitalAdmissionNotifiedPayload {
  /** HL7 message control id (MSH-10), for tracing the event back to the message and its ACK. */
  sourceMessageId: string;
  /** The patient. */
  patient: HospitalPatient;
  /** The hospital stay. */
  encounter: HospitalEncounter;
  /** Admission time (PV1-44), UTC. A Date (timestamp-millis). */
  admittedAt: Date;
}

/**
 * The patient as the hospital identifies them: enough for the council to match its own record, no
 * clinical detail.
 */
export interface HospitalPatient {
  /** NHS number, 10 digits without spaces, check digit valid; the source of the event key. */
  nhsNumber: string;
  /**
   * NHS number trace status code (FHIR UK Core NHSNumberVerificationStatus, PID-32), 01 to 08; 01
   * is present and verified.
   */
  nhsNumberStatus: string | null;
  /** The trust's own patient number (PID-3 with type MR). */
  localPatientId: string | null;
  /** Family name (PID-5.1). */
  familyName: string | null;
  /** Given name (PID-5.2). */
  givenName: string | null;
  /** Date of birth (PID-7). A 'YYYY-MM-DD' date. */
  birthDate: string | null;
  /** Administrative gender. */
  gender: AdministrativeGender;
  /** Postcode of the usual address (PID-11.5), upper case with one space. */
  postcode: string | null;
}

/** Administrative gender as recorded (PID-8: M, F, O, U). */
export type AdministrativeGender = 'UNKNOWN' | 'MALE' | 'FEMALE' | 'OTHER';

/** The hospital stay an ADT message is about (PV1). */
export interface HospitalEncounter {
  /** ODS code of the NHS trust that sent the message (MSH-4), e.g. RXH. */
  trustOdsCode: string;
  /** Hospital spell (visit) number (PV1-19). */
  spellNumber: string | null;
  /** Patient class. */
  patientClass: PatientClass;
  /** Ward (PV1-3.1). */
  ward: string | null;
  /** Room (PV1-3.2). */
  room: string | null;
  /** Bed (PV1-3.3). */
  bed: string | null;
}

/** PV1-2 patient class: I inpatient, O outpatient, E emergency. */
export type PatientClass = 'UNKNOWN' | 'INPATIENT' | 'OUTPATIENT' | 'EMERGENCY';

/** A hospital discharged a patient, or the patient died in hospital (HL7 v2 ADT^A03). */
export interface HospitalDischargeNotifiedPayload {
  /** HL7 message control id (MSH-10), for tracing the event back to the message and its ACK. */
  sourceMessageId: string;
  /** The patient. */
  patient: HospitalPatient;
  /** The hospital stay. */
  encounter: HospitalEncounter;
  /** Admission time of the stay (PV1-44), UTC, when sent. A Date (timestamp-millis). */
  admittedAt: Date | null;
  /** Discharge time (PV1-45), UTC. A Date (timestamp-millis). */
  dischargedAt: Date;
  /** Discharge disposition (PV1-36), grouped. */
  dischargeDisposition: DischargeDisposition;
  /** The disposition code as sent (PV1-36), e.g. 79. */
  dischargeDispositionCode: string | null;
  /** Where the patient was discharged to (PV1-37), e.g. a care home's ODS or CQC code. */
  dischargedToLocation: string | null;
}

/**
 * Where the patient went, grouped from FHIR UK Core discharge destination codes: 19
 * USUAL_RESIDENCE; 54, 65, 85 CARE_HOME; 79 DIED; 49, 50, 51, 52, 53 OTHER_HOSPITAL; 29
 * TEMPORARY_RESIDENCE.
 */
export type DischargeDisposition =
  | 'UNKNOWN'
  | 'USUAL_RESIDENCE'
  | 'TEMPORARY_RESIDENCE'
  | 'CARE_HOME'
  | 'OTHER_HOSPITAL'
  | 'DIED'
  | 'OTHER';

/**
 * A hospital updated a patient's details or stay (HL7 v2 ADT^A08): a ward move, a corrected name or
 * address.
 */
export interface HospitalPatientUpdateNotifiedPayload {
  /** HL7 message control id (MSH-10), for tracing the event back to the message and its ACK. */
  sourceMessageId: string;
  /** The patient. */
  patient: HospitalPatient;
  /** The hospital stay. */
  encounter: HospitalEncounter;
}

/**
 * A hospital cancelled an admission sent earlier, which should be treated as never having happened
 * (HL7 v2 ADT^A11).
 */
export interface HospitalAdmissionCancelledPayload {
  /** HL7 message control id (MSH-10), for tracing the event back to the message and its ACK. */
  sourceMessageId: string;
  /** The patient. */
  patient: HospitalPatient;
  /** The hospital stay. */
  encounter: HospitalEncounter;
  /** Admission time of the admission being cancelled, UTC, when sent. A Date (timestamp-millis). */
  cancelledAdmittedAt: Date | null;
}

/**
 * The council received an assessment notice (Care Act 2014 Schedule 3) from a hospital over MESH
 * (NHS Digital FHIR ADW messaging): a patient is likely to need care and support after discharge.
 */
export interface AssessmentNoticeReceivedPayload {
  /** Id of the notice (the FHIR message's MessageHeader id), quoted back in replies. */
  noticeId: string;
  /**
   * SNOMED CT code of the notice in MessageHeader.event; 975701000000106 for an assessment notice.
   */
  snomedEventCode: string;
  /** The patient. */
  patient: HospitalPatient;
  /** The patient's preferred language, as sent. */
  preferredLanguage: string | null;
  /** Whether the patient needs an interpreter. */
  interpreterRequired: boolean | null;
  /** ODS code of the hospital site. */
  hospitalSite: string | null;
  /** Ward the patient is on. */
  ward: string | null;
  /** Why the hospital referred the patient, as sent; may hold health information. */
  reasonForReferral: string | null;
  /** Date the patient was admitted. A 'YYYY-MM-DD' date. */
  admittedOn: string | null;
  /** Elective, emergency or other admission. */
  admissionType: AdmissionType;
  /** Date the hospital expects to discharge the patient. A 'YYYY-MM-DD' date. */
  proposedDischargeDate: string | null;
  /** Name or role of the clinician responsible. */
  leadClinician: string | null;
  /**
   * How to reach the hospital's discharge liaison team (a team line or mailbox, not a personal
   * number).
   */
  hospitalContact: string | null;
  /**
   * Whether the patient has a carer the council should contact; the carer's details stay in the
   * notice.
   */
  carerInvolved: boolean | null;
  /** The patient's consent to the referral. */
  consent: NoticeConsent;
  /** Whether NHS Continuing Healthcare was considered. */
  continuingHealthcareConsidered: boolean | null;
  /** Whether the hospital raised a safeguarding concern. */
  safeguardingConcern: boolean | null;
  /**
   * The local authority the notice was addressed to, as sent; the envelope's council is the one
   * that received it.
   */
  recipientLocalAuthority: string | null;
}

/** How the patient was admitted. */
export type AdmissionType = 'UNKNOWN' | 'ELECTIVE' | 'EMERGENCY' | 'OTHER';

/** Whether the patient consented to the referral: Y, N, or L (lacks capacity). */
export type NoticeConsent = 'UNKNOWN' | 'YES' | 'NO' | 'LACKS_CAPACITY';

/**
 * The council received a discharge notice (Care Act 2014 Schedule 3) from a hospital over MESH: the
 * date the hospital intends to discharge a patient it sent an assessment notice for.
 */
export interface DischargeNoticeReceivedPayload {
  /** Id of the notice (the FHIR message's MessageHeader id), quoted back in replies. */
  noticeId: string;
  /**
   * SNOMED CT code of the notice in MessageHeader.event; 975731000000100 for a discharge notice.
   */
  snomedEventCode: string;
  /** noticeId of the assessment notice this follows, when the hospital quotes it. */
  assessmentNoticeId: string | null;
  /** The patient. */
  patient: HospitalPatient;
  /** ODS code of the hospital site. */
  hospitalSite: string | null;
  /** Ward the patient is on. */
  ward: string | null;
  /** Date the hospital intends to discharge the patient. A 'YYYY-MM-DD' date. */
  proposedDischargeDate: string;
}

/**
 * A hospital withdrew an assessment notice, a discharge notice or both (Care Act 2014 Schedule 3
 * withdrawal), for example because the patient no longer needs care or has died.
 */
export interface DischargeNoticeWithdrawnPayload {
  /** Id of the notice (the FHIR message's MessageHeader id), quoted back in replies. */
  noticeId: string;
  /** noticeId of the notice being withdrawn. */
  withdrawnNoticeId: string;
  /** NHS number of the patient, 10 digits, check digit valid; the source of the event key. */
  nhsNumber: string;
  /** Which notices are withdrawn. */
  scope: WithdrawalScope;
  /** Reason given, as sent; may hold health information. */
  reason: string | null;
}

/** What a withdrawal withdraws. */
export type WithdrawalScope = 'UNKNOWN' | 'ALL' | 'ASSESSMENT' | 'DISCHARGE';

/**
 * A package of adult social care started for a person in the council's care system (Mosaic,
 * Liquidlogic LAS and the like).
 */
export interface CarePackageStartedPayload {
  /** The care system's id for the package. */
  packageId: string;
  /**
   * NHS number of the person, 10 digits, check digit valid; the source of the event key. A person
   * without a traced NHS number is not published.
   */
  nhsNumber: string;
  /** The care system's own id for the person, e.g. a Mosaic person id. */
  personId: string | null;
  /** Kind of service. */
  serviceType: CareServiceType;
  /** Date the package starts. A 'YYYY-MM-DD' date. */
  startDate: string;
  /**
   * Date the package is planned to end, e.g. at the end of six weeks' reablement. A 'YYYY-MM-DD'
   * date.
   */
  plannedEndDate: string | null;
  /** Planned hours of care a week, for home care. A decimal as text, e.g. '12.50'. */
  plannedHoursPerWeek: string | null;
  /** Weekly cost to the council in pounds sterling. A decimal as text, e.g. '12.50'. */
  weeklyCost: string | null;
  /** CQC location id or the council's supplier reference of the provider. */
  providerId: string | null;
  /** noticeId of the hospital discharge notice the package answers, when it follows a discharge. */
  dischargeNoticeId: string | null;
}

/** Kind of care and support provided. */
export type CareServiceType =
  | 'UNKNOWN'
  | 'HOME_CARE'
  | 'REABLEMENT'
  | 'RESIDENTIAL_CARE'
  | 'NURSING_CARE'
  | 'SUPPORTED_LIVING'
  | 'DAY_CARE'
  | 'DIRECT_PAYMENT'
  | 'EQUIPMENT'
  | 'OTHER';

/** A package of adult social care ended. */
export interface CarePackageEndedPayload {
  /** The care system's id for the package. */
  packageId: string;
  /** NHS number of the person, 10 digits, check digit valid; the source of the event key. */
  nhsNumber: string;
  /** The care system's own id for the person. */
  personId: string | null;
  /** Last day of the package. A 'YYYY-MM-DD' date. */
  endDate: string;
  /** Why the package ended. */
  endReason: CarePackageEndReason;
}

/** Why a package ended. */
export type CarePackageEndReason =
  | 'UNKNOWN'
  | 'PLANNED_END'
  | 'NEEDS_MET'
  | 'DIED'
  | 'ADMITTED_TO_HOSPITAL'
  | 'MOVED_TO_OTHER_SERVICE'
  | 'MOVED_OUT_OF_AREA'
  | 'DECLINED'
  | 'OTHER';

/**
 * The council learned that a person has died, from a hospital, a registrar, Tell Us Once or a care
 * provider. Services use it to stop letters, charges and visits.
 */
export interface DeathNotifiedPayload {
  /** NHS number of the person, 10 digits, check digit valid; the source of the event key. */
  nhsNumber: string;
  /** Date of death. A 'YYYY-MM-DD' date. */
  dateOfDeath: string;
  /** Who reported the death. */
  source: DeathNotificationSource;
  /**
   * True when the death is registered or formally confirmed (for example PDS death status 2); false
   * for an informal report that services should confirm before acting finally.
   */
  isFormallyVerified: boolean;
}

/** Who told the council of a death. */
export type DeathNotificationSource =
  | 'UNKNOWN'
  | 'HOSPITAL'
  | 'REGISTRAR'
  | 'TELL_US_ONCE'
  | 'GP'
  | 'CARE_PROVIDER'
  | 'FAMILY'
  | 'OTHER';

/**
 * A hospital admitted a patient (HL7 v2 ADT^A01). Topic joinedup.care.hospital-adt.v1,
 * classification SPECIAL_CATEGORY.
 */
export interface HospitalAdmissionNotified extends EventEnvelope {
  eventType: 'HospitalAdmissionNotified';
  payload: HospitalAdmissionNotifiedPayload;
}

/**
 * A hospital discharged a patient, or the patient died in hospital (HL7 v2 ADT^A03). Topic
 * joinedup.care.hospital-adt.v1, classification SPECIAL_CATEGORY.
 */
export interface HospitalDischargeNotified extends EventEnvelope {
  eventType: 'HospitalDischargeNotified';
  payload: HospitalDischargeNotifiedPayload;
}

/**
 * A hospital updated a patient's details or stay (HL7 v2 ADT^A08): a ward move, a corrected name or
 * address. Topic joinedup.care.hospital-adt.v1, classification SPECIAL_CATEGORY.
 */
export interface HospitalPatientUpdateNotified extends EventEnvelope {
  eventType: 'HospitalPatientUpdateNotified';
  payload: HospitalPatientUpdateNotifiedPayload;
}

/**
 * A hospital cancelled an admission sent earlier, which should be treated as never having happened
 * (HL7 v2 ADT^A11). Topic joinedup.care.hospital-adt.v1, classification SPECIAL_CATEGORY.
 */
export interface HospitalAdmissionCancelled extends EventEnvelope {
  eventType: 'HospitalAdmissionCancelled';
  payload: HospitalAdmissionCancelledPayload;
}

/**
 * The council received an assessment notice (Care Act 2014 Schedule 3) from a hospital over MESH
 * (NHS Digital FHIR ADW messaging): a patient is likely to need care and support after discharge.
 * Topic joinedup.care.discharge-notices.v1, classification SPECIAL_CATEGORY.
 */
export interface AssessmentNoticeReceived extends EventEnvelope {
  eventType: 'AssessmentNoticeReceived';
  payload: AssessmentNoticeReceivedPayload;
}

/**
 * The council received a discharge notice (Care Act 2014 Schedule 3) from a hospital over MESH: the
 * date the hospital intends to discharge a patient it sent an assessment notice for. Topic
 * joinedup.care.discharge-notices.v1, classification SPECIAL_CATEGORY.
 */
export interface DischargeNoticeReceived extends EventEnvelope {
  eventType: 'DischargeNoticeReceived';
  payload: DischargeNoticeReceivedPayload;
}

/**
 * A hospital withdrew an assessment notice, a discharge notice or both (Care Act 2014 Schedule 3
 * withdrawal), for example because the patient no longer needs care or has died. Topic
 * joinedup.care.discharge-notices.v1, classification SPECIAL_CATEGORY.
 */
export interface DischargeNoticeWithdrawn extends EventEnvelope {
  eventType: 'DischargeNoticeWithdrawn';
  payload: DischargeNoticeWithdrawnPayload;
}

/**
 * A package of adult social care started for a person in the council's care system (Mosaic,
 * Liquidlogic LAS and the like). Topic joinedup.care.packages.v1, classification SPECIAL_CATEGORY.
 */
export interface CarePackageStarted extends EventEnvelope {
  eventType: 'CarePackageStarted';
  payload: CarePackageStartedPayload;
}

/**
 * A package of adult social care ended. Topic joinedup.care.packages.v1, classification
 * SPECIAL_CATEGORY.
 */
export interface CarePackageEnded extends EventEnvelope {
  eventType: 'CarePackageEnded';
  payload: CarePackageEndedPayload;
}

/**
 * The council learned that a person has died, from a hospital, a registrar, Tell Us Once or a care
 * provider. Services use it to stop letters, charges and visits. Topic joinedup.care.deaths.v1,
 * classification SPECIAL_CATEGORY.
 */
export interface DeathNotified extends EventEnvelope {
  eventType: 'DeathNotified';
  payload: DeathNotifiedPayload;
}
