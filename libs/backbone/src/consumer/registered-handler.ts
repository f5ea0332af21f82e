import type { JoinedUpEvent } from '@joinedup/contracts';
import { RetryPolicy } from '../retry/retry-policy';
import { EventContext } from './event-context';

/** A handler as the dispatcher runs it, with its options resolved. */
export interface RegisteredHandler {
  eventType: string;
  topic: string;
  /** Runs every handler bound to the event type; rejects with the first one's error. */
  invoke(event: JoinedUpEvent, context: EventContext): Promise<void>;
  /** Claim the event id in the handler's transaction, so a redelivery changes nothing. */
  idempotent: boolean;
  retry: RetryPolicy;
}
