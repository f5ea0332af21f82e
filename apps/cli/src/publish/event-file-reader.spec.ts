import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileEntry, readEventFile } from './event-file-reader';

describe(readEventFile.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'joinedup-event-file-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function read(name: string, text: string): Promise<FileEntry[]> {
    const file = join(dir, name);
    writeFileSync(file, text);
    const entries: FileEntry[] = [];
    for await (const entry of readEventFile(file)) entries.push(entry);
    return entries;
  }

  it('reads a pretty-printed document as one event without a line', async () => {
    const entries = await read('one.json', '{\n  "eventType": "DeathNotified"\n}\n');

    expect(entries).toEqual([
      { kind: 'event', at: { file: join(dir, 'one.json') }, json: { eventType: 'DeathNotified' } },
    ]);
  });

  it.each([['events.ndjson'], ['events.jsonl'], ['events.json']])(
    'reads %s as one event per line, skipping blank lines and naming bad ones',
    async (name) => {
      const entries = await read(name, '{"n":1}\n\n{"n":2,}\r\n[1]\n{"n":4}\n');

      expect(entries.map(({ at, kind }) => [at.line, kind])).toEqual([
        [1, 'event'],
        [3, 'unreadable'],
        [4, 'unreadable'],
        [5, 'event'],
      ]);
      expect(entries[1]).toMatchObject({ reason: expect.stringMatching(/at column 8$/) });
      expect(entries[2]).toMatchObject({ reason: 'expected an event as a JSON object' });
    },
  );

  it('names the line and column of a syntax error in a document', async () => {
    const entries = await read('bad.json', '{\n  "a": 1,\n  "b": tru\n}\n');

    expect(entries).toEqual([
      {
        kind: 'unreadable',
        at: { file: join(dir, 'bad.json'), line: 3 },
        reason: 'not JSON: Unexpected token "\\n" at column 11',
      },
    ]);
  });

  it.each([
    ['{"a": tru, "b": 1}', 10],
    ['{"a": [1, 2,, 3]}', 13],
    ['{"a": 1', 8],
    ['{"a" 1}', 6],
  ])('names the column where %s stops being JSON', async (line, column) => {
    const [entry] = await read('columns.ndjson', `${line}\n`);

    expect(entry).toMatchObject({ at: { line: 1 }, reason: expect.stringMatching(` ${column}$`) });
  });

  it('does not quote the text of a line it cannot parse, which may be personal data', async () => {
    const entries = await read('quoted.ndjson', '{"nhsNumber": "9990000026", "x": tru}\n');

    expect(entries[0]).toMatchObject({ kind: 'unreadable' });
    expect(JSON.stringify(entries[0])).not.toContain('9990000026');
  });

  it('refuses an array, saying how to write several events', async () => {
    const entries = await read('many.json', '[{"n":1},{"n":2}]');

    expect(entries).toEqual([
      expect.objectContaining({ kind: 'unreadable', reason: expect.stringContaining('NDJSON') }),
    ]);
  });

  it('reports a missing file as unreadable rather than throwing', async () => {
    const entries: FileEntry[] = [];
    for await (const entry of readEventFile(join(dir, 'absent.json'))) entries.push(entry);

    expect(entries).toEqual([
      expect.objectContaining({ kind: 'unreadable', reason: expect.stringContaining('ENOENT') }),
    ]);
  });
});
