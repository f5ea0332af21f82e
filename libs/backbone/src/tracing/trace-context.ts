import { randomFillSync } from 'node:crypto';

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): the trace an event belongs to,
 * the span that produced it, and the vendors' `tracestate`, carried in Kafka headers as the
 * `traceparent` and `tracestate` HTTP headers are.
 */
export interface TraceContext {
  /** 32 lower-case hex characters, not all zero. */
  traceId: string;
  /** This span's id, 16 lower-case hex characters, not all zero. */
  spanId: string;
  /** The span this one is a child of, when there is one. */
  parentSpanId?: string;
  /** Trace flags, e.g. 1 = sampled. */
  flags: number;
  tracestate?: string;
}

/** version "00", trace-id, parent-id, trace-flags (section 3.2 of the recommendation). */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);
const SAMPLED = 1;

/**
 * Reads a traceparent header; undefined when it is absent or invalid, in which case the
 * recommendation says to start a new trace. A future version may append fields, which are
 * ignored; version ff is invalid, and version 00 allows nothing after the flags.
 */
export function parseTraceparent(
  header: string | undefined,
  tracestate?: string,
): TraceContext | undefined {
  if (header === undefined) return undefined;
  const match = TRACEPARENT.exec(header.trim());
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match;
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (traceId === ZERO_TRACE_ID || spanId === ZERO_SPAN_ID) return undefined;
  return {
    traceId,
    spanId,
    flags: parseInt(flags, 16),
    ...(tracestate ? { tracestate } : {}),
  };
}

export function formatTraceparent(trace: TraceContext): string {
  return `00-${trace.traceId}-${trace.spanId}-${trace.flags.toString(16).padStart(2, '0')}`;
}

/** A new trace, sampled, for an event that starts a chain. */
export function startTrace(): TraceContext {
  return {
    traceId: randomHex(16, ZERO_TRACE_ID),
    spanId: randomHex(8, ZERO_SPAN_ID),
    flags: SAMPLED,
  };
}

/** A span in the same trace whose parent is `parent`, keeping its flags and tracestate. */
export function childSpan(parent: TraceContext): TraceContext {
  return {
    traceId: parent.traceId,
    spanId: randomHex(8, parent.spanId),
    parentSpanId: parent.spanId,
    flags: parent.flags,
    ...(parent.tracestate ? { tracestate: parent.tracestate } : {}),
  };
}

/**
 * Ids are cut from a pool of random bytes refilled 4 KiB at a time: one call into the CSPRNG per
 * 512 span ids rather than one per id, which was a third of the cost of handling an event.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/** Random bytes as hex, drawn again in the (astronomically unlikely) case they equal `avoid`. */
function randomHex(bytes: number, avoid: string): string {
  for (;;) {
    if (poolOffset + bytes > pool.length) {
      pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
      poolOffset = 0;
    }
    const hex = pool.toString('hex', poolOffset, poolOffset + bytes);
    poolOffset += bytes;
    if (hex !== avoid && !/^0+$/.test(hex)) return hex;
  }
}
