import type { DvlaApiError, VehicleDetailsRetrievedPayload } from '@joinedup/contracts';
import type { DvlaError } from '../errors/dvla.error';

/** What a council service asks: the registration, and nothing about who reported it. */
export interface VehicleEnquiryRequest {
  /** As the caller has it (`lc19 dvl`); normalised and validated before DVLA is asked. */
  registrationNumber: string;
  /** GSS code of the council asking, whose DVLA quota the call spends. */
  council: string;
  /** Sent as X-Correlation-Id; a random UUID when absent. */
  correlationId?: string;
}

interface OutcomeBase {
  /** Upper case without spaces. */
  registrationNumber: string;
  /** The X-Correlation-Id DVLA was (or would have been) sent. */
  correlationId: string;
  /** Calls made to DVLA for this result (0 when answered from the cache or refused first). */
  attempts: number;
}

/** DVLA knows the vehicle. */
export interface VehicleFound extends OutcomeBase {
  outcome: 'found';
  vehicle: VehicleDetailsRetrievedPayload;
  /** When DVLA answered; a cached answer keeps the time of the original call. */
  answeredAt: Date;
  fromCache: boolean;
}

/** DVLA answered 404: it holds no vehicle with this registration. */
export interface VehicleNotFound extends OutcomeBase {
  outcome: 'not-found';
  httpStatus: 404;
  errors: DvlaApiError[];
  answeredAt: Date;
  fromCache: boolean;
}

/** No vehicle details: DVLA refused, failed or was not asked. */
export interface VehicleEnquiryFailure extends Omit<OutcomeBase, 'registrationNumber'> {
  outcome: 'failed';
  /** Null when the registration was invalid, so there is no normalised form. */
  registrationNumber: string | null;
  /** DVLA's last HTTP status, 0 when no answer arrived or DVLA was not asked. */
  httpStatus: number;
  retriable: boolean;
  errors: DvlaApiError[];
  /** Why, with a stable code; throw it where a retry policy should decide. */
  error: DvlaError;
  failedAt: Date;
}

export type VehicleEnquiryResult = VehicleFound | VehicleNotFound | VehicleEnquiryFailure;

/** The port a domain service asks vehicle questions through; VehicleEnquiryClient implements it. */
export interface VehicleEnquiryPort {
  enquire(request: VehicleEnquiryRequest): Promise<VehicleEnquiryResult>;
}

/** Injection token for VehicleEnquiryPort. */
export const VEHICLE_ENQUIRY_PORT = Symbol('VehicleEnquiryPort');
