/**
 * What the group journal holds, one JSON object per line. Every record sets a key to its full
 * value (a whole group, or the latest offsets of some partitions) or removes it, so replaying a
 * record twice changes nothing: a journal replayed over the snapshot compacted from it ends in
 * the same state. Byte fields are base64.
 */
export interface StoredMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: { name: string; metadata: string }[];
  assignment: string;
}

export interface StoredGroup {
  groupId: string;
  /** Only settled states are stored; a group restored with members is Stable. */
  state: 'Empty' | 'Stable';
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leaderId: string | null;
  members: StoredMember[];
}

export interface StoredOffset {
  topic: string;
  partition: number;
  offset: number;
  metadata: string;
  commitTimestamp: number;
}

export type JournalRecord =
  | { kind: 'group'; group: StoredGroup }
  | { kind: 'offsets'; groupId: string; offsets: StoredOffset[] }
  | { kind: 'group-removed'; groupId: string };

export class JournalFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JournalFormatError';
  }
}

export function encodeRecord(record: JournalRecord): string {
  return JSON.stringify(record) + '\n';
}

/** Parses one journal line, checking the fields replay relies on. */
export function decodeRecord(line: string): JournalRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new JournalFormatError(`not JSON: ${(err as Error).message}`);
  }
  if (!isObject(value)) throw new JournalFormatError('not a JSON object');
  switch (value.kind) {
    case 'group':
      if (!isStoredGroup(value.group)) throw new JournalFormatError('malformed group record');
      return { kind: 'group', group: value.group };
    case 'offsets':
      if (typeof value.groupId !== 'string' || !isOffsetList(value.offsets)) {
        throw new JournalFormatError('malformed offsets record');
      }
      return { kind: 'offsets', groupId: value.groupId, offsets: value.offsets };
    case 'group-removed':
      if (typeof value.groupId !== 'string') {
        throw new JournalFormatError('malformed group-removed record');
      }
      return { kind: 'group-removed', groupId: value.groupId };
    default:
      throw new JournalFormatError(`unknown record kind ${JSON.stringify(value.kind)}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStoredGroup(value: unknown): value is StoredGroup {
  return (
    isObject(value) &&
    typeof value.groupId === 'string' &&
    (value.state === 'Empty' || value.state === 'Stable') &&
    Number.isInteger(value.generationId) &&
    Array.isArray(value.members) &&
    value.members.every(isStoredMember)
  );
}

function isStoredMember(value: unknown): value is StoredMember {
  return (
    isObject(value) &&
    typeof value.memberId === 'string' &&
    Number.isInteger(value.sessionTimeoutMs) &&
    Number.isInteger(value.rebalanceTimeoutMs) &&
    typeof value.assignment === 'string' &&
    Array.isArray(value.protocols)
  );
}

function isOffsetList(value: unknown): value is StoredOffset[] {
  return (
    Array.isArray(value) &&
    value.every(
      (o) =>
        isObject(o) &&
        typeof o.topic === 'string' &&
        Number.isInteger(o.partition) &&
        Number.isInteger(o.offset) &&
        typeof o.metadata === 'string' &&
        typeof o.commitTimestamp === 'number',
    )
  );
}
