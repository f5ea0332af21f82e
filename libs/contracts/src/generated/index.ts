// Generated from the Avro contracts in contracts/ by `npm run contracts:generate`.
// Edit the .avsc files and regenerate; `npm run contracts:check` fails while this is stale.

import type { Classification } from './envelope';
import type {
  MissedCollectionReported,
  ContainerRequested,
  BulkyCollectionBooked,
  AssistedCollectionChanged,
  CollectionEventRecorded,
  AbandonedVehicleReported,
  AbandonedVehicleAssessed,
  CaseStatusChanged,
} from './waste';
import type {
  VehicleEnquiryRequested,
  VehicleDetailsRetrieved,
  VehicleEnquiryFailed,
  DriverLicenceCheckRequested,
  DriverLicenceCheckRetrieved,
} from './dvla';
import type {
  HospitalAdmissionNotified,
  HospitalDischargeNotified,
  HospitalPatientUpdateNotified,
  HospitalAdmissionCancelled,
  AssessmentNoticeReceived,
  DischargeNoticeReceived,
  DischargeNoticeWithdrawn,
  CarePackageStarted,
  CarePackageEnded,
  DeathNotified,
} from './care';
import type {
  ApplicationSubmitted,
  EligibilityAssessed,
  BadgeIssued,
  BadgeCancelled,
} from './bluebadge';
import type { IdentityVerified, IdentityVerificationFailed } from './identity';

export * from './envelope';
export * from './waste';
export * from './dvla';
export * from './care';
export * from './bluebadge';
export * from './identity';

/** Every Joined-up event; switch on eventType to narrow it. */
export type JoinedUpEvent =
  | MissedCollectionReported
  | ContainerRequested
  | BulkyCollectionBooked
  | AssistedCollectionChanged
  | CollectionEventRecorded
  | AbandonedVehicleReported
  | AbandonedVehicleAssessed
  | CaseStatusChanged
  | VehicleEnquiryRequested
  | VehicleDetailsRetrieved
  | VehicleEnquiryFailed
  | DriverLicenceCheckRequested
  | DriverLicenceCheckRetrieved
  | HospitalAdmissionNotified
  | HospitalDischargeNotified
  | HospitalPatientUpdateNotified
  | HospitalAdmissionCancelled
  | AssessmentNoticeReceived
  | DischargeNoticeReceived
  | DischargeNoticeWithdrawn
  | CarePackageStarted
  | CarePackageEnded
  | DeathNotified
  | ApplicationSubmitted
  | EligibilityAssessed
  | BadgeIssued
  | BadgeCancelled
  | IdentityVerified
  | IdentityVerificationFailed;

export type JoinedUpEventType = JoinedUpEvent['eventType'];

/** Where an event type goes: its topic, registry subject and composed record. */
export interface EventRoute {
  topic: string;
  /** Schema registry subject, TopicRecordNameStrategy: `<topic>-<recordName>`. */
  subject: string;
  recordName: string;
  /** Payload schema file, relative to contracts/. */
  schema: string;
  classification: Classification;
}

