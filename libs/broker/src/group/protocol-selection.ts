import { GroupProtocol } from './group-types';

/** What protocol selection needs to know about one member. */
export interface ProtocolPreferences {
  /** The member's protocols, most preferred first. */
  protocols: readonly GroupProtocol[];
}

/** True when every member offers a protocol of this name. */
export function supportedByAll(name: string, members: Iterable<ProtocolPreferences>): boolean {
  for (const member of members) {
    if (!member.protocols.some((p) => p.name === name)) return false;
  }
  return true;
}

/**
 * Chooses the group's protocol as Kafka does (GroupMetadata.selectProtocol): the candidates are
 * the protocols every member supports; each member votes for the first candidate in its own
 * order of preference, and the most votes win. A tie goes to the candidate the first member
 * prefers, so the choice is deterministic. Returns null when the members share no protocol.
 */
export function selectProtocol(members: readonly ProtocolPreferences[]): string | null {
  if (members.length === 0) return null;
  const candidates = members[0].protocols
    .map((p) => p.name)
    .filter((name) => supportedByAll(name, members));
  if (candidates.length === 0) return null;

  const votes = new Map<string, number>(candidates.map((name) => [name, 0]));
  for (const member of members) {
    const vote = member.protocols.find((p) => votes.has(p.name));
    if (vote) votes.set(vote.name, (votes.get(vote.name) ?? 0) + 1);
  }
  let best = candidates[0];
  for (const name of candidates) {
    if ((votes.get(name) ?? 0) > (votes.get(best) ?? 0)) best = name;
  }
  return best;
}
