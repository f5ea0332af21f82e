import { ChildProcess } from 'node:child_process';
import type { DatabaseOptions } from '@joinedup/persistence';
import { spawnTs, waitForExit, waitForLine } from '../../support/spawn-ts';
import { BackboneHarness, BackboneScope } from './backbone-harness';

const ENTRY = 'test/backbone/support/consumer-app.main.ts';

/** consumer-app.main.ts running in a child process, with what it has printed so far. */
export class ConsumerProcess {
  readonly lines: Record<string, unknown>[] = [];
  private buffered = '';

  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => {
      this.buffered += chunk.toString();
      const lines = this.buffered.split('\n');
      this.buffered = lines.pop() ?? '';
      for (const text of lines) {
        if (text.startsWith('{"event"')) this.lines.push(JSON.parse(text));
      }
    });
  }

  static async start(
    harness: BackboneHarness,
    scope: BackboneScope,
    groupId: string,
    database: DatabaseOptions,
    handlerDelayMs: number,
    joinOnSignal = false,
  ): Promise<ConsumerProcess> {
    const child = spawnTs(ENTRY, [], {
      BACKBONE_BOOTSTRAP: harness.bootstrap,
      BACKBONE_REGISTRY_URL: harness.registry.url,
      BACKBONE_CONTRACTS_DIR: scope.contractsDir,
      BACKBONE_GROUP_ID: groupId,
      BACKBONE_DATABASE_URL: database.url ?? '',
      BACKBONE_SQLITE_PATH: database.sqlitePath,
      BACKBONE_HANDLER_DELAY_MS: String(handlerDelayMs),
      BACKBONE_JOIN_ON_SIGNAL: joinOnSignal ? '1' : '0',
    });
    const consumer = new ConsumerProcess(child);
    await waitForLine(child, joinOnSignal ? /"event":"loaded"/ : /"event":"ready"/, 60_000);
    return consumer;
  }

  /** Joins the group now (after start with joinOnSignal); resolves once it has joined. */
  async join(): Promise<void> {
    const ready = waitForLine(this.child, /"event":"ready"/, 30_000);
    this.child.kill('SIGUSR2');
    await ready;
  }

  /** Event ids whose handler this process has started, in order. */
  handling(): string[] {
    return this.lines.filter((l) => l.event === 'handling').map((l) => String(l.eventId));
  }

  kill(): Promise<number | null> {
    this.child.kill('SIGKILL');
    return waitForExit(this.child);
  }

  /** Graceful stop (SIGTERM): drains, leaves the group, exits. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    await waitForExit(this.child);
  }
}
