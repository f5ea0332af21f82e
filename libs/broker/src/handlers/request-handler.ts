import { Reader, RequestHeader, Writer } from '../protocol';

export interface ConnectionInfo {
  id: number;
  /** host:port of the client, for logs. */
  remoteAddress: string;
}

export interface RequestContext {
  header: RequestHeader;
  /** The request body, positioned after the header. */
  body: Reader;
  connection: ConnectionInfo;
}

/**
 * A handler decodes one request body and encodes its response body (the server adds the size
 * and the response header). null means "send no response", as Produce with acks=0 requires.
 * Throwing ProtocolError closes the connection; throwing anything else is logged and also
 * closes it, because the client can no longer match responses to requests.
 */
export type RequestHandler = (ctx: RequestContext) => Writer | null | Promise<Writer | null>;

export type HandlerTable = Partial<Record<number, RequestHandler>>;
