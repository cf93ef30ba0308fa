import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';
import { CSV_BINARY_CONTENT, CSV_FILE_UNREADABLE, CSV_INVALID_ENCODING } from './csv-errors.js';

/** Encodings a file may be declared in; `auto` picks UTF-8 when the bytes are valid UTF-8, else Windows-1252. */
export const ENCODINGS = ['UTF-8', 'ISO-8859-1', 'Windows-1252', 'auto'] as const;
export type EncodingSetting = (typeof ENCODINGS)[number];
export type Encoding = Exclude<EncodingSetting, 'auto'>;

const ICONV_NAMES: Record<Encoding, string> = { 'UTF-8': 'utf8', 'ISO-8859-1': 'latin1', 'Windows-1252': 'win1252' };
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CHUNK_SIZE = 256 * 1024;
const NO_BYTES = Buffer.alloc(0);

/** Text of a file, decoded once, chunk by chunk, with the count of bytes consumed so far. */
export interface DecodedText extends AsyncIterable<string> {
  /** Bytes of the file read so far (for progress). */
  readonly bytesRead: number;
}

/**
 * Checks the bytes of a file once, before any row is used, and settles `auto` (valid UTF-8 means UTF-8,
 * anything else Windows-1252). Undecodable bytes and NUL bytes throw here, naming their line, so a whole-file
 * problem near the end of a file stops its run before the first row is written.
 */
export async function resolveEncoding(path: string, setting: EncodingSetting, displayName = path): Promise<Encoding> {
  let validUtf8 = setting === 'UTF-8' || setting === 'auto';
  let hasNul = false;
  // Checked without decoding (a million-row file: 5 ms against 170); the bytes of a character a chunk cuts in
  // two wait for the next chunk.
  let carried: Buffer = NO_BYTES;
  for await (const chunk of readBytes(path, displayName)) {
    hasNul ||= chunk.indexOf(0) >= 0;
    if (!validUtf8) continue;
    const bytes = carried.length ? Buffer.concat([carried, chunk]) : chunk;
    const end = lastCharacterStart(bytes);
    validUtf8 = isUtf8(bytes.subarray(0, end));
    carried = bytes.subarray(end);
  }
  // A character cut by the end of the file is invalid.
  if (validUtf8) validUtf8 = carried.length === 0;
  const encoding: Encoding = setting === 'auto' ? (validUtf8 ? 'UTF-8' : 'Windows-1252') : setting;
  if (hasNul || (encoding === 'UTF-8' && !validUtf8)) {
    // The slower decoding pass knows line numbers: let it name the first problem.
    for await (const _ of decodeFile(path, encoding, displayName));
  }
  return encoding;
}

/**
 * Where the UTF-8 character the bytes end in starts, when the bytes end before it does; else their length. A
 * lead byte announces its length (110xxxxx two bytes, 1110xxxx three, 11110xxx four); continuation bytes are
 * 10xxxxxx.
 */
function lastCharacterStart(bytes: Buffer): number {
  for (let start = bytes.length - 1; start >= 0 && start >= bytes.length - 4; start--) {
    const byte = bytes[start]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return start + length > bytes.length ? start : bytes.length;
  }
  return bytes.length;
}

/**
 * Streams the text of `path` decoded from `encoding`, in constant memory. A UTF-8 byte order mark is dropped
 * whatever the encoding. Invalid UTF-8 and NUL bytes stop the read with the line where they occur.
 */
export function decodeFile(path: string, encoding: Encoding, displayName = path): DecodedText {
  let bytesRead = 0;
  async function* chunks(): AsyncGenerator<string> {
    const decoder = encoding === 'UTF-8' ? null : iconv.getDecoder(ICONV_NAMES[encoding]);
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    let linesBefore = 1;
    let first = true;
    /** Whether the previous chunk ended with CR: a LF starting this one ends the same line. */
    let endedWithCr = false;
    /** The start of a UTF-8 character cut by the end of the previous chunk. */
    let cut: Buffer = NO_BYTES;
    for await (let bytes of readBytes(path, displayName)) {
      bytesRead += bytes.length;
      if (first && bytes.subarray(0, 3).equals(UTF8_BOM)) bytes = bytes.subarray(3);
      first = false;
      if (endedWithCr && bytes[0] === 0x0a) linesBefore--;
      if (bytes.length) endedWithCr = bytes[bytes.length - 1] === 0x0d;
      let text: string;
      if (decoder) {
        text = decoder.write(bytes);
      } else {
        try {
          text = utf8.decode(bytes, { stream: true });
        } catch {
          const lenient = new TextDecoder('utf-8').decode(Buffer.concat([cut, bytes]));
          const invalid = lenient.indexOf('\uFFFD');
          const nul = lenient.indexOf('\0');
          if (nul >= 0 && nul < invalid) throw CSV_BINARY_CONTENT({ file: displayName, line: linesBefore + countLines(lenient, nul) });
          throw CSV_INVALID_ENCODING({ file: displayName, line: linesBefore + countLines(lenient, invalid), encoding });
        }
        cut = cutCharacter(bytes);
      }
      const nul = text.indexOf('\0');
      if (nul >= 0) throw CSV_BINARY_CONTENT({ file: displayName, line: linesBefore + countLines(text, nul) });
      linesBefore += countLines(text, text.length);
      if (text) yield text;
    }
    const rest = decoder ? decoder.end() ?? '' : tryEnd(utf8, displayName, linesBefore);
    if (rest) yield rest;
  }
  const iterable = chunks();
  return {
    [Symbol.asyncIterator]: () => iterable,
    get bytesRead() {
      return bytesRead;
    },
  };
}

/** Encodes text back to the encoding of an input file (tryback files keep their input's encoding). */
export function encodeText(text: string, encoding: Encoding): Buffer {
  return encoding === 'UTF-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, ICONV_NAMES[encoding]);
}

function tryEnd(decoder: TextDecoder, file: string, line: number): string {
  try {
    return decoder.decode();
  } catch {
    throw CSV_INVALID_ENCODING({ file, line, encoding: 'UTF-8' });
  }
}

/** The first bytes of a multi-byte UTF-8 character left incomplete at the end of `bytes` (none if complete). */
function cutCharacter(bytes: Buffer): Buffer {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 3; i--) {
    const byte = bytes[i]!;
    if (byte < 0x80) break;
    if (byte >= 0xc0) return i + (byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2) > bytes.length ? bytes.subarray(i) : NO_BYTES;
  }
  return NO_BYTES;
}

/** Line breaks (LF, CRLF or CR) in `text` before `end`. */
function countLines(text: string, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

async function* readBytes(path: string, displayName = path): AsyncGenerator<Buffer> {
  const stream = createReadStream(path, { highWaterMark: CHUNK_SIZE });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw CSV_FILE_UNREADABLE({ file: displayName, reason }, { cause: error });
  }
}
