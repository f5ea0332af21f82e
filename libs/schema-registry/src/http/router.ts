import { RegistryErrors } from '../errors/registry.error';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What a route sees of a request. */
export interface RouteRequest {
  /** Path parameters by name, already percent-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Reads and parses the JSON body (content type and size checked). */
  json(): Promise<unknown>;
}

/** A body that is already JSON text, sent as it is (the bare-schema endpoints). */
export class RawJson {
  constructor(readonly text: string) {}
}

export type RouteResult = unknown;
export type RouteHandler = (request: RouteRequest) => RouteResult | Promise<RouteResult>;

interface Route {
  method: HttpMethod;
  segments: string[];
  handler: RouteHandler;
}

export type RouteMatch =
  | { kind: 'found'; handler: RouteHandler; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

/**
 * Matches a method and a path to a handler. Patterns are literal segments and `:name`
 * captures of one whole segment: `/subjects/:subject/versions/:version`. A subject holding a
 * slash arrives encoded (`%2F`) and is decoded after the split, so it stays one segment.
 */
export class Router {
  private readonly routes: Route[] = [];

  add(method: HttpMethod, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method, segments: splitPath(pattern), handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const segments = splitPath(path);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) return { kind: 'found', handler: route.handler, params };
    }
    return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i];
    if (expected.startsWith(':')) params[expected.slice(1)] = decodeSegment(actual[i]);
    else if (expected !== actual[i]) return undefined;
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw RegistryErrors.invalidRequest(
      `The path segment ${JSON.stringify(segment)} is not valid percent-encoding`,
    );
  }
}
