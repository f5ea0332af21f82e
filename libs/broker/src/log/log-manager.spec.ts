import * as fs from 'fs';
import * as path from 'path';
import { ErrorCode } from '../protocol';
import { LogManager } from './log-manager';
import {
  captureLogs,
  makeTempDir,
  partitionDir,
  produce,
  produceRecords,
  removeDir,
  restoreLogs,
  testLogConfig,
} from './log-test-support';
import { LogConfig } from './log-types';
import { PartitionLog } from './partition-log';
import { buildBatch } from './test-batch';
import { MAX_PARTITIONS } from './topic-metadata';

describe(LogManager.name, () => {
  let dir: string;
  let config: LogConfig;
  let sut: LogManager;

  async function reopen(): Promise<void> {
    await sut.close();
    sut = await LogManager.open(config);
  }

  beforeEach(async () => {
    captureLogs();
    dir = makeTempDir();
    config = testLogConfig(path.join(dir, 'nested', 'logs'));
    sut = await LogManager.open(config);
  });

  afterEach(async () => {
    await sut.close();
    removeDir(dir);
    restoreLogs();
  });

  describe('createTopic', () => {
    it('creates the log directory, the partitions and the metadata file at once', () => {
      const created = sut.createTopic('council.tax', 3, { 'retention.ms': 60_000 });

      expect(created).toEqual({
        name: 'council.tax',
        partitions: 3,
        config: { 'retention.ms': 60_000 },
      });
      expect(sut.describeTopic('council.tax')).toEqual(created);
      expect(sut.listTopics()).toEqual([created]);
      expect(fs.readdirSync(config.dir).sort()).toEqual([
        'council.tax-0',
        'council.tax-1',
        'council.tax-2',
      ]);
      expect(fs.existsSync(path.join(partitionDir(config, 'council.tax', 0), 'topic.json'))).toBe(
        true,
      );
      expect(sut.partition('council.tax', 2)).toMatchObject({
        topic: 'council.tax',
        partition: 2,
        logEndOffset: 0,
      });
    });

    it('answers TOPIC_ALREADY_EXISTS for a second creation', () => {
      sut.createTopic('bins', 1);
      expect(() => sut.createTopic('bins', 2)).toThrow(
        expect.objectContaining({ code: ErrorCode.TOPIC_ALREADY_EXISTS }),
      );
      expect(sut.describeTopic('bins')?.partitions).toBe(1);
    });

    it.each([
      '',
      '.',
      '..',
      'a/b',
      '../escape',
      'with space',
      'émoji',
      'x'.repeat(250),
      'tab\tname',
    ])('rejects the topic name %j with INVALID_TOPIC_EXCEPTION', (name) => {
      expect(() => sut.createTopic(name, 1)).toThrow(
        expect.objectContaining({ code: ErrorCode.INVALID_TOPIC_EXCEPTION }),
      );
      expect(fs.readdirSync(config.dir)).toEqual([]);
    });

    it.each(['a', 'A.b_c-9', '...', '-leading-dash', 'x'.repeat(249)])(
      'accepts the legal topic name %j',
      (name) => {
        expect(sut.createTopic(name, 1).name).toBe(name);
      },
    );

    it.each([0, -1, 1.5, MAX_PARTITIONS + 1])(
      'rejects %p partitions with INVALID_PARTITIONS',
      (partitions) => {
        expect(() => sut.createTopic('t', partitions)).toThrow(
          expect.objectContaining({ code: ErrorCode.INVALID_PARTITIONS }),
        );
      },
    );

    it.each([
      [{ 'cleanup.policy': 'compact' }],
      [{ 'retention.ms': -2 }],
      [{ 'retention.bytes': 1.5 }],
      [{ 'segment.bytes': 10 }],
      [{ 'segment.bytes': 2 ** 31 }],
      [{ 'retention.ms': '1000' }],
    ])('rejects the config %j with INVALID_CONFIG', (topicConfig) => {
      expect(() => sut.createTopic('t', 1, topicConfig as never)).toThrow(
        expect.objectContaining({ code: ErrorCode.INVALID_CONFIG }),
      );
      expect(sut.describeTopic('t')).toBeUndefined();
    });

    it('wipes a partition directory left by a creation that crashed before its metadata', async () => {
      fs.mkdirSync(path.join(config.dir, 'rates-0'));
      fs.writeFileSync(path.join(config.dir, 'rates-0', '00000000000000000000.log'), 'left over');
      sut.createTopic('rates', 1);
      expect(sut.partition('rates', 0)?.logEndOffset).toBe(0);
      await reopen();
      expect(sut.partition('rates', 0)?.logEndOffset).toBe(0);
    });
  });

  describe('deleteTopic', () => {
    it('removes the topic and its files', () => {
      sut.createTopic('parking', 2);
      produceRecords(sut.partition('parking', 1) as PartitionLog, 3);
      sut.createTopic('parking-permits', 1);

      sut.deleteTopic('parking');

      expect(sut.describeTopic('parking')).toBeUndefined();
      expect(sut.partition('parking', 0)).toBeUndefined();
      expect(fs.readdirSync(config.dir)).toEqual(['parking-permits-0']);
    });

    it('answers UNKNOWN_TOPIC_OR_PARTITION for a topic that does not exist', () => {
      expect(() => sut.deleteTopic('nope')).toThrow(
        expect.objectContaining({ code: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION }),
      );
    });

    it('lets a topic of the same name be created again, empty', () => {
      sut.createTopic('parking', 1);
      produceRecords(sut.partition('parking', 0) as PartitionLog, 3);
      sut.deleteTopic('parking');
      sut.createTopic('parking', 1);
      expect(sut.partition('parking', 0)?.logEndOffset).toBe(0);
    });

    it('finishes a deletion interrupted by a crash at the next open', async () => {
      sut.createTopic('parking', 1);
      await sut.close();
      fs.renameSync(
        path.join(config.dir, 'parking-0'),
        path.join(config.dir, 'parking-0.abc-delete'),
      );
      sut = await LogManager.open(config);
      expect(sut.listTopics()).toEqual([]);
      expect(fs.readdirSync(config.dir)).toEqual([]);
    });
  });

  describe('open and close', () => {
    it('restores every topic, partition, config and offset after close', async () => {
      sut.createTopic('a', 2, { 'retention.bytes': 1_000_000 });
      sut.createTopic('b-1', 1);
      produceRecords(sut.partition('a', 0) as PartitionLog, 4);
      produceRecords(sut.partition('a', 1) as PartitionLog, 2);
      produceRecords(sut.partition('b-1', 0) as PartitionLog, 1);

      await reopen();

      expect(sut.listTopics().sort((x, y) => x.name.localeCompare(y.name))).toEqual([
        { name: 'a', partitions: 2, config: { 'retention.bytes': 1_000_000 } },
        { name: 'b-1', partitions: 1, config: {} },
      ]);
      expect(
        [sut.partition('a', 0), sut.partition('a', 1), sut.partition('b-1', 0)].map(
          (l) => l?.logEndOffset,
        ),
      ).toEqual([4, 2, 1]);
    });

    it('closes every file descriptor it opened', async () => {
      await sut.close();
      const before = fs.readdirSync('/proc/self/fd').length;
      sut = await LogManager.open(config);
      sut.createTopic('fds', 4);
      for (let p = 0; p < 4; p++) produceRecords(sut.partition('fds', p) as PartitionLog, 1);
      await sut.partition('fds', 0)?.waitDurable(-1);
      await sut.close();
      expect(fs.readdirSync('/proc/self/fd').length).toBe(before);
    });

    it('ignores directories that belong to no topic', async () => {
      fs.mkdirSync(path.join(config.dir, 'stranger-0'));
      fs.mkdirSync(path.join(config.dir, 'not a partition'));
      await reopen();
      expect(sut.listTopics()).toEqual([]);
      expect(fs.existsSync(path.join(config.dir, 'stranger-0'))).toBe(true);
    });

    it('recreates a missing partition directory empty', async () => {
      sut.createTopic('gaps', 2);
      await sut.close();
      removeDir(path.join(config.dir, 'gaps-1'));
      sut = await LogManager.open(config);
      expect(sut.partition('gaps', 1)?.logEndOffset).toBe(0);
    });
  });

  describe('partition and onAppend', () => {
    it('returns undefined for an unknown topic or partition', () => {
      sut.createTopic('x', 1);
      expect(sut.partition('y', 0)).toBeUndefined();
      expect(sut.partition('x', 1)).toBeUndefined();
    });

    it('calls listeners after each append until they unsubscribe', () => {
      sut.createTopic('x', 1);
      const log = sut.partition('x', 0) as PartitionLog;
      const seen: number[] = [];
      const unsubscribe = sut.onAppend((l) => seen.push(l.logEndOffset));

      produceRecords(log, 2);
      produceRecords(log, 1);
      unsubscribe();
      produceRecords(log, 1);

      expect(seen).toEqual([2, 3]);
    });

    it('does not call listeners for a resend that wrote nothing', () => {
      sut.createTopic('x', 1);
      const log = sut.partition('x', 0) as PartitionLog;
      const batch = (): Buffer =>
        buildBatch({ records: [{ value: 'v' }], producerId: 1, epoch: 0, baseSequence: 0 });
      const listener = jest.fn();
      sut.onAppend(listener);
      produce(log, batch());
      produce(log, batch());
      expect(listener).toHaveBeenCalledTimes(1);
    });

    it('keeps appending when a listener throws', () => {
      sut.createTopic('x', 1);
      sut.onAppend(() => {
        throw new Error('listener bug');
      });
      expect(produceRecords(sut.partition('x', 0) as PartitionLog, 1).baseOffset).toBe(0);
    });
  });
});
