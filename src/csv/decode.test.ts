import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFile, encodeText, resolveEncoding, type Encoding } from './decode.js';

/** decodeFile reads the file in chunks of this many bytes. */
const CHUNK = 256 * 1024;
const BOM = [0xef, 0xbb, 0xbf];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tool-sync-decode-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let count = 0;
/** Writes `content` (exact bytes) to a new file of the temp dir and returns its path. */
function fixture(content: Buffer | string | readonly number[], name = `f${++count}.csv`): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content as Buffer));
  return path;
}

/** The decoded chunks of a file. */
async function chunksOf(path: string, encoding: Encoding, displayName = 'input.csv'): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of decodeFile(path, encoding, displayName)) chunks.push(chunk);
  return chunks;
}

async function textOf(path: string, encoding: Encoding, displayName = 'input.csv'): Promise<string> {
  return (await chunksOf(path, encoding, displayName)).join('');
}

/** ASCII bytes of `text`. */
function ascii(text: string): number[] {
  return [...Buffer.from(text, 'latin1')];
}

describe('decodeFile: encodings, converted exactly once', () => {
  it('reads UTF-8 accents as themselves (no mojibake)', async () => {
    const path = fixture(Buffer.from('name\nJosé Œuvre 5€\n', 'utf8'));
    expect(await textOf(path, 'UTF-8')).toBe('name\nJosé Œuvre 5€\n');
  });

  it('reads ISO-8859-1 bytes: 0xE9 is é, 0xFC is ü', async () => {
    const path = fixture([...ascii('name\nJos'), 0xe9, 0x20, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x0a]);
    expect(await textOf(path, 'ISO-8859-1')).toBe('name\nJosé Müller\n');
  });

  it('reads Windows-1252 bytes: 0xE9 is é, 0x80 is €, 0x9C is œ', async () => {
    const path = fixture([...ascii('c'), 0x9c, ...ascii('ur;'), 0xe9, ...ascii('t'), 0xe9, ...ascii(';5'), 0x80]);
    expect(await textOf(path, 'Windows-1252')).toBe('cœur;été;5€');
  });

  it('keeps ISO-8859-1 and Windows-1252 apart on 0x80', async () => {
    const path = fixture([0x80]);
    expect(await textOf(path, 'Windows-1252')).toBe('€');
    expect(await textOf(path, 'ISO-8859-1')).toBe('\u0080');
  });

  it('drops a UTF-8 byte order mark in UTF-8 mode', async () => {
    const path = fixture([...BOM, ...Buffer.from('username;é\n', 'utf8')]);
    expect(await textOf(path, 'UTF-8')).toBe('username;é\n');
  });

  it.each(['ISO-8859-1', 'Windows-1252'] as const)('drops a UTF-8 byte order mark in %s mode (no "ï»¿")', async (encoding) => {
    const path = fixture([...BOM, ...ascii('username;'), 0xe9, 0x0a]);
    expect(await textOf(path, encoding)).toBe('username;é\n');
  });

  it('reads an empty file and a BOM-only file as no text', async () => {
    expect(await chunksOf(fixture([]), 'UTF-8')).toEqual([]);
    expect(await chunksOf(fixture(BOM), 'UTF-8')).toEqual([]);
  });

  it('counts the bytes read, BOM included', async () => {
    const path = fixture([...BOM, ...ascii('a;b\n')]);
    const text = decodeFile(path, 'UTF-8');
    expect(text.bytesRead).toBe(0);
    for await (const _chunk of text) {
      // drain
    }
    expect(text.bytesRead).toBe(7);
  });
});

describe('decodeFile: files bigger than one chunk', () => {
  it.each([
    ['2-byte é', 'é', 1],
    ['3-byte €', '€', 2],
    ['4-byte 😀', '😀', 1],
  ])('joins a %s cut by the 256 KiB chunk boundary', async (_name, char, bytesBefore) => {
    // The character starts `bytesBefore` bytes before the boundary, so the first read ends inside it.
    const head = 'a'.repeat(CHUNK - bytesBefore);
    const content = `${head}${char};z\nnext;${char}\n`;
    const path = fixture(Buffer.from(content, 'utf8'));
    expect(Buffer.from(content, 'utf8').length).toBeGreaterThan(CHUNK);
    const chunks = await chunksOf(path, 'UTF-8');
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    // The cut is where we meant it: the first chunk stops before the character, the second starts with it.
    expect(chunks[0]).toBe(head);
    expect(chunks[1]?.startsWith(char)).toBe(true);
    expect(chunks.join('')).toBe(content);
  });

  it('reads a Windows-1252 file of several chunks with accents on both sides of each boundary', async () => {
    const line = [...ascii('row;'), 0xe9, 0x80, 0x9c, 0x0d, 0x0a]; // "row;é€œ\r\n", 9 bytes
    const lines = Math.ceil((3 * CHUNK) / line.length);
    const bytes = Buffer.from(Array.from({ length: lines }, () => line).flat());
    const path = fixture(bytes);
    const chunks = await chunksOf(path, 'Windows-1252');
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(chunks.join('')).toBe('row;é€œ\r\n'.repeat(lines));
  });
});

