/**
 * Builders shared by the group specs. No test framework here: plain functions over the
 * coordinator's own types.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setLogSink } from '@joinedup/logging';
import { GroupCoordinator } from '../group-coordinator';
import { GroupCoordinatorOptions } from '../group-coordinator-options';
import { JoinGroupRequest, JoinGroupResult, SyncGroupResult } from '../group-types';

export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'joinedup-groups-'));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export function openCoordinator(
  dir: string,
  options: Omit<GroupCoordinatorOptions, 'dir'> = {},
): Promise<GroupCoordinator> {
  return GroupCoordinator.open({ dir, initialRebalanceDelayMs: 0, ...options });
}

export function joinRequest(overrides: Partial<JoinGroupRequest> = {}): JoinGroupRequest {
  return {
    groupId: 'council-tax',
    memberId: '',
    groupInstanceId: null,
    clientId: 'billing',
    clientHost: '/127.0.0.1',
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 10_000,
    protocolType: 'consumer',
    protocols: [{ name: 'roundrobin', metadata: Buffer.from('topics:rates') }],
    requireKnownMemberId: false,
    ...overrides,
  };
}

/** Joins `count` members at once; needs an initial rebalance delay so they land in one generation. */
export function joinMany(
  coordinator: GroupCoordinator,
  count: number,
  overrides: Partial<JoinGroupRequest> = {},
): Promise<JoinGroupResult[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      coordinator.joinGroup(joinRequest({ clientId: `billing-${i}`, ...overrides })),
    ),
  );
}

/** Every member syncs; the leader hands member i the assignment "part-i". */
export function syncAll(
  coordinator: GroupCoordinator,
  joined: JoinGroupResult[],
  groupId = 'council-tax',
): Promise<SyncGroupResult[]> {
  const leader = joined.find((j) => j.memberId === j.leaderId);
  const assignments = (leader?.members ?? []).map((m, i) => ({
    memberId: m.memberId,
    assignment: Buffer.from(`part-${i}`),
  }));
  return Promise.all(
    joined.map((j) =>
      coordinator.syncGroup({
        groupId,
        generationId: j.generationId,
        memberId: j.memberId,
        assignments: j.memberId === j.leaderId ? assignments : [],
      }),
    ),
  );
}

/** True once the promise has settled; lets pending I/O callbacks and timers of 0 ms run first. */
export async function hasSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface LogEntry {
  level: string;
  logger: string;
  msg: string;
  [key: string]: unknown;
}

/** Sends every log line to an array instead of stdout until `restore()`. */
export function captureLogs(): { entries: LogEntry[]; restore: () => void } {
  const entries: LogEntry[] = [];
  setLogSink({ write: (line) => entries.push(JSON.parse(line) as LogEntry) });
  return { entries, restore: () => setLogSink(undefined) };
}
