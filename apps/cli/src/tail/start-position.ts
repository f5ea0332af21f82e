/** Where `tail --from` starts each partition. */
export type StartPosition = { kind: 'beginning' } | { kind: 'end' } | { kind: 'time'; time: Date };

/** A day, or a day and time with its zone: a time without one would mean the machine's zone. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Parses `beginning`, `end` or an ISO 8601 timestamp, throwing an Error that says which. */
export function parseStartPosition(text: string): StartPosition {
  if (text === 'beginning' || text === 'end') return { kind: text };
  const time = new Date(text);
  if (ISO_TIMESTAMP.test(text) && !Number.isNaN(time.getTime())) return { kind: 'time', time };
  throw new Error(
    `expected beginning, end or an ISO 8601 timestamp with its zone such as ` +
      `2025-11-24T11:30:00Z, found ${JSON.stringify(text)}`,
  );
}
