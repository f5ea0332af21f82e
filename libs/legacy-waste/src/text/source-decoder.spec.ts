import { encode } from 'iconv-lite';
import { LegacyWasteError } from '../errors/legacy-waste.error';
import { SourceDecoder } from './source-decoder';

const NOTE = 'Resident says \u201cbin was out\u201d \u2013 \u00a35 charge, caf\u00e9';

function decode(decoder: SourceDecoder, chunks: Buffer[]): string {
  return chunks.map((chunk) => decoder.write(chunk)).join('') + decoder.end();
}

describe(SourceDecoder.name, () => {
  it.each([
    ['UTF-8 without a byte order mark', Buffer.from(`id,${NOTE}\n`, 'utf8'), 'utf-8'],
    [
      'UTF-8 with a byte order mark, which is dropped',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`id,${NOTE}\n`, 'utf8')]),
      'utf-8',
    ],
    [
      'Windows-1252 (pound sign, smart quotes, en dash)',
      encode(`id,${NOTE}\n`, 'windows-1252'),
      'windows-1252',
    ],
  ])('detects and decodes %s', (_case, bytes, detected) => {
    const decoder = new SourceDecoder('auto', 'f.csv');
    expect(decode(decoder, [bytes])).toBe(`id,${NOTE}\n`);
    expect(decoder.detected).toBe(detected);
  });

  it('decodes a character whose bytes are split across two chunks', () => {
    const bytes = Buffer.from('ab\u00a3cd', 'utf8');
    const decoder = new SourceDecoder('auto', 'f.csv');
    expect(decode(decoder, [bytes.subarray(0, 3), bytes.subarray(3)])).toBe('ab\u00a3cd');
  });

  it('stays undecided while every byte is ASCII', () => {
    const decoder = new SourceDecoder('auto', 'f.csv');
    expect(decoder.write(Buffer.from('plain,ascii\n'))).toBe('plain,ascii\n');
    expect(decoder.detected).toBe('undecided');
  });

  it('decodes as configured even when auto-detection would guess otherwise', () => {
    const decoder = new SourceDecoder('windows-1252', 'f.csv');
    expect(decode(decoder, [Buffer.from([0xc2, 0xa3])])).toBe('\u00c2\u00a3');
  });

  it('refuses bytes that are not UTF-8 in a UTF-8 file, naming the offset and the fix', () => {
    const decoder = new SourceDecoder('utf-8', 'round.csv');
    decoder.write(Buffer.from('header\n'));
    let failure: unknown;
    try {
      decoder.write(Buffer.from([0x41, 0xa3, 0x35, 0x0a]));
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(LegacyWasteError);
    expect((failure as LegacyWasteError).code).toBe('FILE_UNREADABLE');
    expect((failure as Error).message).toMatch(
      /round.csv: not valid UTF-8 in the bytes from offset 7.*windows-1252/,
    );
  });
});
