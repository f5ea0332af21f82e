import { isAscii } from 'node:buffer';
import { getDecoder } from 'iconv-lite';
import { SourceEncoding } from '../council/council-config.types';
import { LegacyWasteError } from '../errors/legacy-waste.error';

type Decode = (bytes: Buffer, offset: number) => string;

/**
 * Turns a file's bytes into text chunk by chunk, as UTF-8 (with or without a byte order mark)
 * or Windows-1252 (what Excel and most council back-office systems write as "ANSI"). With
 * `auto` the bytes are read as ASCII, which both encodings share, until the first byte above
 * 0x7F: if it starts a valid UTF-8 sequence the file is UTF-8, otherwise Windows-1252. A file
 * read as UTF-8 that later holds invalid UTF-8 is unreadable, rather than silently mangled.
 */
export class SourceDecoder {
  private decode: Decode | undefined;
  private bytesSeen = 0;
  private decidedAt = 0;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

  constructor(
    private readonly encoding: SourceEncoding,
    private readonly file: string,
  ) {
    if (encoding === 'utf-8') this.decode = this.utf8Decode;
    if (encoding === 'windows-1252') this.decode = windows1252();
  }

  /** The encoding in use, once known (`undecided` while every byte so far was ASCII). */
  get detected(): 'utf-8' | 'windows-1252' | 'undecided' {
    if (this.decode === undefined) return 'undecided';
    return this.decode === this.utf8Decode ? 'utf-8' : 'windows-1252';
  }

  write(bytes: Buffer): string {
    const offset = this.bytesSeen;
    this.bytesSeen += bytes.length;
    if (this.decode !== undefined) return this.decode(bytes, offset);
    const firstHigh = firstNonAscii(bytes);
    if (firstHigh < 0) return bytes.toString('latin1');
    this.decidedAt = offset + firstHigh;
    this.decode = looksLikeUtf8(bytes, firstHigh) ? this.utf8Decode : windows1252();
    return bytes.toString('latin1', 0, firstHigh) + this.decode(bytes.subarray(firstHigh), offset);
  }

  end(): string {
    if (this.decode !== this.utf8Decode) return '';
    return this.utf8Decode(Buffer.alloc(0), this.bytesSeen, true);
  }

  private readonly utf8Decode = (bytes: Buffer, offset: number, last = false): string => {
    try {
      return this.utf8.decode(bytes, { stream: !last });
    } catch (err) {
      throw new LegacyWasteError(
        'FILE_UNREADABLE',
        `${this.file}: not valid UTF-8 in the bytes from offset ${offset}` +
          `${this.encoding === 'auto' ? ` (UTF-8 was detected from byte ${this.decidedAt})` : ''}; ` +
          'if the file was saved as ANSI by Excel, set the feed encoding to windows-1252',
        { file: this.file, byteOffset: offset },
        { cause: err },
      );
    }
  };
}

function windows1252(): Decode {
  const decoder = getDecoder('windows-1252');
  return (bytes) => decoder.write(bytes);
}

function firstNonAscii(bytes: Buffer): number {
  if (isAscii(bytes)) return -1;
  for (let index = 0; index < bytes.length; index += 1) {
    if (bytes[index] > 0x7f) return index;
  }
  return -1;
}

/**
 * Whether the bytes from `at` start a well-formed UTF-8 sequence. A lead byte cut off by the
 * end of the chunk counts as UTF-8: Windows-1252 text seldom ends a chunk on such a byte.
 */
function looksLikeUtf8(bytes: Buffer, at: number): boolean {
  const lead = bytes[at];
  const length = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
  if (length === 0 || lead > 0xf4) return false;
  for (let index = 1; index < length; index += 1) {
    if (at + index >= bytes.length) return true;
    if ((bytes[at + index] & 0xc0) !== 0x80) return false;
  }
  return true;
}
