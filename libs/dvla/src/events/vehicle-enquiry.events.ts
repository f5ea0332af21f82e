import { randomUUID } from 'node:crypto';
import {
  type Catalogue,
  type CatalogueEntry,
  EVENT_ROUTES,
  type JoinedUpEventType,
  type VehicleDetailsRetrieved,
  type VehicleEnquiryFailed,
  type VehicleEnquiryRequested,
  deriveSubjectKey,
  findCatalogueEntry,
  loadCatalogue,
  validateRegistrationMark,
} from '@joinedup/contracts';
import { DvlaEventMappingError } from '../errors/dvla-event-mapping.error';
import type {
  VehicleEnquiryFailure,
  VehicleEnquiryResult,
  VehicleFound,
  VehicleNotFound,
} from '../client/vehicle-enquiry.types';

/** The envelope fields a caller decides; the rest come from the result and the catalogue. */
export interface EnquiryEventContext {
  /** GSS code of the council the enquiry belongs to. */
  council: string;
  /** The piece of work's id, shared by every event it triggers. */
  correlationId: string;
  /** eventId of the event that caused this one (the VehicleEnquiryRequested). */
  causationId?: string | null;
  /** The council's pseudonymisation key (pseudonymKeyFromEnv), for subjectKey. */
  pseudonymKey: Buffer | string;
  /** Default: a random UUID. */
  eventId?: string;
  /** When Joined-up records the event. Default: now. */
  recordedAt?: Date;
  /** Default: the repository's catalogue, read once. */
  catalogue?: Catalogue;
}

/** The system DVLA's answers come from, in every answer event's envelope. */
export const DVLA_SOURCE_SYSTEM = 'dvla-ves';

let defaultCatalogue: Catalogue | undefined;

/**
 * The request for a lookup. It carries the registration and nothing else: not who reported
 * the vehicle, nor where, nor why.
 */
export function toVehicleEnquiryRequested(
  registrationNumber: string,
  context: EnquiryEventContext & { sourceSystem: string; occurredAt?: Date },
): VehicleEnquiryRequested {
  const payload = { registrationNumber: validateRegistrationMark(registrationNumber) };
  const recordedAt = context.recordedAt ?? new Date();
  return {
    ...envelope('VehicleEnquiryRequested', payload, context, context.occurredAt ?? recordedAt),
    sourceSystem: context.sourceSystem,
    eventType: 'VehicleEnquiryRequested',
    payload,
  };
}

/** DVLA's answer about a vehicle it knows. `occurredAt` is when DVLA answered. */
export function toVehicleDetailsRetrieved(
  result: VehicleFound,
  context: EnquiryEventContext,
): VehicleDetailsRetrieved {
  const payload = { ...result.vehicle, otherFields: { ...result.vehicle.otherFields } };
  return {
    ...envelope('VehicleDetailsRetrieved', payload, context, result.answeredAt),
    eventType: 'VehicleDetailsRetrieved',
    payload,
  };
}

/**
 * A lookup without vehicle details: not found (404, not retriable), refused, or failed after
 * retries. An invalid registration has no such event, since it cannot be keyed: that throws
 * DvlaEventMappingError, and the caller decides the case without DVLA.
 */
export function toVehicleEnquiryFailed(
  result: VehicleNotFound | VehicleEnquiryFailure,
  context: EnquiryEventContext,
): VehicleEnquiryFailed {
  if (result.registrationNumber === null) {
    throw new DvlaEventMappingError(
      'VehicleEnquiryFailed',
      'the registration was invalid, so DVLA was not asked and the event has no key',
    );
  }
  const isNotFound = result.outcome === 'not-found';
  const payload = {
    registrationNumber: result.registrationNumber,
    httpStatus: result.httpStatus,
    retriable: isNotFound ? false : result.retriable,
    errors: result.errors.map((error) => ({ ...error })),
  };
  const occurredAt = isNotFound ? result.answeredAt : result.failedAt;
  return {
    ...envelope('VehicleEnquiryFailed', payload, context, occurredAt),
    eventType: 'VehicleEnquiryFailed',
    payload,
  };
}

/** The answer event for any result: details retrieved, or enquiry failed. */
export function toVehicleEnquiryAnswer(
  result: VehicleEnquiryResult,
  context: EnquiryEventContext,
): VehicleDetailsRetrieved | VehicleEnquiryFailed {
  return result.outcome === 'found'
    ? toVehicleDetailsRetrieved(result, context)
    : toVehicleEnquiryFailed(result, context);
}

function envelope(
  eventType: JoinedUpEventType,
  payload: { registrationNumber: string },
  context: EnquiryEventContext,
  occurredAt: Date,
) {
  const entry = catalogueEntry(eventType, context.catalogue);
  const subjectKey = deriveSubjectKey(entry, { payload }, context.pseudonymKey);
  return {
    eventId: context.eventId ?? randomUUID(),
    occurredAt,
    recordedAt: context.recordedAt ?? new Date(),
    sourceSystem: DVLA_SOURCE_SYSTEM,
    council: context.council,
    correlationId: context.correlationId,
    causationId: context.causationId ?? null,
    subjectKey,
    classification: EVENT_ROUTES[eventType].classification,
  };
}

function catalogueEntry(eventType: string, catalogue?: Catalogue): CatalogueEntry {
  if (catalogue !== undefined) return findCatalogueEntry(catalogue, eventType);
  defaultCatalogue ??= loadCatalogue();
  return findCatalogueEntry(defaultCatalogue, eventType);
}
