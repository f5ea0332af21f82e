/**
 * A decoded Avro value as plain JSON: timestamps (Dates) as ISO 8601 text, bytes as base64,
 * records as objects of their fields. Decimals, dates and uuids are already text.
 */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([field, item]) => [field, toJsonValue(item)]),
    );
  }
  return value;
}