describe('decodeFile: binary content and invalid bytes', () => {
  it('stops on invalid UTF-8 with CSV_INVALID_ENCODING naming the file and the line', async () => {
    const path = fixture([...ascii('username\nalice\nJos'), 0xe9, ...ascii('\nbob\n')]);
    await expect(textOf(path, 'UTF-8', 'userimport.csv')).rejects.toMatchObject({
      code: 'CSV_INVALID_ENCODING',
      params: { file: 'userimport.csv', line: 3, encoding: 'UTF-8' },
      message: expect.stringContaining('userimport.csv, line 3:'),
    });
  });

  it('counts CRLF and CR line breaks when locating invalid UTF-8', async () => {
    const path = fixture([...ascii('h\r\na\rb\r\n\r\nx'), 0xff, 0x0a]);
    await expect(textOf(path, 'UTF-8')).rejects.toMatchObject({ code: 'CSV_INVALID_ENCODING', params: { line: 5 } });
  });

  it('stops on a multi-byte character cut by the end of the file', async () => {
    const path = fixture([...ascii('a\nb\nc'), 0xc3]);
    await expect(textOf(path, 'UTF-8', 'cut.csv')).rejects.toMatchObject({
      code: 'CSV_INVALID_ENCODING',
      params: { file: 'cut.csv', line: 3 },
    });
  });

  it('stops on a NUL byte with CSV_BINARY_CONTENT naming the file and the line (UTF-8 mode)', async () => {
    const path = fixture([...ascii('username\nalice\nbob\nx'), 0x00, ...ascii('y\n')]);
    await expect(textOf(path, 'UTF-8', 'users.csv')).rejects.toMatchObject({
      code: 'CSV_BINARY_CONTENT',
      params: { file: 'users.csv', line: 4 },
      message: expect.stringContaining('users.csv, line 4:'),
    });
  });

  it.each(['ISO-8859-1', 'Windows-1252'] as const)('stops on a NUL byte in %s mode', async (encoding) => {
    const path = fixture([...ascii('a\r\nb\r\n'), 0xe9, 0x00]);
    await expect(textOf(path, encoding, 'x.csv')).rejects.toMatchObject({
      code: 'CSV_BINARY_CONTENT',
      params: { file: 'x.csv', line: 3 },
    });
  });

  it('reports a UTF-16 export (NUL after every ASCII letter) as binary content on line 1', async () => {
    const path = fixture(Buffer.from('username;firstname\r\nalice;Alice\r\n', 'utf16le'));
    await expect(textOf(path, 'UTF-8')).rejects.toMatchObject({ code: 'CSV_BINARY_CONTENT', params: { line: 1 } });
  });

  it('reports a spreadsheet (NUL bytes first, invalid UTF-8 later) as binary content where the first NUL is', async () => {
    // The start of a ZIP archive (an .xlsx file): a NUL on line 1, bytes invalid as UTF-8 further on.
    const path = fixture([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x0a, 0x0a, 0xff, 0xfe, 0x92, 0x00]);
    await expect(textOf(path, 'UTF-8', 'book.xlsx')).rejects.toMatchObject({
      code: 'CSV_BINARY_CONTENT',
      params: { file: 'book.xlsx', line: 1 },
    });
  });

  it('locates a NUL byte after a CRLF cut by the chunk boundary (the pair counts as one line)', async () => {
    // Line 1 ends with CR as the last byte of the first chunk and LF as the first byte of the second.
    const bytes = [...ascii('a'.repeat(CHUNK - 1)), 0x0d, 0x0a, ...ascii('line2\r\nline'), 0x00, 0x0a];
    const path = fixture(bytes);
    await expect(textOf(path, 'Windows-1252')).rejects.toMatchObject({ code: 'CSV_BINARY_CONTENT', params: { line: 3 } });
    await expect(textOf(path, 'UTF-8')).rejects.toMatchObject({ code: 'CSV_BINARY_CONTENT', params: { line: 3 } });
  });

  it('locates invalid UTF-8 after a CRLF cut by the chunk boundary', async () => {
    const bytes = [...ascii('a'.repeat(CHUNK - 1)), 0x0d, 0x0a, ...ascii('line2\r\nline'), 0xff, 0x0a];
    await expect(textOf(fixture(bytes), 'UTF-8')).rejects.toMatchObject({
      code: 'CSV_INVALID_ENCODING',
      params: { line: 3 },
    });
  });

  it('locates invalid UTF-8 in a chunk that starts with the end of a cut character', async () => {
    // é (C3 A9) is cut by the boundary; the invalid byte is two lines further.
    const bytes = [...ascii('a'.repeat(CHUNK - 1)), 0xc3, 0xa9, ...ascii('\nb\nc'), 0xff, 0x0a];
    await expect(textOf(fixture(bytes), 'UTF-8')).rejects.toMatchObject({
      code: 'CSV_INVALID_ENCODING',
      params: { line: 3 },
    });
  });

  it('fails with CSV_FILE_UNREADABLE for a missing file', async () => {
    await expect(textOf(join(dir, 'missing.csv'), 'UTF-8', 'missing.csv')).rejects.toMatchObject({
      code: 'CSV_FILE_UNREADABLE',
      params: { file: 'missing.csv', reason: 'ENOENT' },
      message: expect.stringContaining('missing.csv'),
    });
  });
});

