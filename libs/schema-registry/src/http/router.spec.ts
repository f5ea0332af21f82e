import { Router } from './router';

describe(Router.name, () => {
  const handler = () => 'ok';
  const sut = new Router()
    .add('GET', '/subjects', handler)
    .add('GET', '/subjects/:subject/versions/:version', handler)
    .add('DELETE', '/subjects/:subject/versions/:version', handler);

  it.each([
    ['GET', '/subjects', {}],
    ['GET', '/subjects/', {}],
    [
      'GET',
      '/subjects/orders-value/versions/latest',
      { subject: 'orders-value', version: 'latest' },
    ],
    ['DELETE', '/subjects/a%2Fb/versions/2', { subject: 'a/b', version: '2' }],
    ['GET', '/subjects/caf%C3%A9/versions/1', { subject: 'café', version: '1' }],
  ])('matches %s %s with its decoded parameters', (method, path, params) => {
    expect(sut.match(method, path)).toEqual({ kind: 'found', handler, params });
  });

  it.each([
    ['POST', '/subjects', 'method-not-allowed'],
    ['PUT', '/subjects/a/versions/1', 'method-not-allowed'],
    ['GET', '/subjects/a/versions', 'not-found'],
    ['GET', '/subjects/a/versions/1/extra', 'not-found'],
    ['GET', '/', 'not-found'],
  ])('answers %s %s with %s', (method, path, kind) => {
    expect(sut.match(method, path)).toEqual({ kind });
  });

  it('refuses broken percent-encoding with a 422 naming the segment', () => {
    expect(() => sut.match('GET', '/subjects/%E0%A4%A/versions/1')).toThrow('%E0%A4%A');
  });
});
