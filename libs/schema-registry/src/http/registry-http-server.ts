import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { createLogger } from '@joinedup/logging';
import { RegistryError, RegistryErrors } from '../errors/registry.error';
import { RawJson, RouteRequest, Router } from './router';

const RESPONSE_CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/** What Confluent's registry accepts; a request without a content type is read as JSON too. */
const ACCEPTED_CONTENT_TYPES = new Set([
  'application/vnd.schemaregistry.v1+json',
  'application/vnd.schemaregistry+json',
  'application/json',
  'application/octet-stream',
]);

/** An oversized body is read and dropped up to this many times the limit, then the socket is cut. */
const DISCARD_FACTOR = 8;

/** How long close() lets in-flight requests finish before cutting their connections. */
const CLOSE_GRACE_MS = 5_000;

export interface HttpServerOptions {
  host: string;
  port: number;
  maxBodyBytes: number;
}

/**
 * The registry's HTTP face on Node's own http module: one router, Confluent's content types and
 * error bodies, a body size limit. One debug line per request; server errors at warn.
 */
export class RegistryHttpServer {
  private readonly log = createLogger(RegistryHttpServer.name);
  private readonly server: Server;

  constructor(
    private readonly router: Router,
    private readonly options: HttpServerOptions,
  ) {
    this.server = createServer({ keepAlive: true }, (req, res) => {
      void this.handle(req, res);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const timer = setTimeout(() => this.server.closeAllConnections(), CLOSE_GRACE_MS);
    timer.unref();
    await closed;
    clearTimeout(timer);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const method = req.method ?? 'GET';
    const { path, query } = splitUrl(req.url ?? '/');
    let status: number;
    try {
      const result = await this.route(method, path, query, req);
      status = 200;
      send(res, status, result instanceof RawJson ? result.text : JSON.stringify(result));
    } catch (err) {
      const error = asRegistryError(err);
      status = error.status;
      if (error.isServerError) {
        this.log.warn('request failed', {
          method,
          path,
          status,
          errorCode: error.errorCode,
          error: (error.cause as Error) ?? error,
        });
      }
      send(res, status, JSON.stringify(error.toBody()));
    }
    this.log.debug('request', { method, path, status, ms: elapsedMs(started) });
  }

  private async route(
    method: string,
    path: string,
    query: URLSearchParams,
    req: IncomingMessage,
  ): Promise<unknown> {
    if (path === '/' && method === 'GET') return {};
    const match = this.router.match(method, path);
    switch (match.kind) {
      case 'not-found':
        throw RegistryErrors.notFound();
      case 'method-not-allowed':
        throw RegistryErrors.methodNotAllowed();
      case 'found': {
        const request: RouteRequest = {
          params: match.params,
          query,
          json: () => readJsonBody(req, this.options.maxBodyBytes),
        };
        return match.handler(request);
      }
    }
  }
}

function splitUrl(url: string): { path: string; query: URLSearchParams } {
  const mark = url.indexOf('?');
  if (mark < 0) return { path: url, query: new URLSearchParams() };
  return { path: url.slice(0, mark), query: new URLSearchParams(url.slice(mark + 1)) };
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': RESPONSE_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function asRegistryError(err: unknown): RegistryError {
  if (err instanceof RegistryError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new RegistryError(500, 50001, `Internal error: ${message}`, { cause: err });
}

function elapsedMs(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Checks the content type, reads at most `limit` bytes and parses them as JSON. */
async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  assertAcceptedContentType(req.headers['content-type']);
  const text = await readBody(req, limit);
  if (text.trim() === '') throw RegistryErrors.invalidJson('the body is empty');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw RegistryErrors.invalidJson((err as Error).message);
  }
}

function assertAcceptedContentType(header: string | undefined): void {
  if (header === undefined) return;
  const mediaType = header.split(';')[0].trim().toLowerCase();
  if (!ACCEPTED_CONTENT_TYPES.has(mediaType)) throw RegistryErrors.unsupportedMediaType(header);
}

/**
 * Reads the body. One over the limit is read on and dropped, so the client, still sending, gets
 * the 413 on a healthy connection; past DISCARD_FACTOR times the limit the socket is cut.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limit) chunks.push(chunk);
      else if (received > limit * DISCARD_FACTOR) req.destroy();
    });
    req.on('end', () => {
      if (received > limit) reject(RegistryErrors.payloadTooLarge(limit));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(RegistryErrors.payloadTooLarge(limit));
    });
  });
}
