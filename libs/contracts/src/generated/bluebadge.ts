// Generated from the Avro contracts in contracts/ by `npm run contracts:generate`.
// Edit the .avsc files and regenerate; `npm run contracts:check` fails while this is stale.

import type { EventEnvelope } from './envelope';

/**
 * A Blue Badge application was submitted (DfT Blue Badge digital service). Eligibility evidence
 * reveals disability, so the event is special category data.
 */
export interface ApplicationSubmittedPayload {
  /** The Blue Badge service's application id. */
  applicationId: string;
  /** New badge, renewal, cancellation or replacement. */
  applicationType: ApplicationType;
  /**
   * DfT short code of the issuing local authority, e.g. ADU; the envelope carries the council's GSS
   * code.
   */
  localAuthorityShortCode: string;
  /** When the applicant submitted the application, UTC. A Date (timestamp-millis). */
  submittedAt: Date;
  /** Badge number being renewed or replaced, 6 characters. */
  existingBadgeNumber: string | null;
  /** Whether the badge fee was paid with the application. */
  paymentTaken: boolean;
  /** The applicant. */
  party: Party;
  /** Eligibility claimed. */
  eligibility: Eligibility;
  /** Documents uploaded. */
  artifacts: Artifact[];
}

/** DfT applicationTypeCode. */
export type ApplicationType = 'UNKNOWN' | 'NEW' | 'RENEW' | 'CANCEL' | 'REPLACE';

/** Who the badge is for. Exactly one of person and organisation is set, matching type. */
export interface Party {
  /** Person or organisation. */
  type: PartyType;
  /** Set when type is PERSON. */
  person: PersonParty | null;
  /** Set when type is ORGANISATION. */
  organisation: OrganisationParty | null;
}

/**
 * Who a badge is for: a person or an organisation that transports disabled people (DfT typeCode
 * PERSON, ORG).
 */
export type PartyType = 'UNKNOWN' | 'PERSON' | 'ORGANISATION';

/** A person applying for their own badge, or someone applying on their behalf. */
export interface PersonParty {
  /** Name to print on the badge, at most 100 characters. */
  badgeHolderName: string;
  /** National Insurance number, upper case without spaces, e.g. QQ123456C; absent for children. */
  nino: string | null;
  /** Date of birth. A 'YYYY-MM-DD' date. */
  dateOfBirth: string;
  /** Gender as given. */
  gender: Gender;
}

/** DfT genderCode. */
export type Gender = 'UNKNOWN' | 'MALE' | 'FEMALE' | 'UNSPECIFIED';

/** An organisation that cares for and transports disabled people. */
export interface OrganisationParty {
  /** Name of the organisation as printed on its badges. */
  name: string;
  /** Whether the organisation is a registered charity. */
  isCharity: boolean;
  /** Charity registration number, when a charity. */
  charityNumber: string | null;
  /** How many badges are asked for. */
  numberOfBadges: number;
  /** Vehicles the badges will be used in. */
  vehicles: OrganisationVehicle[];
}

/** A vehicle an organisation's badges will be used in. */
export interface OrganisationVehicle {
  /** Registration mark, upper case without spaces, at most 7 characters. */
  registrationNumber: string;
  /** DfT vehicle type code, e.g. CAR, PEOPLECAR. */
  typeCode: string | null;
}

/**
 * The ground the applicant claims eligibility on, with the evidence the DfT schema carries for it.
 */
export interface Eligibility {
  /** Eligibility type claimed. */
  type: EligibilityType;
  /** Benefit award, for PIP, DLA and WPMS. */
  benefit: BenefitEvidence | null;
  /** Walking difficulty, for WALKD. */
  walkingDifficulty: WalkingDifficulty | null;
}

/**
 * The DfT Blue Badge eligibility type codes. Eligible without further assessment: PIP, DLA, AFRFCS,
 * WPMS, BLIND. Further assessment: WALKD, ARMS, CHILDBULK, CHILDVEHIC, COGNITIVE.
 */
export type EligibilityType =
  | 'UNKNOWN'
  | 'PIP'
  | 'DLA'
  | 'AFRFCS'
  | 'WPMS'
  | 'BLIND'
  | 'WALKD'
  | 'ARMS'
  | 'CHILDBULK'
  | 'CHILDVEHIC'
  | 'COGNITIVE';

/** The qualifying benefit award, for PIP, DLA and WPMS. */
export interface BenefitEvidence {
  /** Whether the award has no end date. */
  isIndefinite: boolean;
  /** When the award ends, unless indefinite. A 'YYYY-MM-DD' date. */
  expiryDate: string | null;
}

/** How the applicant's walking is affected, for WALKD. */
export interface WalkingDifficulty {
  /** What makes walking difficult. */
  typeCodes: WalkingDifficultyType[];
  /** How long the applicant can walk for. */
  walkingLengthOfTime: WalkingLengthOfTime;
}

