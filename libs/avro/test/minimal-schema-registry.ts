import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A real HTTP server speaking the few Confluent Schema Registry endpoints the serde calls,
 * for testing the client's wire behaviour: it records every request so specs can count them.
 * It is not a registry: no compatibility checks, no deletes, no config.
 */
export interface MinimalSchemaRegistry {
  url: string;
  /** Every request so far, as `GET /schemas/ids/1`. */
  requests: string[];
  /** Headers of the last request. */
  lastHeaders: IncomingMessage['headers'];
  /** Hold every answer this long, so concurrent requests overlap. */
  delayMs: number;
  /** Answer this many next requests with 500 / error_code 50001. */
  failNext: number;
  /** When set, requests without this Authorization header get 401. */
  requiredAuthorization?: string;
  /** Registers directly, as another producer would have. */
  add(subject: string, schema: string | object, schemaType?: string): number;
  countOf(request: string): number;
  close(): Promise<void>;
}

interface Stored {
  id: number;
  schema: string;
  schemaType?: string;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export async function startMinimalSchemaRegistry(): Promise<MinimalSchemaRegistry> {
  const byId = new Map<number, Stored>();
  const subjects = new Map<string, Stored[]>();

  const add = (subject: string, schema: string | object, schemaType?: string): number => {
    const text = typeof schema === 'string' ? schema : JSON.stringify(schema);
    const existing = [...byId.values()].find((s) => s.schema === text);
    const stored = existing ?? { id: byId.size + 1, schema: text, schemaType };
    byId.set(stored.id, stored);
    const versions = subjects.get(subject) ?? [];
    if (!versions.includes(stored)) versions.push(stored);
    subjects.set(subject, versions);
    return stored.id;
  };

  const state: Omit<MinimalSchemaRegistry, 'url' | 'close'> = {
    requests: [],
    lastHeaders: {},
    delayMs: 0,
    failNext: 0,
    add,
    countOf: (request) => state.requests.filter((r) => r === request).length,
  };

  const route = (method: string, path: string, body: Record<string, unknown>): [number, object] => {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (method === 'GET' && parts[0] === 'schemas' && parts[1] === 'ids') {
      const stored = byId.get(Number(parts[2]));
      if (!stored) return notFound(40403, 'Schema not found');
      return [
        200,
        { schema: stored.schema, ...(stored.schemaType ? { schemaType: stored.schemaType } : {}) },
      ];
    }
    if (parts[0] !== 'subjects' || parts[1] === undefined)
      return notFound(404, 'HTTP 404 Not Found');
    const subject = parts[1];
    const versions = subjects.get(subject);
    if (method === 'POST' && parts[2] === 'versions') {
      return [
        200,
        { id: add(subject, body.schema as string, body.schemaType as string | undefined) },
      ];
    }
    if (!versions) return notFound(40401, `Subject '${subject}' not found.`);
    if (method === 'POST' && parts.length === 2) {
      const index = versions.findIndex((s) => s.schema === body.schema);
      if (index < 0) return notFound(40403, 'Schema not found');
      return [200, describe(subject, versions, index)];
    }
    if (method === 'GET' && parts[2] === 'versions' && parts[3] !== undefined) {
      const index = parts[3] === 'latest' ? versions.length - 1 : Number(parts[3]) - 1;
      if (!versions[index]) return notFound(40402, `Version ${parts[3]} not found.`);
      return [200, describe(subject, versions, index)];
    }
    return notFound(404, 'HTTP 404 Not Found');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    state.requests.push(`${req.method} ${req.url}`);
    state.lastHeaders = req.headers;
    if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
    let answer: [number, object];
    if (state.failNext > 0) {
      state.failNext--;
      answer = [500, { error_code: 50001, message: 'Error in the backend data store' }];
    } else if (
      state.requiredAuthorization &&
      req.headers.authorization !== state.requiredAuthorization
    ) {
      answer = [401, { error_code: 401, message: 'Unauthorized' }];
    } else {
      answer = route(req.method ?? 'GET', req.url ?? '/', text ? JSON.parse(text) : {});
    }
    res.writeHead(answer[0], { 'Content-Type': CONTENT_TYPE });
    res.end(JSON.stringify(answer[1]));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      res.writeHead(500);
      res.end(JSON.stringify({ error_code: 500, message: err.message }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

function notFound(errorCode: number, message: string): [number, object] {
  return [404, { error_code: errorCode, message }];
}

function describe(subject: string, versions: Stored[], index: number): object {
  const stored = versions[index];
  return {
    subject,
    id: stored.id,
    version: index + 1,
    schema: stored.schema,
    ...(stored.schemaType ? { schemaType: stored.schemaType } : {}),
  };
}
