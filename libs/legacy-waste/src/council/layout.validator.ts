import { isObject } from './feed-mapping.validator';

const FIELD_TYPES = ['text', 'integer', 'decimal', 'date', 'datetime'];
const TRIMS = ['both', 'left', 'right', 'none'];

/**
 * Checks a fixed-width layout file: every field has a name, a start from 1 and a positive
 * length, a known type and trim, a date format when it is a date, and no two fields overlap.
 */
export function validateLayout(raw: unknown): string[] {
  if (!isObject(raw) || !Array.isArray(raw.fields) || raw.fields.length === 0) {
    return ['expected a JSON object with a list of fields'];
  }
  const problems: string[] = [];
  const spans: Array<{ name: string; from: number; to: number }> = [];
  raw.fields.forEach((field: unknown, index: number) => {
    const at = `fields[${index}]`;
    if (!isObject(field) || typeof field.name !== 'string' || field.name.length === 0) {
      problems.push(`${at}: expected a field with a name`);
      return;
    }
    const { start, length } = field;
    if (!Number.isInteger(start) || (start as number) < 1) {
      problems.push(`${at}.start: ${JSON.stringify(start)} is not valid: expected a column from 1`);
      return;
    }
    if (!Number.isInteger(length) || (length as number) < 1) {
      problems.push(`${at}.length: ${JSON.stringify(length)} is not valid: expected at least 1`);
      return;
    }
    if (field.type !== undefined && !FIELD_TYPES.includes(field.type as string)) {
      problems.push(
        `${at}.type: ${JSON.stringify(field.type)} is not one of ${FIELD_TYPES.join(', ')}`,
      );
    }
    if (field.trim !== undefined && !TRIMS.includes(field.trim as string)) {
      problems.push(`${at}.trim: ${JSON.stringify(field.trim)} is not one of ${TRIMS.join(', ')}`);
    }
    const isDate = field.type === 'date' || field.type === 'datetime';
    if (isDate && typeof field.dateFormat !== 'string') {
      problems.push(
        `${at}.dateFormat: expected a pattern such as yyyyMMdd for a ${field.type} field`,
      );
    }
    const span = {
      name: field.name,
      from: start as number,
      to: (start as number) + (length as number),
    };
    const overlap = spans.find((other) => span.from < other.to && other.from < span.to);
    if (overlap) problems.push(`${at}: ${field.name} overlaps ${overlap.name}`);
    spans.push(span);
  });
  return problems;
}