/** The route of every event type, from contracts/catalogue.json. */
export const EVENT_ROUTES: { readonly [T in JoinedUpEventType]: EventRoute } = {
  MissedCollectionReported: {
    topic: 'joinedup.waste.requests.v1',
    subject: 'joinedup.waste.requests.v1-uk.gov.council.joinedup.waste.MissedCollectionReported',
    recordName: 'uk.gov.council.joinedup.waste.MissedCollectionReported',
    schema: 'waste/MissedCollectionReported.avsc',
    classification: 'OFFICIAL',
  },
  ContainerRequested: {
    topic: 'joinedup.waste.requests.v1',
    subject: 'joinedup.waste.requests.v1-uk.gov.council.joinedup.waste.ContainerRequested',
    recordName: 'uk.gov.council.joinedup.waste.ContainerRequested',
    schema: 'waste/ContainerRequested.avsc',
    classification: 'OFFICIAL',
  },
  BulkyCollectionBooked: {
    topic: 'joinedup.waste.requests.v1',
    subject: 'joinedup.waste.requests.v1-uk.gov.council.joinedup.waste.BulkyCollectionBooked',
    recordName: 'uk.gov.council.joinedup.waste.BulkyCollectionBooked',
    schema: 'waste/BulkyCollectionBooked.avsc',
    classification: 'OFFICIAL',
  },
  AssistedCollectionChanged: {
    topic: 'joinedup.waste.requests.v1',
    subject: 'joinedup.waste.requests.v1-uk.gov.council.joinedup.waste.AssistedCollectionChanged',
    recordName: 'uk.gov.council.joinedup.waste.AssistedCollectionChanged',
    schema: 'waste/AssistedCollectionChanged.avsc',
    classification: 'OFFICIAL_SENSITIVE',
  },
  CollectionEventRecorded: {
    topic: 'joinedup.waste.collection-events.v1',
    subject:
      'joinedup.waste.collection-events.v1-uk.gov.council.joinedup.waste.CollectionEventRecorded',
    recordName: 'uk.gov.council.joinedup.waste.CollectionEventRecorded',
    schema: 'waste/CollectionEventRecorded.avsc',
    classification: 'OFFICIAL',
  },
  AbandonedVehicleReported: {
    topic: 'joinedup.waste.abandoned-vehicles.v1',
    subject:
      'joinedup.waste.abandoned-vehicles.v1-uk.gov.council.joinedup.waste.AbandonedVehicleReported',
    recordName: 'uk.gov.council.joinedup.waste.AbandonedVehicleReported',
    schema: 'waste/AbandonedVehicleReported.avsc',
    classification: 'OFFICIAL',
  },
  AbandonedVehicleAssessed: {
    topic: 'joinedup.waste.abandoned-vehicles.v1',
    subject:
      'joinedup.waste.abandoned-vehicles.v1-uk.gov.council.joinedup.waste.AbandonedVehicleAssessed',
    recordName: 'uk.gov.council.joinedup.waste.AbandonedVehicleAssessed',
    schema: 'waste/AbandonedVehicleAssessed.avsc',
    classification: 'OFFICIAL',
  },
  CaseStatusChanged: {
    topic: 'joinedup.waste.cases.v1',
    subject: 'joinedup.waste.cases.v1-uk.gov.council.joinedup.waste.CaseStatusChanged',
    recordName: 'uk.gov.council.joinedup.waste.CaseStatusChanged',
    schema: 'waste/CaseStatusChanged.avsc',
    classification: 'OFFICIAL',
  },
  VehicleEnquiryRequested: {
    topic: 'joinedup.dvla.vehicle-enquiries.v1',
    subject:
      'joinedup.dvla.vehicle-enquiries.v1-uk.gov.council.joinedup.dvla.VehicleEnquiryRequested',
    recordName: 'uk.gov.council.joinedup.dvla.VehicleEnquiryRequested',
    schema: 'dvla/VehicleEnquiryRequested.avsc',
    classification: 'OFFICIAL',
  },
  VehicleDetailsRetrieved: {
    topic: 'joinedup.dvla.vehicle-enquiries.v1',
    subject:
      'joinedup.dvla.vehicle-enquiries.v1-uk.gov.council.joinedup.dvla.VehicleDetailsRetrieved',
    recordName: 'uk.gov.council.joinedup.dvla.VehicleDetailsRetrieved',
    schema: 'dvla/VehicleDetailsRetrieved.avsc',
    classification: 'OFFICIAL',
  },
  VehicleEnquiryFailed: {
    topic: 'joinedup.dvla.vehicle-enquiries.v1',
    subject: 'joinedup.dvla.vehicle-enquiries.v1-uk.gov.council.joinedup.dvla.VehicleEnquiryFailed',
    recordName: 'uk.gov.council.joinedup.dvla.VehicleEnquiryFailed',
    schema: 'dvla/VehicleEnquiryFailed.avsc',
    classification: 'OFFICIAL',
  },
  DriverLicenceCheckRequested: {
    topic: 'joinedup.dvla.driver-licence-checks.v1',
    subject:
      'joinedup.dvla.driver-licence-checks.v1-uk.gov.council.joinedup.dvla.DriverLicenceCheckRequested',
    recordName: 'uk.gov.council.joinedup.dvla.DriverLicenceCheckRequested',
    schema: 'dvla/DriverLicenceCheckRequested.avsc',
    classification: 'OFFICIAL_SENSITIVE',
  },
  DriverLicenceCheckRetrieved: {
    topic: 'joinedup.dvla.driver-licence-checks.v1',
    subject:
      'joinedup.dvla.driver-licence-checks.v1-uk.gov.council.joinedup.dvla.DriverLicenceCheckRetrieved',
    recordName: 'uk.gov.council.joinedup.dvla.DriverLicenceCheckRetrieved',
    schema: 'dvla/DriverLicenceCheckRetrieved.avsc',
    classification: 'SPECIAL_CATEGORY',
  },
  HospitalAdmissionNotified: {
    topic: 'joinedup.care.hospital-adt.v1',
    subject: 'joinedup.care.hospital-adt.v1-uk.gov.council.joinedup.care.HospitalAdmissionNotified',
    recordName: 'uk.gov.council.joinedup.care.HospitalAdmissionNotified',
    schema: 'care/HospitalAdmissionNotified.avsc',
    classification: 'SPECIAL_CATEGORY',
  },
  HospitalDischargeNotified: {
    topic: 'joinedup.care.hospital-adt.v1',
    subject: 'joinedup.care.hospital-adt.v1-uk.gov.council.joinedup.care.HospitalDischargeNotified',
    recordName: 'uk.gov.council.joinedup.care.HospitalDischargeNotified',
    schema: 'care/HospitalDischargeNotified.avsc',
    classification: 'SPECIAL_CATEGORY',
  },
  HospitalPatientUpdateNotified: {
    topic: 'joinedup.care.hospital-adt.v1',
    subject:
      'joinedup.care.hospital-adt.v1-uk.gov.council.joinedup.care.HospitalPatientUpdateNotified',
    recordName: 'uk.gov.council.joinedup.care.HospitalPatientUpdateNotified',
    schema: 'care/HospitalPatientUpdateNotified.avsc',
    classification: 'SPECIAL_CATEGORY',
  },
  HospitalAdmissionCancelled: {
    topic: 'joinedup.care.hospital-adt.v1',
    subject:
      'joinedup.care.hospital-adt.v1-uk.gov.council.joinedup.care.HospitalAdmissionCancelled',
    recordName: 'uk.gov.council.joinedup.care.HospitalAdmissionCancelled',
    schema: 'care/HospitalAdmissionCancelled.avsc',
    classification: 'SPECIAL_CATEGORY',
  },
  AssessmentNoticeReceived: {
    topic: 'joinedup.care.discharge-notices.v1',
    subject:
      'joinedup.care.discharge-notices.v1-uk.gov.council.joinedup.care.AssessmentNoticeReceived',
    recordName: 'uk.gov.council.joinedup.care.AssessmentNoticeReceived',
    schema: 'care/AssessmentNoticeReceived.avsc',
    classification: 'SPECIAL_CATEGORY',
  },
  DischargeNoticeReceived: {
    topic: 'joinedup.care.discharge-notices.v1',
    subject:
      'joinedup.care.discharge-notices.v1-uk.gov.council.joinedup.care.DischargeNoticeReceived',
    recordName: 'uk.gov.council.joinedup.care.DischargeNoticeReceived',
    schema: 'care/DischargeNoticeReceived.avsc',
    classification: 'SPECIAL_CATEGORY',
  },
  DischargeNoticeWithdrawn: {
    topic: 'joinedup.care.discharge-notices.v1',
    subject:
      'joinedup.care.discharge-notices.v1-uk.gov.council.joinedup.care.DischargeNoticeWithdrawn',
    recordName: 'uk.gov.council.joinedup.care.DischargeNoticeWithdrawn',
    schema: 'care/DischargeNoticeWithdrawn.avsc',
    classification: 'SPECIAL_CATEGORY',
  },
  CarePackageStarted: {
    topic: 'joinedup.care.packages.v1',
    subject: 'joinedup.care.packages.v1-uk.gov.council.joinedup.care.CarePackageStarted',
    recordName: 'uk.gov.council.joinedup.care.CarePackageStarted',
    schema: 'care/CarePackageStarted.avsc',
    classification: 'SPECIAL_CATEGORY',
  },
  CarePackageEnded: {
    topic: 'joinedup.care.packages.v1',
    subject: 'joinedup.care.packages.v1-uk.gov.council.joinedup.care.CarePackageEnded',
    recordName: 'uk.gov.council.joinedup.care.CarePackageEnded',
    schema: 'care/CarePackageEnded.avsc',
    classification: 'SPECIAL_CATEGORY',
  },
  DeathNotified: {
    topic: 'joinedup.care.deaths.v1',
    subject: 'joinedup.care.deaths.v1-uk.gov.council.joinedup.care.DeathNotified',
    recordName: 'uk.gov.council.joinedup.care.DeathNotified',
    schema: 'care/DeathNotified.avsc',
    classification: 'SPECIAL_CATEGORY',
  },
  ApplicationSubmitted: {
    topic: 'joinedup.bluebadge.applications.v1',
    subject:
      'joinedup.bluebadge.applications.v1-uk.gov.council.joinedup.bluebadge.ApplicationSubmitted',
    recordName: 'uk.gov.council.joinedup.bluebadge.ApplicationSubmitted',
    schema: 'bluebadge/ApplicationSubmitted.avsc',
    classification: 'SPECIAL_CATEGORY',
  },
  EligibilityAssessed: {
    topic: 'joinedup.bluebadge.applications.v1',
    subject:
      'joinedup.bluebadge.applications.v1-uk.gov.council.joinedup.bluebadge.EligibilityAssessed',
    recordName: 'uk.gov.council.joinedup.bluebadge.EligibilityAssessed',
    schema: 'bluebadge/EligibilityAssessed.avsc',
    classification: 'SPECIAL_CATEGORY',
  },
  BadgeIssued: {
    topic: 'joinedup.bluebadge.badges.v1',
    subject: 'joinedup.bluebadge.badges.v1-uk.gov.council.joinedup.bluebadge.BadgeIssued',
    recordName: 'uk.gov.council.joinedup.bluebadge.BadgeIssued',
    schema: 'bluebadge/BadgeIssued.avsc',
    classification: 'OFFICIAL_SENSITIVE',
  },
  BadgeCancelled: {
    topic: 'joinedup.bluebadge.badges.v1',
    subject: 'joinedup.bluebadge.badges.v1-uk.gov.council.joinedup.bluebadge.BadgeCancelled',
    recordName: 'uk.gov.council.joinedup.bluebadge.BadgeCancelled',
    schema: 'bluebadge/BadgeCancelled.avsc',
    classification: 'OFFICIAL_SENSITIVE',
  },
  IdentityVerified: {
    topic: 'joinedup.identity.verifications.v1',
    subject: 'joinedup.identity.verifications.v1-uk.gov.council.joinedup.identity.IdentityVerified',
    recordName: 'uk.gov.council.joinedup.identity.IdentityVerified',
    schema: 'identity/IdentityVerified.avsc',
    classification: 'OFFICIAL_SENSITIVE',
  },
  IdentityVerificationFailed: {
    topic: 'joinedup.identity.verifications.v1',
    subject:
      'joinedup.identity.verifications.v1-uk.gov.council.joinedup.identity.IdentityVerificationFailed',
    recordName: 'uk.gov.council.joinedup.identity.IdentityVerificationFailed',
    schema: 'identity/IdentityVerificationFailed.avsc',
    classification: 'OFFICIAL_SENSITIVE',
  },
};
