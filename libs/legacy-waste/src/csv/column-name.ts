/**
 * The form column names are matched in: case, surrounding spaces, inner runs of spaces and
 * a byte order mark are ignored, so `Event Date`, ` event  date ` and `EVENT DATE` match.
 */
export function normaliseColumnName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** Index of each column by its normalised name; the first wins when a name repeats. */
export function columnIndex(columns: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  columns.forEach((column, position) => {
    const name = normaliseColumnName(column);
    if (!index.has(name)) index.set(name, position);
  });
  return index;
}
