import type {
  VehicleDetailsRetrieved,
  VehicleEnquiryFailed,
  VehicleEnquiryRequested,
} from '@joinedup/contracts';
import { createLogger } from '@joinedup/logging';
import type { VehicleEnquiryPort } from '../client/vehicle-enquiry.types';
import type { EventSink } from '../events/event-sink.port';
import { toVehicleEnquiryAnswer } from '../events/vehicle-enquiry.events';

export interface VehicleEnquiryHandlerOptions {
  /** The council's pseudonymisation key, for the answers' subjectKey. */
  pseudonymKey: Buffer | string;
}

/**
 * Answers VehicleEnquiryRequested events: asks DVLA through the port and publishes
 * VehicleDetailsRetrieved or VehicleEnquiryFailed, caused by the request and sharing its
 * correlation id. A failure DVLA may get over (throttled, down, circuit open) is published as
 * a retriable VehicleEnquiryFailed with its status, so the flow that asked can decide, within
 * its own deadline, whether to ask again or to decide without DVLA. A request whose
 * registration is invalid throws DvlaEventMappingError (not retriable): its producer is wrong.
 */
export class VehicleEnquiryHandler {
  private readonly log = createLogger(VehicleEnquiryHandler.name);

  constructor(
    private readonly enquiries: VehicleEnquiryPort,
    private readonly sink: EventSink,
    private readonly options: VehicleEnquiryHandlerOptions,
  ) {}

  async handle(
    request: VehicleEnquiryRequested,
  ): Promise<VehicleDetailsRetrieved | VehicleEnquiryFailed> {
    const result = await this.enquiries.enquire({
      registrationNumber: request.payload.registrationNumber,
      council: request.council,
      correlationId: request.correlationId,
    });
    const answer = toVehicleEnquiryAnswer(result, {
      council: request.council,
      correlationId: request.correlationId,
      causationId: request.eventId,
      pseudonymKey: this.options.pseudonymKey,
    });
    await this.sink.publish([answer]);
    this.log.info('vehicle enquiry answered', {
      eventId: answer.eventId,
      causationId: request.eventId,
      eventType: answer.eventType,
      correlationId: request.correlationId,
      subjectKey: answer.subjectKey,
      fromCache: result.outcome === 'failed' ? false : result.fromCache,
    });
    return answer;
  }
}
