/**
 * Milliseconds a Retry-After header asks for, or undefined when absent or unreadable. RFC 9110
 * section 10.2.3 allows delay-seconds (a non-negative integer) or an HTTP-date; a date in the
 * past means "now".
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at) || !/[a-z]/i.test(text)) return undefined;
  return Math.max(0, at - now);
}
