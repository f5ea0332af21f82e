import { childSpan, formatTraceparent, parseTraceparent, startTrace } from './trace-context';

const VALID = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe(parseTraceparent.name, () => {
  it('reads the fields of a version 00 header and keeps the tracestate', () => {
    expect(parseTraceparent(VALID, 'congo=t61rcWkgMzE')).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      flags: 1,
      tracestate: 'congo=t61rcWkgMzE',
    });
  });

  it('accepts a later version with more fields after the flags', () => {
    expect(parseTraceparent(`cc${VALID.slice(2)}-what-comes-next`)?.traceId).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
  });

  it.each([
    ['absent', undefined],
    ['version ff', `ff${VALID.slice(2)}`],
    ['extra fields in version 00', `${VALID}-extra`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`],
    ['an all-zero parent id', `00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`],
    ['upper-case hex', VALID.toUpperCase()],
    ['a short trace id', '00-4bf92f35-00f067aa0ba902b7-01'],
    ['garbage', 'not a trace'],
  ])('ignores %s, so a new trace starts', (_name, header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });
});

describe('spans', () => {
  it('formats what it parses', () => {
    expect(formatTraceparent(parseTraceparent(VALID)!)).toBe(VALID);
  });

  it('makes a child in the same trace with a new span id and the parent recorded', () => {
    const parent = parseTraceparent(VALID, 'a=b')!;
    const child = childSpan(parent);
    expect(child.traceId).toBe(parent.traceId);
    expect(child.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(child.spanId).not.toBe(parent.spanId);
    expect(child.parentSpanId).toBe(parent.spanId);
    expect(child).toMatchObject({ flags: 1, tracestate: 'a=b' });
  });

  it('starts sampled traces with random, valid ids', () => {
    const traces = Array.from({ length: 50 }, () => startTrace());
    expect(new Set(traces.map((t) => t.traceId)).size).toBe(50);
    for (const trace of traces) expect(parseTraceparent(formatTraceparent(trace))).toEqual(trace);
  });
});
