/**
 * Durable log storage of the embedded broker.
 *
 * On-disk layout, under LogConfig.dir:
 *
 *   <topic>-<partition>/                one directory per partition (Kafka's naming)
 *     00000000000000000000.log          segment: whole RecordBatch v2 batches, as produced,
 *                                       with baseOffset rewritten; named by its base offset
 *     00000000000000000000.index        sparse offset index: int32 offset relative to the
 *                                       base, int32 file position; one entry per
 *                                       indexIntervalBytes of log
 *     00000000000000000000.timeindex    time index: int64 newest timestamp of the batches
 *                                       before the entry, int32 relative offset
 *     00000000000000012345.log ...      next segment, rolled at segment.bytes
 *   <topic>-0/topic.json                the topic's partition count and config overrides,
 *                                       written atomically (temp, fsync, rename). Its
 *                                       presence is what makes the topic exist: creation
 *                                       writes it last; deletion first renames <topic>-0.
 *   <topic>-<partition>.<id>-delete/    a partition being deleted; removed on sight.
 *
 * Index files of closed segments are read on demand; only the active segment's indexes are in
 * memory. At open every partition's active segment is scanned batch by batch (size bounds,
 * CRC-32C, offset continuity), cut at the first torn batch, and its indexes rebuilt. Closed
 * segments are checked from their last index entry to their end and rebuilt when damaged.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createLogger } from '@joinedup/logging';
import { ErrorCode, KafkaError } from '../protocol';
import { Flusher } from './flusher';
import { fsyncDirSync } from './log-files';
import { LogConfig, TopicConfig, TopicDescription } from './log-types';
import { PartitionLog, PartitionLogOptions } from './partition-log';
import {
  assertValidPartitionCount,
  assertValidTopicConfig,
  effectiveConfig,
  readTopicMetadata,
  writeTopicMetadata,
} from './topic-metadata';
import { assertValidTopicName, parsePartitionDirName, partitionDirName } from './topic-name';

const DELETING_DIR = /-delete$/;

interface Topic {
  description: TopicDescription;
  partitions: PartitionLog[];
}

export type AppendListener = (log: PartitionLog) => void;

export class LogManager {
  private readonly log = createLogger('LogManager');
  private readonly topics = new Map<string, Topic>();
  private readonly listeners = new Set<AppendListener>();
  private readonly flusher: Flusher;
  private readonly retentionTimer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(private readonly config: LogConfig) {
    this.flusher = new Flusher(config.flush.intervalMs);
    if (config.retentionCheckIntervalMs > 0) {
      this.retentionTimer = setInterval(
        () => this.enforceRetention(),
        config.retentionCheckIntervalMs,
      );
      this.retentionTimer.unref();
    }
  }

  /** Creates the directory if needed, then loads and recovers every topic in it. */
  static async open(config: LogConfig): Promise<LogManager> {
    assertValidLogConfig(config);
    fs.mkdirSync(config.dir, { recursive: true });
    const manager = new LogManager(config);
    try {
      manager.loadTopics();
    } catch (err) {
      await manager.close();
      throw err;
    }
    return manager;
  }

  /** fsync calls made by flushes so far (files and directories), for tests and metrics. */
  get fsyncCount(): number {
    return this.flusher.fsyncCount;
  }

  /** Flush cycles run so far; waiters of one cycle share its fsyncs. */
  get flushCycleCount(): number {
    return this.flusher.cycleCount;
  }

  listTopics(): TopicDescription[] {
    return [...this.topics.values()].map((t) => copyDescription(t.description));
  }

  describeTopic(name: string): TopicDescription | undefined {
    const topic = this.topics.get(name);
    return topic && copyDescription(topic.description);
  }

  /**
   * Creates a topic synchronously, so that Metadata answered right after shows its leaders.
   * Throws KafkaError TOPIC_ALREADY_EXISTS, INVALID_TOPIC_EXCEPTION, INVALID_PARTITIONS or
   * INVALID_CONFIG.
   */
  createTopic(name: string, partitions: number, config: TopicConfig = {}): TopicDescription {
    this.assertOpen();
    assertValidTopicName(name);
    if (this.topics.has(name)) {
      throw new KafkaError(ErrorCode.TOPIC_ALREADY_EXISTS, `topic "${name}" already exists`);
    }
    assertValidPartitionCount(partitions);
    assertValidTopicConfig(config);

    const description: TopicDescription = { name, partitions, config: { ...config } };
    const logs: PartitionLog[] = [];
    try {
      for (let p = 0; p < partitions; p++) {
        const dir = this.partitionDir(name, p);
        // Left by a creation that crashed before its metadata file: never part of a topic.
        fs.rmSync(dir, { recursive: true, force: true });
        logs.push(PartitionLog.create(this.partitionOptions(description, p)));
      }
      writeTopicMetadata(this.partitionDir(name, 0), description);
      fsyncDirSync(this.config.dir);
    } catch (err) {
      for (const log of logs) {
        log.close();
        fs.rmSync(log.dir, { recursive: true, force: true });
      }
      throw err;
    }
    this.topics.set(name, { description, partitions: logs });
    this.log.info('created topic', { topic: name, partitions });
    return copyDescription(description);
  }

  /** Deletes a topic and its files. Throws KafkaError UNKNOWN_TOPIC_OR_PARTITION. */
  deleteTopic(name: string): void {
    this.assertOpen();
    const topic = this.topics.get(name);
    if (!topic)
      throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `topic "${name}" does not exist`);
    this.topics.delete(name);
    for (const log of topic.partitions) log.markDeleted();

    // Renaming partition 0 first removes the metadata file from its place in one atomic step;
    // a crash later leaves only "-delete" directories, which the next open removes.
    const suffix = `.${Date.now().toString(36)}-delete`;
    const doomed = topic.partitions.map((log) => {
      const target = log.dir + suffix;
      fs.renameSync(log.dir, target);
      return target;
    });
    fsyncDirSync(this.config.dir);
    for (const dir of doomed) fs.rmSync(dir, { recursive: true, force: true });
    this.log.info('deleted topic', { topic: name, partitions: topic.partitions.length });
  }

  partition(topic: string, partition: number): PartitionLog | undefined {
    return this.topics.get(topic)?.partitions[partition];
  }

  /** Calls `listener` after each append that wrote data (e.g. to wake parked fetches). */
  onAppend(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Resolves once everything appended so far is on disk. */
  async flushAll(): Promise<void> {
    await this.flusher.requestCycle();
  }

  /** Applies retention to every partition now (also run every retentionCheckIntervalMs). */
  enforceRetention(now = Date.now()): void {
    for (const topic of this.topics.values()) {
      for (const log of topic.partitions) {
        try {
          log.enforceRetention(now);
        } catch (err) {
          this.log.error('retention failed', {
            topic: log.topic,
            partition: log.partition,
            error: err,
          });
        }
      }
    }
  }

  /** Stops timers, finishes pending flushes, flushes what is dirty and closes every file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    await this.flusher.stop();
    for (const topic of this.topics.values()) {
      for (const log of topic.partitions) log.close();
    }
    this.topics.clear();
    this.listeners.clear();
  }

  private loadTopics(): void {
    const entries = fs
      .readdirSync(this.config.dir, { withFileTypes: true })
      .filter((e) => e.isDirectory());
    for (const entry of entries) {
      if (DELETING_DIR.test(entry.name)) {
        fs.rmSync(path.join(this.config.dir, entry.name), { recursive: true, force: true });
      }
    }
    for (const entry of entries) {
      const parsed = parsePartitionDirName(entry.name);
      if (parsed?.partition !== 0 || DELETING_DIR.test(entry.name)) continue;
      const description = readTopicMetadata(path.join(this.config.dir, entry.name));
      if (!description) continue;
      if (description.name !== parsed.topic) {
        throw new Error(
          `${entry.name}/topic.json names topic "${description.name}"; expected "${parsed.topic}"`,
        );
      }
      this.loadTopic(description);
    }
    this.warnAboutStrangers(entries.map((e) => e.name));
  }

  private loadTopic(description: TopicDescription): void {
    const partitions: PartitionLog[] = [];
    for (let p = 0; p < description.partitions; p++) {
      const options = this.partitionOptions(description, p);
      const exists = fs.existsSync(options.dir);
      if (!exists)
        this.log.warn('partition directory missing; recreating it empty', {
          topic: description.name,
          partition: p,
        });
      partitions.push(exists ? PartitionLog.open(options) : PartitionLog.create(options));
    }
    this.topics.set(description.name, { description, partitions });
  }

  private warnAboutStrangers(names: string[]): void {
    for (const name of names) {
      const parsed = parsePartitionDirName(name);
      const topic = parsed && this.topics.get(parsed.topic);
      if (DELETING_DIR.test(name) || (topic && parsed.partition < topic.description.partitions))
        continue;
      this.log.warn('ignoring directory that belongs to no topic', { dir: name });
    }
  }

  private partitionOptions(description: TopicDescription, partition: number): PartitionLogOptions {
    return {
      topic: description.name,
      partition,
      dir: this.partitionDir(description.name, partition),
      config: effectiveConfig(this.config, description.config),
      flushMode: this.config.flush.mode,
      flusher: this.flusher,
      onAppend: (log) => this.notify(log),
    };
  }

  private partitionDir(topic: string, partition: number): string {
    return path.join(this.config.dir, partitionDirName(topic, partition));
  }

  private notify(log: PartitionLog): void {
    for (const listener of this.listeners) {
      try {
        listener(log);
      } catch (err) {
        this.log.error('append listener failed', {
          topic: log.topic,
          partition: log.partition,
          error: err,
        });
      }
    }
  }

  private assertOpen(): void {
    if (this.closed)
      throw new KafkaError(ErrorCode.NOT_LEADER_OR_FOLLOWER, 'the log manager is closed');
  }
}

function copyDescription(d: TopicDescription): TopicDescription {
  return { name: d.name, partitions: d.partitions, config: { ...d.config } };
}

function assertValidLogConfig(config: LogConfig): void {
  const positive: (keyof LogConfig)[] = ['segmentBytes'];
  for (const key of positive) {
    const value = config[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw new Error(`LogConfig.${key} is ${JSON.stringify(value)}; expected a positive integer`);
    }
  }
  if (config.segmentBytes > 2 ** 31 - 1) {
    throw new Error(
      `LogConfig.segmentBytes is ${config.segmentBytes}; index positions limit a segment to 2147483647 bytes`,
    );
  }
}
