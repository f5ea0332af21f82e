// Generated from the Avro contracts in contracts/ by `npm run contracts:generate`.
// Edit the .avsc files and regenerate; `npm run contracts:check` fails while this is stale.

import type { EventEnvelope } from './envelope';

/**
 * A person proved their identity to a council service through a government identity provider.
 * Carries who vouched, how strongly and the token's id; never the token or the identity claims.
 */
export interface IdentityVerifiedPayload {
  /** The identity provider. */
  provider: IdentityProvider;
  /**
   * Pairwise subject identifier for this council: One Login sub (urn:fdc:gov.uk:2022:...) or Verify
   * pid; the source of the event key.
   */
  subject: string;
  /** Assurance level reached, e.g. P2 or LEVEL_2. */
  assuranceLevel: AssuranceLevel;
  /** One Login vector of trust granted, e.g. Cl.Cm.P2. */
  vectorOfTrust: string | null;
  /** When the provider verified the identity, UTC. A Date (timestamp-millis). */
  verifiedAt: Date;
  /**
   * jti of the identity token (One Login core identity JWT) or the Verify response id; the token
   * itself is never carried.
   */
  tokenId: string;
  /** The council service the person signed in to, e.g. blue-badge-apply. */
  service: string;
}

/** Who proved the identity: GOV.UK Verify (2016 to April 2023) or GOV.UK One Login. */
export type IdentityProvider = 'UNKNOWN' | 'VERIFY' | 'ONE_LOGIN';

/**
 * Identity assurance reached or asked for: Verify levelOfAssurance LEVEL_1, LEVEL_2; One Login
 * identity confidence P0, P1, P2.
 */
export type AssuranceLevel = 'UNKNOWN' | 'LEVEL_1' | 'LEVEL_2' | 'P0' | 'P1' | 'P2';

/** A person's attempt to prove their identity to a council service failed or was abandoned. */
export interface IdentityVerificationFailedPayload {
  /** The identity provider. */
  provider: IdentityProvider;
  /**
   * Pairwise subject identifier, when the person signed in before failing; the event key falls back
   * to the correlation id without it.
   */
  subject: string | null;
  /** Assurance level the service asked for. */
  requestedAssuranceLevel: AssuranceLevel;
  /** Why it failed. */
  reason: VerificationFailureReason;
  /** One Login returnCode values, as sent. */
  returnCodes: string[];
  /** jti of the token received, when there was one. */
  tokenId: string | null;
  /** The council service the person was signing in to. */
  service: string;
}

/**
 * Why verification failed: Verify scenarios NO_MATCH, CANCELLATION, AUTHENTICATION_FAILED; One
 * Login confidence below what was asked or a return code (contra-indicator).
 */
export type VerificationFailureReason =
  | 'UNKNOWN'
  | 'NO_MATCH'
  | 'CANCELLED'
  | 'AUTHENTICATION_FAILED'
  | 'INSUFFICIENT_CONFIDENCE'
  | 'RETURN_CODE'
  | 'PROVIDER_ERROR';

/**
 * A person proved their identity to a council service through a government identity provider.
 * Carries who vouched, how strongly and the token's id; never the token or the identity claims.
 * Topic joinedup.identity.verifications.v1, classification OFFICIAL_SENSITIVE.
 */
export interface IdentityVerified extends EventEnvelope {
  eventType: 'IdentityVerified';
  payload: IdentityVerifiedPayload;
}

/**
 * A person's attempt to prove their identity to a council service failed or was abandoned. Topic
 * joinedup.identity.verifications.v1, classification OFFICIAL_SENSITIVE.
 */
export interface IdentityVerificationFailed extends EventEnvelope {
  eventType: 'IdentityVerificationFailed';
  payload: IdentityVerificationFailedPayload;
}
