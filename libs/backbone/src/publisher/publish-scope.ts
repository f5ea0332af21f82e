import { TraceContext } from '../tracing/trace-context';
import { EncodedEvent } from './encoded-event';

/** The consumed event that events published now derive from. */
export interface CausingEvent {
  eventId: string;
  correlationId: string;
  /** The consumer's span, made on first use: derived events are its children. */
  trace(): TraceContext;
}

/**
 * Where events published from one handler run (or one withTransaction) go: into the outbox in
 * its transaction, or held back until the handler has succeeded. It travels explicitly, in
 * the EventContext, rather than in an AsyncLocalStorage: on Node 20 an active one puts a hook
 * on every promise in the process, which cost the consumer a third of its throughput.
 */
export interface PublishScope {
  cause?: CausingEvent;
  deliver(events: readonly EncodedEvent[]): Promise<void>;
}
