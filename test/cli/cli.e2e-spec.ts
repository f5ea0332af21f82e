import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import { AvroSerde } from '@joinedup/avro';
import {
  eventFromJson,
  findCatalogueEntry,
  loadCatalogue,
  loadEventType,
} from '@joinedup/contracts';
import { setLogLevel } from '@joinedup/logging';
import { publishCommand } from '../../apps/cli/src/commands/publish.command';
import { TailOptions, tailCommand } from '../../apps/cli/src/commands/tail.command';
import { topicsCommand } from '../../apps/cli/src/commands/topics.command';
import { kafkaClient } from '../support/kafka-client';
import { makeTempDir, removeDir } from '../support/temp-dir';
import {
  CapturedIo,
  exampleFiles,
  exampleWithId,
  HubHarness,
  JsonObject,
  publishedLines,
  readExample,
  runCliProcess,
} from './cli-harness';

jest.setTimeout(120_000);
setLogLevel('error');

const FROM_BEGINNING: TailOptions = {
  from: { kind: 'beginning' },
  follow: false,
  timeoutMs: 30_000,
};

describe('joinedup, the command-line tool', () => {
  const harness = new HubHarness();
  const catalogue = loadCatalogue();
  let workDir: string;

  beforeAll(async () => {
    workDir = makeTempDir('cli-files');
    await harness.start();
  });

  afterAll(async () => {
    await harness.stop();
    removeDir(workDir);
  });

  async function publish(files: string[]): Promise<{ code: number; captured: CapturedIo }> {
    const captured = new CapturedIo();
    const code = await publishCommand(files, harness.context(captured.io));
    return { code, captured };
  }

  async function tail(
    topic: string,
    options: TailOptions = FROM_BEGINNING,
    signal?: AbortSignal,
  ): Promise<{ code: number; captured: CapturedIo }> {
    const captured = new CapturedIo(signal);
    const code = await tailCommand(topic, options, harness.context(captured.io));
    return { code, captured };
  }

  function writeNdjson(name: string, lines: string[]): string {
    const file = join(workDir, name);
    writeFileSync(file, lines.join('\n') + '\n');
    return file;
  }

  async function produceRaw(
    topic: string,
    messages: { value: Buffer | null; timestamp?: string }[],
  ): Promise<void> {
    const producer = kafkaClient(harness.hub.kafka).producer();
    await producer.connect();
    try {
      for (const message of messages) await producer.send({ topic, messages: [message] });
    } finally {
      await producer.disconnect();
    }
  }

  describe('publish and tail in-process', () => {
    it('publishes every example to its catalogue topic and tails each back unchanged', async () => {
      const files = exampleFiles();
      const { code, captured } = await publish(files);

      expect(captured.err).toBe('');
      expect(code).toBe(0);
      const published = publishedLines(captured.out);
      expect(published).toHaveLength(files.length);
      for (const file of files) {
        expect(captured.out).toContain(`${file}: published 1, rejected 0`);
      }

      const topics = [...new Set(published.map((line) => line.topic))];
      const tails = await Promise.all(topics.map((topic) => tail(topic)));
      const printed = tails.flatMap(({ code: tailCode, captured: out }) => {
        expect(tailCode).toBe(0);
        expect(out.err).toBe('');
        return out.records;
      });

      for (const line of published) {
        const example = readExample(basename(line.where, '.json'));
        expect(line.topic).toBe(findCatalogueEntry(catalogue, line.eventType).topic);
        const record = printed.find(
          (candidate) =>
            candidate.topic === line.topic &&
            candidate.partition === line.partition &&
            candidate.offset === line.offset,
        );
        expect(record).toBeDefined();
        expect(record?.error).toBeUndefined();
        expect(record?.event).toEqual(example);
        expect(record?.key).toBe(example.subjectKey);
        expect(Number.isNaN(Date.parse(record?.timestamp ?? ''))).toBe(false);
      }
    });

    it('publishes the good events of a file and names each bad one by line and field', async () => {
      const good = [randomUUID(), randomUUID()];
      const badCharge = randomUUID();
      const file = writeNdjson('mixed.ndjson', [
        JSON.stringify(exampleWithId('BulkyCollectionBooked', good[0])),
        JSON.stringify({
          ...exampleWithId('BulkyCollectionBooked', badCharge),
          payload: {
            ...(readExample('BulkyCollectionBooked').payload as JsonObject),
            charge: '12.345',
          },
        }),
        '',
        JSON.stringify({
          ...exampleWithId('BulkyCollectionBooked', randomUUID()),
          eventType: 'NoSuchEvent',
        }),
        '{"eventType": "BulkyCollectionBooked", "eventId":',
        JSON.stringify(exampleWithId('ContainerRequested', good[1])),
      ]);

      const { code, captured } = await publish([file]);

      expect(code).toBe(1);
      expect(captured.out).toContain(`${file}: published 2, rejected 3`);
      expect(publishedLines(captured.out).map((line) => [line.where, line.eventId])).toEqual([
        [`${file}:1`, good[0]],
        [`${file}:6`, good[1]],
      ]);
      const rejections = captured.err.trim().split('\n');
      expect(rejections).toHaveLength(3);
      expect(rejections[0]).toMatch(
        new RegExp(`^rejected ${file}:2 BulkyCollectionBooked: payload\\.charge: expected decimal`),
      );
      expect(rejections[0]).toContain('scale 2');
      expect(rejections[0]).toContain('found "12.345"');
      expect(rejections[1]).toMatch(
        new RegExp(
          `^rejected ${file}:4 NoSuchEvent: eventType: "NoSuchEvent" is not an event type`,
        ),
      );
      expect(rejections[2]).toMatch(new RegExp(`^rejected ${file}:5: not JSON: .* at column \\d+`));

      const { captured: tailed } = await tail('joinedup.waste.requests.v1');
      const ids = tailed.records.map((record) => record.event?.eventId);
      expect(ids).toContain(good[0]);
      expect(ids).toContain(good[1]);
      expect(ids).not.toContain(badCharge);
    });

    it('reads a pretty-printed file that does not parse as JSON as one error with its line', async () => {
      const file = join(workDir, 'broken.json');
      writeFileSync(file, '{\n  "eventType": "BulkyCollectionBooked",\n  "eventId": 7,,\n}\n');

      const { code, captured } = await publish([file]);

      expect(code).toBe(1);
      expect(captured.err).toMatch(new RegExp(`^rejected ${file}:3: not JSON: .* at column 16`));
      expect(captured.out).toContain(`${file}: published 0, rejected 1`);
    });
  });

  describe('tail in-process', () => {
    it('prints an error line for each undecodable record and goes on to the next', async () => {
      const topic = `cli-undecodable-${randomUUID()}`;
      const example = readExample('DeathNotified');
      const entry = findCatalogueEntry(catalogue, 'DeathNotified');
      const serde = new AvroSerde({ registry: { url: harness.hub.registryUrl } });
      const valid = await serde.encode(
        entry.subject,
        eventFromJson(loadEventType(catalogue, entry), example),
      );
      const unknownSchemaId = Buffer.from([0, 0x7f, 0xff, 0xff, 0xff, 1, 2, 3]);
      await produceRaw(topic, [
        { value: Buffer.from('not avro at all') },
        { value: unknownSchemaId },
        { value: null },
        { value: valid },
      ]);

      const { code, captured } = await tail(topic);

      expect(code).toBe(0);
      const records = captured.records;
      expect(records.map((record) => record.offset)).toEqual([0, 1, 2, 3]);
      expect(records[0].error).toMatch(/^offset 0: cannot be decoded: .*magic byte/i);
      expect(records[1].error).toMatch(/^offset 1: cannot be decoded: .*2147483647/);
      expect(records[2].error).toBe('offset 2: the record has no value (a tombstone)');
      for (const record of records.slice(0, 3)) expect(record.event).toBeUndefined();
      expect(records[3].error).toBeUndefined();
      expect(records[3].event).toEqual(example);
    });

    it('starts at the first record written at or after --from <timestamp>', async () => {
      const topic = `cli-from-time-${randomUUID()}`;
      const entry = findCatalogueEntry(catalogue, 'DeathNotified');
      const serde = new AvroSerde({ registry: { url: harness.hub.registryUrl } });
      const type = loadEventType(catalogue, entry);
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      const times = [
        '2025-01-01T00:00:00.000Z',
        '2025-02-01T00:00:00.000Z',
        '2025-03-01T00:00:00.000Z',
      ];
      const values = await Promise.all(
        ids.map((id) =>
          serde.encode(entry.subject, eventFromJson(type, exampleWithId('DeathNotified', id))),
        ),
      );
      await produceRaw(
        topic,
        values.map((value, index) => ({ value, timestamp: String(Date.parse(times[index])) })),
      );

      const { code, captured } = await tail(topic, {
        ...FROM_BEGINNING,
        from: { kind: 'time', time: new Date('2025-01-15T00:00:00Z') },
      });

      expect(code).toBe(0);
      expect(captured.records.map((record) => record.event?.eventId)).toEqual(ids.slice(1));
      expect(captured.records.map((record) => record.timestamp)).toEqual(times.slice(1));
    });

    it('stops after --max records, and prints nothing --from end without --follow', async () => {
      const topic = `cli-max-${randomUUID()}`;
      await produceRaw(
        topic,
        [1, 2, 3].map((n) => ({ value: Buffer.from(`raw ${n}`) })),
      );

      const limited = await tail(topic, { ...FROM_BEGINNING, max: 2 });
      const fromEnd = await tail(topic, { ...FROM_BEGINNING, from: { kind: 'end' } });

      expect(limited.code).toBe(0);
      expect(limited.captured.records.map((record) => record.offset)).toEqual([0, 1]);
      expect(fromEnd.code).toBe(0);
      expect(fromEnd.captured.out).toBe('');
    });

    it('follows records written after it started until interrupted', async () => {
      const topic = `cli-follow-${randomUUID()}`;
      await produceRaw(topic, [{ value: Buffer.from('before the tail') }]);
      const interrupt = new AbortController();
      const captured = new CapturedIo(interrupt.signal);
      const following = tailCommand(
        topic,
        { from: { kind: 'beginning' }, follow: true },
        harness.context(captured.io),
      );

      try {
        await waitFor(() => captured.outLines.length === 1);
        await produceRaw(topic, [{ value: Buffer.from('after the tail started') }]);
        await waitFor(() => captured.outLines.length === 2);
      } finally {
        interrupt.abort();
      }

      expect(await following).toBe(0);
      expect(captured.records.map((record) => record.offset)).toEqual([0, 1]);
    });

    it('fails naming a topic that does not exist, without creating it', async () => {
      const topic = `cli-missing-${randomUUID()}`;

      const { code, captured } = await tail(topic);
      const listed = new CapturedIo();
      await topicsCommand(harness.context(listed.io));

      expect(code).toBe(1);
      expect(captured.err).toContain(`topic "${topic}" does not exist`);
      expect(listed.out).not.toContain(topic);
    });
  });

  describe('topics and failures in-process', () => {
    it('lists each topic with its partition count and end offsets', async () => {
      const topic = `cli-topics-${randomUUID()}`;
      await produceRaw(
        topic,
        [1, 2, 3, 4].map((n) => ({ value: Buffer.from(`raw ${n}`) })),
      );

      const captured = new CapturedIo();
      const code = await topicsCommand(harness.context(captured.io));

      expect(code).toBe(0);
      expect(captured.outLines[0]).toMatch(/^TOPIC\s+PARTITIONS\s+END OFFSETS$/);
      expect(captured.outLines).toContainEqual(
        expect.stringMatching(new RegExp(`^${topic}\\s+1\\s+0:4$`)),
      );
    });

    it('stops with the reason when Kafka cannot be reached, publishing nothing', async () => {
      const closedPort = await freePort();
      const captured = new CapturedIo();
      const code = await publishCommand([exampleFiles()[0]], {
        settings: {
          kafkaBrokers: [`127.0.0.1:${closedPort}`],
          schemaRegistryUrl: harness.hub.registryUrl,
        },
        io: captured.io,
      });

      expect(code).toBe(1);
      expect(captured.err).toContain(`cannot reach Kafka at 127.0.0.1:${closedPort}`);
      expect(captured.out).toContain('published 0, rejected 0; stopped before the end');
      expect(publishedLines(captured.out)).toEqual([]);
    });
  });

  describe('as a child process', () => {
    it('publishes and tails with exit status 0, and 1 when an event is rejected', async () => {
      const eventId = randomUUID();
      const good = writeNdjson('child-good.ndjson', [
        JSON.stringify(exampleWithId('DeathNotified', eventId)),
      ]);
      const bad = writeNdjson('child-bad.ndjson', [
        JSON.stringify({ ...exampleWithId('DeathNotified', randomUUID()), council: 42 }),
      ]);

      const [published, rejected] = await Promise.all([
        runCliProcess([...harness.flags, 'publish', good]),
        runCliProcess(['publish', bad], {
          JOINEDUP_KAFKA_BROKERS: harness.hub.kafka,
          JOINEDUP_SCHEMA_REGISTRY_URL: harness.hub.registryUrl,
        }),
      ]);
      expect(published.code).toBe(0);
      expect(publishedLines(published.stdout)).toHaveLength(1);
      expect(rejected.code).toBe(1);
      expect(rejected.stderr).toContain(`rejected ${bad}:1 DeathNotified: council: expected`);
      expect(rejected.stderr).toContain('found 42');

      const tailed = await runCliProcess([
        'tail',
        'joinedup.care.deaths.v1',
        ...harness.flags,
        '--timeout-ms',
        '30000',
      ]);
      expect(tailed.code).toBe(0);
      const events = tailed.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { event: JsonObject }).event);
      expect(events).toContainEqual(exampleWithId('DeathNotified', eventId));
    });

    it.each([
      [['--kafka', 'not-a-broker', 'topics'], {}, 'kafkaBrokers (--kafka) = "not-a-broker"'],
      [
        ['topics'],
        { JOINEDUP_KAFKA_BROKERS: 'host:port' },
        'kafkaBrokers (JOINEDUP_KAFKA_BROKERS)',
      ],
      [
        ['--registry', 'ftp://registry', 'tail', 'any'],
        {},
        'schemaRegistryUrl (--registry) = "ftp://registry": expected an http:// or https:// URL',
      ],
      [['tail', 'any', '--from', 'yesterday'], {}, 'expected beginning, end or an ISO 8601'],
      [['tail', 'any', '--max', '0'], {}, 'expected a whole number of at least 1'],
      [['unpublish'], {}, "unknown command 'unpublish'"],
    ])('exits 2 naming the bad setting or argument in %j', async (args, env, message) => {
      const result = await runCliProcess(args, env);

      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stdout).toBe('');
    });

    it('prints help for the tool and for each command', async () => {
      const [tool, tailHelp] = await Promise.all([
        runCliProcess(['--help']),
        runCliProcess(['tail', '--help']),
      ]);

      expect(tool.code).toBe(0);
      for (const command of ['publish', 'tail', 'topics', '--kafka', '--registry']) {
        expect(tool.stdout).toContain(command);
      }
      expect(tool.stdout).toContain('JOINEDUP_KAFKA_BROKERS');
      expect(tailHelp.code).toBe(0);
      for (const option of ['--from', '--max', '--timeout-ms', '--follow']) {
        expect(tailHelp.stdout).toContain(option);
      }
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A loopback port nothing listens on: bound by the system, then released. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
