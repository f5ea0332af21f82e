import type { DvlaApiError } from '@joinedup/contracts';

/**
 * Which shape an error answer had: DVLA's `{errors:[...]}`; an API gateway's `{message}`
 * (what sits in front of DVLA answers that way for a refused key or an unknown path); or
 * neither (not JSON, empty, something else).
 */
export type ErrorBodyShape = 'dvla' | 'gateway' | 'none';

export interface ErrorBody {
  shape: ErrorBodyShape;
  errors: DvlaApiError[];
}

/** Long enough for any text DVLA documents, short enough to keep events small. */
const MAX_TEXT = 500;

/**
 * Reads an error answer tolerantly: `status` as a string or a number (DVLA sends both),
 * missing fields as null, unknown fields ignored. An entry's status that is not a number
 * takes the HTTP status.
 */
export function readErrorBody(body: unknown, httpStatus: number): ErrorBody {
  if (!isObject(body)) return { shape: 'none', errors: [] };
  if (Array.isArray(body.errors)) {
    return { shape: 'dvla', errors: body.errors.filter(isObject).map((e) => entry(e, httpStatus)) };
  }
  if (typeof body.message === 'string') {
    return {
      shape: 'gateway',
      errors: [{ status: httpStatus, code: null, title: text(body.message), detail: null }],
    };
  }
  return { shape: 'none', errors: [] };
}

function entry(raw: Record<string, unknown>, httpStatus: number): DvlaApiError {
  return {
    status: statusOf(raw.status) ?? httpStatus,
    code: text(raw.code),
    title: text(raw.title),
    detail: text(raw.detail),
  };
}

function statusOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*\d{3}\s*$/.test(value)) return Number(value);
  return undefined;
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.slice(0, MAX_TEXT);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
