import { readErrorBody } from './dvla-error-body';

describe('readErrorBody', () => {
  it.each([
    ['a string', '404', 404],
    ['a number', 404, 404],
    ['missing', undefined, 503],
    ['not a status', 'oops', 503],
  ])('reads an entry whose status is %s', (_case, status, expected) => {
    const body = { errors: [{ status, code: 'ENQ103', title: 'Bad', detail: 'x', extra: 1 }] };
    expect(readErrorBody(body, 503)).toEqual({
      shape: 'dvla',
      errors: [{ status: expected, code: 'ENQ103', title: 'Bad', detail: 'x' }],
    });
  });

  it("reads a gateway's {message} answer as one entry with the HTTP status", () => {
    expect(readErrorBody({ message: 'Forbidden' }, 403)).toEqual({
      shape: 'gateway',
      errors: [{ status: 403, code: null, title: 'Forbidden', detail: null }],
    });
  });

  it.each([
    ['no body', undefined],
    ['an array', [1, 2]],
    ['an object of neither shape', { error: 'x' }],
  ])('finds no errors in %s', (_case, body) => {
    expect(readErrorBody(body, 500)).toEqual({ shape: 'none', errors: [] });
  });

  it('keeps missing fields as null and a numeric code as text', () => {
    expect(readErrorBody({ errors: [{ code: 105 }, 'junk'] }, 400).errors).toEqual([
      { status: 400, code: '105', title: null, detail: null },
    ]);
  });
});
