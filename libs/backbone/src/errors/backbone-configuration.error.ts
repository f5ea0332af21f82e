import { BackboneError } from './backbone.error';

/** The backbone was set up wrongly: a handler for an unknown event type, a missing option. */
export class BackboneConfigurationError extends BackboneError {
  readonly code = 'BACKBONE_MISCONFIGURED';
  readonly retriable = false;

  constructor(problem: string, context: Record<string, string> = {}) {
    super(problem, context);
  }
}
