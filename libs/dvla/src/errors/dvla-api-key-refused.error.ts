import { DvlaError } from './dvla.error';

/**
 * DVLA answered 401 or 403: the API key is missing, wrong, revoked or not subscribed to the
 * Vehicle Enquiry Service. Retrying cannot help until an operator fixes the key, so it is not
 * retriable. The key itself is never part of the message.
 */
export class DvlaApiKeyRefusedError extends DvlaError {
  readonly code = 'DVLA_API_KEY_REFUSED';
  readonly retriable = false;

  constructor(status: number, apiKeyEnv: string, correlationId: string) {
    super(
      `DVLA refused the API key with HTTP ${status}: check ${apiKeyEnv} holds the council's ` +
        `Vehicle Enquiry Service key; correlation id ${correlationId}`,
      { status, correlationId },
    );
  }
}
