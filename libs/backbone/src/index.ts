export { BackboneModule } from './module/backbone.module';
export type { BackboneModuleAsyncOptions } from './module/backbone.module';
export { BACKBONE_OPTIONS } from './module/backbone-options';
export type {
  BackboneConsumerOptions,
  BackboneHealthOptions,
  BackboneOptions,
} from './module/backbone-options';
export { BackboneRuntime } from './module/backbone-runtime';
export {
  backboneSettings,
  backboneOptionsFrom,
  loadBackboneOptions,
} from './module/backbone-settings';
export type { BackboneConfig } from './module/backbone-settings';

export { JoinedUpServer } from './server/joinedup-server';
export type { JoinedUpServerStatus } from './server/joinedup-server';
export { HandleEvent } from './server/handle-event.decorator';
export type { HandlerOptions } from './server/handle-event.decorator';
export { JOINEDUP_TRANSPORT } from './server/joinedup-transport';
export { EventContext } from './consumer/event-context';
export type { UnclaimedEventPolicy } from './consumer/record-dispatcher';

export { EventPublisher } from './publisher/event-publisher';
export type { PublishOptions } from './publisher/event-publisher';
export type { PublishedEvent } from './publisher/encoded-event';
export type { EventInput, EventOf } from './events/event-types';
export { EVENT_HEADERS } from './events/event-headers';

export {
  CONNECT_ERROR_HEADERS,
  JOINEDUP_ERROR_HEADERS,
  REDRIVEN_FROM_HEADER,
  deadLetterTopicOf,
} from './dead-letter/dead-letter-headers';
export { redriveDeadLetters } from './dead-letter/redrive-dead-letters';
export type { RedriveOptions, RedriveReport } from './dead-letter/redrive-dead-letters';

export { BackboneError } from './errors/backbone.error';
export type { BackboneErrorContext } from './errors/backbone.error';
export { RemoteCallError } from './errors/remote-call.error';
export { EventRejectedError } from './errors/event-rejected.error';
export { UndecodableRecordError } from './errors/undecodable-record.error';
export { UnclaimedEventError } from './errors/unclaimed-event.error';
export { EventPublishError } from './errors/event-publish.error';
export { BackboneConfigurationError } from './errors/backbone-configuration.error';
export { RedriveIncompleteError } from './errors/redrive-incomplete.error';
export { classifyFailure } from './errors/classify-failure';
export type { FailureClass } from './errors/classify-failure';

export { DEFAULT_RETRY_POLICY, backoffDelayMs, resolveRetryPolicy } from './retry/retry-policy';
export type { RetryPolicy } from './retry/retry-policy';

export {
  childSpan,
  formatTraceparent,
  parseTraceparent,
  startTrace,
} from './tracing/trace-context';
export type { TraceContext } from './tracing/trace-context';

export { BackboneMetrics } from './metrics/backbone-metrics';
export { BackboneHealthIndicator } from './health/backbone-health.indicator';
export type {
  BackboneHealth,
  ConsumerHealth,
  HealthStatus,
  OutboxHealth,
} from './health/backbone-health.indicator';