describe('resolveEncoding', () => {
  it('returns a concrete setting after checking every byte of the file first', async () => {
    const latin = fixture([...Buffer.from('name\nJos'), 0xe9, 0x0a]);
    await expect(resolveEncoding(latin, 'ISO-8859-1')).resolves.toBe('ISO-8859-1');
    await expect(resolveEncoding(latin, 'Windows-1252')).resolves.toBe('Windows-1252');
    await expect(resolveEncoding(fixture('name\nJosé\n'), 'UTF-8')).resolves.toBe('UTF-8');
    await expect(resolveEncoding(latin, 'UTF-8', 'latin.csv')).rejects.toMatchObject({
      code: 'CSV_INVALID_ENCODING',
      params: { file: 'latin.csv', line: 2, encoding: 'UTF-8' },
    });
    await expect(resolveEncoding(fixture([...Buffer.from('a;b\n1;2\n3;'), 0, 0x0a]), 'ISO-8859-1', 'x.csv')).rejects.toMatchObject({
      code: 'CSV_BINARY_CONTENT',
      params: { file: 'x.csv', line: 3 },
    });
    await expect(resolveEncoding(join(dir, 'does-not-exist.csv'), 'UTF-8')).rejects.toMatchObject({ code: 'CSV_FILE_UNREADABLE' });
  });

  it('resolves auto to UTF-8 for valid UTF-8 (with or without BOM, or plain ASCII)', async () => {
    await expect(resolveEncoding(fixture('name\nJosé\n'), 'auto')).resolves.toBe('UTF-8');
    await expect(resolveEncoding(fixture([...BOM, ...Buffer.from('é', 'utf8')]), 'auto')).resolves.toBe('UTF-8');
    await expect(resolveEncoding(fixture('a;b\n'), 'auto')).resolves.toBe('UTF-8');
  });

  it('resolves auto to Windows-1252 when a byte is not valid UTF-8', async () => {
    await expect(resolveEncoding(fixture([...ascii('Jos'), 0xe9, 0x0a]), 'auto')).resolves.toBe('Windows-1252');
    await expect(resolveEncoding(fixture([...ascii('a\n'), 0xc3]), 'auto')).resolves.toBe('Windows-1252');
  });

  it('resolves auto to UTF-8 when a valid character is cut by the chunk boundary, Windows-1252 when the invalid byte is in a later chunk', async () => {
    const valid = fixture(Buffer.from(`${'a'.repeat(CHUNK - 1)}é\n`, 'utf8'));
    await expect(resolveEncoding(valid, 'auto')).resolves.toBe('UTF-8');
    // Three- and four-byte characters cut after each of their bytes.
    for (const [character, size] of [['€', 3], ['😀', 4]] as const) {
      for (let before = 1; before < size; before++) {
        const cut = fixture(Buffer.from(`${'a'.repeat(CHUNK - before)}${character}\n`, 'utf8'));
        await expect(resolveEncoding(cut, 'auto')).resolves.toBe('UTF-8');
      }
    }
    await expect(resolveEncoding(fixture([...ascii('a\n'), 0xe2, 0x82]), 'auto')).resolves.toBe('Windows-1252');
    const late = fixture([...ascii('a'.repeat(CHUNK + 10)), 0xe9]);
    await expect(resolveEncoding(late, 'auto')).resolves.toBe('Windows-1252');
  });

  it('fails with CSV_FILE_UNREADABLE when auto must read a missing file', async () => {
    await expect(resolveEncoding(join(dir, 'nope.csv'), 'auto')).rejects.toMatchObject({ code: 'CSV_FILE_UNREADABLE' });
  });
});

describe('encodeText', () => {
  it('writes the bytes of each encoding', () => {
    expect([...encodeText('é€œ', 'Windows-1252')]).toEqual([0xe9, 0x80, 0x9c]);
    expect([...encodeText('éü', 'ISO-8859-1')]).toEqual([0xe9, 0xfc]);
    expect([...encodeText('é€', 'UTF-8')]).toEqual([0xc3, 0xa9, 0xe2, 0x82, 0xac]);
  });

  it('round-trips through decodeFile', async () => {
    const path = fixture(encodeText('nom;ville\r\nÉlodie;Besançon\r\n', 'ISO-8859-1'));
    expect(statSync(path).size).toBe(28);
    expect(await textOf(path, 'ISO-8859-1')).toBe('nom;ville\r\nÉlodie;Besançon\r\n');
  });
});