/** DfT walking difficulty typeCodes. */
export type WalkingDifficultyType =
  'UNKNOWN' | 'PAIN' | 'BREATH' | 'BALANCE' | 'DANGER' | 'STRUGGLE' | 'SOMELSE';

/** DfT walkingLengthOfTimeCode: how long the applicant can walk for. */
export type WalkingLengthOfTime =
  'UNKNOWN' | 'CANTWALK' | 'LESSMIN' | 'FEWMIN' | 'ONEFIVE' | 'FIVETEN' | 'MORETEN';

/** A document uploaded with the application. */
export interface Artifact {
  /** What the document is. */
  type: ArtifactType;
  /** Reference of the document in the Blue Badge service's document store; never the document. */
  link: string;
}

/**
 * DfT artifact types: proof of eligibility, supporting documents, proof of address, proof of
 * identity, photo.
 */
export type ArtifactType =
  'UNKNOWN' | 'PROOF_ELIG' | 'SUPPORT_DOCS' | 'PROOF_ADD' | 'PROOF_ID' | 'PHOTO';

/**
 * The council assessed a Blue Badge application's eligibility: eligible without further assessment,
 * needs further assessment, or ineligible.
 */
export interface EligibilityAssessedPayload {
  /** The Blue Badge service's application id. */
  applicationId: string;
  /** Eligibility type assessed. */
  eligibilityType: EligibilityType;
  /** The result. */
  outcome: EligibilityOutcome;
  /** Reasons for the outcome; always at least one for INELIGIBLE. */
  reasons: EligibilityReason[];
}

/** Result of an eligibility assessment. */
export type EligibilityOutcome = 'UNKNOWN' | 'AUTOMATIC' | 'FURTHER_ASSESSMENT' | 'INELIGIBLE';

/** One reason behind an eligibility outcome. */
export interface EligibilityReason {
  /** Stable code of the rule applied, e.g. PIP_MOVING_AROUND_8_POINTS, AFCS_TARIFF_1_TO_8. */
  code: string;
  /** The reason in plain words, as shown to the applicant. */
  description: string;
}

/** A Blue Badge was issued. */
export interface BadgeIssuedPayload {
  /** Badge number, 6 characters. */
  badgeNumber: string;
  /** The application the badge answers, when it came through the digital service. */
  applicationId: string | null;
  /**
   * DfT short code of the issuing local authority, e.g. ADU; the envelope carries the council's GSS
   * code.
   */
  localAuthorityShortCode: string;
  /** Whether the holder is a person or an organisation. */
  partyType: PartyType;
  /** Date the badge is valid from. A 'YYYY-MM-DD' date. */
  startDate: string;
  /** Date the badge expires. A 'YYYY-MM-DD' date. */
  expiryDate: string;
}

/** A Blue Badge was cancelled. */
export interface BadgeCancelledPayload {
  /** Badge number, 6 characters. */
  badgeNumber: string;
  /**
   * DfT short code of the issuing local authority, e.g. ADU; the envelope carries the council's GSS
   * code.
   */
  localAuthorityShortCode: string;
  /** Why the badge was cancelled. */
  reason: CancelReason;
  /** Date the cancellation takes effect. A 'YYYY-MM-DD' date. */
  cancelledOn: string;
}

/**
 * DfT cancelReasonCode: holder deceased, no longer needed, revoked, lost, stolen, damaged,
 * undelivered.
 */
export type CancelReason =
  'UNKNOWN' | 'DECEASE' | 'NOLONG' | 'REVOKE' | 'LOST' | 'STOLE' | 'DAMAGED' | 'UNDELIVER';

/**
 * A Blue Badge application was submitted (DfT Blue Badge digital service). Eligibility evidence
 * reveals disability, so the event is special category data. Topic
 * joinedup.bluebadge.applications.v1, classification SPECIAL_CATEGORY.
 */
export interface ApplicationSubmitted extends EventEnvelope {
  eventType: 'ApplicationSubmitted';
  payload: ApplicationSubmittedPayload;
}

/**
 * The council assessed a Blue Badge application's eligibility: eligible without further assessment,
 * needs further assessment, or ineligible. Topic joinedup.bluebadge.applications.v1, classification
 * SPECIAL_CATEGORY.
 */
export interface EligibilityAssessed extends EventEnvelope {
  eventType: 'EligibilityAssessed';
  payload: EligibilityAssessedPayload;
}

/**
 * A Blue Badge was issued. Topic joinedup.bluebadge.badges.v1, classification OFFICIAL_SENSITIVE.
 */
export interface BadgeIssued extends EventEnvelope {
  eventType: 'BadgeIssued';
  payload: BadgeIssuedPayload;
}

/**
 * A Blue Badge was cancelled. Topic joinedup.bluebadge.badges.v1, classification
 * OFFICIAL_SENSITIVE.
 */
export interface BadgeCancelled extends EventEnvelope {
  eventType: 'BadgeCancelled';
  payload: BadgeCancelledPayload;
}
