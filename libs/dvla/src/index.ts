export { VehicleEnquiryClient } from './client/vehicle-enquiry.client';
export type {
  VehicleEnquiryRequest,
  VehicleEnquiryResult,
  VehicleFound,
  VehicleNotFound,
  VehicleEnquiryFailure,
  VehicleEnquiryPort,
} from './client/vehicle-enquiry.types';
export { VEHICLE_ENQUIRY_PORT } from './client/vehicle-enquiry.types';
export { CLIENT_DEFAULTS } from './client/vehicle-enquiry.options';
export type { VehicleEnquiryClientOptions, RetryOptions } from './client/vehicle-enquiry.options';
export { VEHICLES_PATH } from './client/dvla-http.transport';
export { API_KEY_ENV } from './client/dvla-answer.classifier';
export { readErrorBody } from './client/dvla-error-body';
export { parseRetryAfter } from './client/retry-after';
export { backoffDelay } from './client/backoff';

export { DvlaError } from './errors/dvla.error';
export type { DvlaErrorContext } from './errors/dvla.error';
export { InvalidRegistrationError } from './errors/invalid-registration.error';
export { DvlaRequestRejectedError } from './errors/dvla-request-rejected.error';
export { DvlaApiKeyRefusedError } from './errors/dvla-api-key-refused.error';
export { DvlaUnavailableError } from './errors/dvla-unavailable.error';
export { DvlaCircuitOpenError } from './errors/dvla-circuit-open.error';
export { DvlaRateLimitedError } from './errors/dvla-rate-limited.error';
export { DvlaUnexpectedAnswerError } from './errors/dvla-unexpected-answer.error';
export { DvlaEventMappingError } from './errors/dvla-event-mapping.error';

export { TokenBucket } from './resilience/token-bucket';
export { CircuitBreaker } from './resilience/circuit-breaker';
export type { CircuitState, CircuitBreakerOptions } from './resilience/circuit-breaker';
export { AnswerCache } from './resilience/answer-cache';
export type { AnswerCacheOptions } from './resilience/answer-cache';
export type { RateLimitOptions } from './resilience/council-rate-limiter';
export type { Clock } from './resilience/clock';
export { SYSTEM_CLOCK } from './resilience/clock';

export { toVehicleDetails } from './mapping/vehicle-details.mapper';
export { taxStatusOf, motStatusOf } from './mapping/vehicle-status.table';

export {
  toVehicleEnquiryRequested,
  toVehicleDetailsRetrieved,
  toVehicleEnquiryFailed,
  toVehicleEnquiryAnswer,
  DVLA_SOURCE_SYSTEM,
} from './events/vehicle-enquiry.events';
export type { EnquiryEventContext } from './events/vehicle-enquiry.events';
export type { EventSink } from './events/event-sink.port';
export { EVENT_SINK } from './events/event-sink.port';

export { VehicleEnquiryHandler } from './service/vehicle-enquiry.handler';
export type { VehicleEnquiryHandlerOptions } from './service/vehicle-enquiry.handler';

export {
  dvlaSettings,
  loadDvlaSettings,
  clientOptionsFrom,
  DVLA_PRODUCTION_BASE_URL,
  DVLA_SANDBOX_BASE_URL,
} from './config/dvla.settings';
export type { DvlaSettings, DvlaSettingsConfig } from './config/dvla.settings';
