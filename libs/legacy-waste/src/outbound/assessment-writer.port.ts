import { AbandonedVehicleAssessed } from '@joinedup/contracts';

/** Injection token of the AssessmentWriter port. */
export const ASSESSMENT_WRITER = Symbol('AssessmentWriter');

/** What the legacy system was told, and how it acknowledged it. */
export interface AssessmentReceipt {
  /** Bartec's ServiceCode for a SOAP call; the file name for a CSV row. */
  reference: string;
  attempts: number;
  /** The assessment had been written before (same event id); nothing was written again. */
  duplicate: boolean;
}

/**
 * Tells the council's legacy waste system how an abandoned vehicle was assessed, in its own
 * format. Fails with LegacyWasteError: LEGACY_UNAVAILABLE (retriable: the caller retries
 * later or dead-letters) or LEGACY_REJECTED (not retriable: the system refused the data).
 */
export interface AssessmentWriter {
  write(assessment: AbandonedVehicleAssessed): Promise<AssessmentReceipt>;
}
