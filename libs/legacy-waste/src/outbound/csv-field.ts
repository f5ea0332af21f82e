/** A CSV field, quoted when it holds a delimiter, quote or line break (RFC 4180). */
export function csvField(value: string | null | undefined, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  const needsQuotes =
    value.includes(delimiter) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r');
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRow(values: ReadonlyArray<string | null | undefined>, delimiter = ','): string {
  return values.map((value) => csvField(value, delimiter)).join(delimiter) + '\r\n';
}
