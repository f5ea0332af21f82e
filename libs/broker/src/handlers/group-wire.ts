import { Reader } from '../protocol';

/** Where FindCoordinator sends clients: this broker, as it is currently advertised. */
export type CoordinatorNode = () => { nodeId: number; host: string; port: number };

/**
 * A group id, with null read as "" so that it is refused with INVALID_GROUP_ID like an empty
 * id instead of closing the connection.
 */
export function readGroupId(r: Reader): string {
  return r.nullableString('group_id') ?? '';
}

/** A member id; null is treated as "" (a member without an id). */
export function readMemberId(r: Reader): string {
  return r.nullableString('member_id') ?? '';
}

/**
 * The client host DescribeGroups reports, in Kafka's form ("/127.0.0.1"): the connection's
 * remote address ("host:port") without its port.
 */
export function clientHost(remoteAddress: string): string {
  const colon = remoteAddress.lastIndexOf(':');
  const hasPort = colon > 0 && /^\d+$/.test(remoteAddress.slice(colon + 1));
  const host = hasPort ? remoteAddress.slice(0, colon) : remoteAddress;
  return `/${host.replace(/^\[(.*)\]$/, '$1')}`;
}

/** A copy of bytes read from a request frame, so stored state never pins the frame's buffer. */
export function copyBytes(bytes: Buffer): Buffer {
  return Buffer.from(bytes);
}
