import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ToolSyncError } from '../../errors.js';
import type { ArchiveEntry } from '../../processors/archive-processor.js';
import { rawZip, type RawEntry } from './fixtures/raw-zip.js';
import { ZIP_LIMITS } from './zip-limits.js';
import { openZip, type RefusedEntry } from './zip-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'tool-sync-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let count = 0;
async function open(entries: readonly RawEntry[] | Buffer) {
  const path = join(dir, `archive-${++count}.zip`);
  writeFileSync(path, Buffer.isBuffer(entries) ? entries : rawZip(entries));
  return openZip(path, 'test.zip', ZIP_LIMITS);
}

/** What became of each entry: its bytes as text, or the code that refused it. */
async function judge(entries: readonly RawEntry[]): Promise<Record<string, string>> {
  const zip = await open(entries);
  const seen: Record<string, string> = {};
  for (const entry of zip.entries) {
    if (!('read' in entry)) seen[entry.path] = (entry as RefusedEntry).code;
    else {
      const content = await (entry as ArchiveEntry).read();
      seen[entry.path] = content.ok ? Buffer.from(content.bytes).toString() : content.code;
    }
  }
  zip.close();
  return seen;
}

describe('openZip: what a picture archive may hold', () => {
  it('reads files at any depth, leaves folders out, and refuses unsafe names one by one, the rest going on', async () => {
    const seen = await judge([
      { name: 'a.txt', data: Buffer.from('first') },
      { name: 'photos/', method: 0 },
      { name: 'photos/deep/b.txt', data: Buffer.from('second'), method: 0 },
      { name: '../escape.txt', data: Buffer.from('x') },
      { name: 'photos/../../escape.txt', data: Buffer.from('x') },
      { name: '/etc/passwd', data: Buffer.from('x') },
      { name: 'C:/Windows/evil.txt', data: Buffer.from('x') },
      { name: '..\\windows.txt', data: Buffer.from('x') },
      { name: 'link.jpg', data: Buffer.from('/etc/passwd'), method: 0, unixMode: 0o120777 },
      { name: 'fifo.jpg', method: 0, unixMode: 0o010644 },
      { name: 'secret.jpg', data: Buffer.from('x'), flags: 1 },
      { name: 'bzip.jpg', data: Buffer.from('x'), method: 12 },
      { name: 'last.txt', data: Buffer.from('third') },
    ]);
    expect(seen).toEqual({
      'a.txt': 'first',
      'photos/deep/b.txt': 'second',
      '../escape.txt': 'ZIP_ENTRY_UNSAFE_PATH',
      'photos/../../escape.txt': 'ZIP_ENTRY_UNSAFE_PATH',
      '/etc/passwd': 'ZIP_ENTRY_UNSAFE_PATH',
      'C:/Windows/evil.txt': 'ZIP_ENTRY_UNSAFE_PATH',
      '../windows.txt': 'ZIP_ENTRY_UNSAFE_PATH',
      'link.jpg': 'ZIP_ENTRY_LINK',
      'fifo.jpg': 'ZIP_ENTRY_LINK',
      'secret.jpg': 'ZIP_ENTRY_ENCRYPTED',
      'bzip.jpg': 'ZIP_ENTRY_COMPRESSION',
      'last.txt': 'third',
    });
  });

  it('refuses an entry whose declared size is over the limit, and one that expands more than the ratio allows', async () => {
    const zeros = Buffer.alloc(4 * 1024 * 1024);
    const seen = await judge([
      { name: 'huge.jpg', data: Buffer.from('small'), declaredSize: ZIP_LIMITS.maxEntryBytes + 1 },
      { name: 'bomb.png', data: zeros },
      { name: 'fine.txt', data: Buffer.from('ok') },
    ]);
    expect(seen).toEqual({ 'huge.jpg': 'ZIP_ENTRY_TOO_LARGE', 'bomb.png': 'ZIP_ENTRY_RATIO', 'fine.txt': 'ok' });
  });

  it('enforces the actual size: an entry that gives more bytes than it declares is stopped at the first byte too many', async () => {
    // 30 MB of zeros declared as 1,000 bytes: the declared ratio looks harmless, the stream is a bomb.
    const liar = Buffer.alloc(30 * 1024 * 1024);
    const seen = await judge([
      { name: 'liar.png', data: liar, declaredSize: 1000 },
      { name: 'short.png', data: Buffer.from('abc'), declaredSize: 10, method: 0 },
      { name: 'fine.txt', data: Buffer.from('ok') },
    ]);
    expect(seen).toEqual({ 'liar.png': 'ZIP_ENTRY_SIZE_MISMATCH', 'short.png': 'ZIP_ENTRY_SIZE_MISMATCH', 'fine.txt': 'ok' });
  });

  it('refuses an entry whose compressed data cannot be inflated, and a compressed size over the limit', async () => {
    const seen = await judge([
      { name: 'broken.png', data: Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x13]), notDeflated: true, declaredSize: 100 },
      // Random bytes do not compress: 33 MB of compressed data that claims to expand to 1,000 bytes.
      { name: 'fat.png', data: randomBytes(ZIP_LIMITS.maxEntryBytes + 1024 * 1024), declaredSize: 1000 },
      { name: 'fine.txt', data: Buffer.from('ok') },
    ]);
    expect(seen).toEqual({ 'broken.png': 'ZIP_ENTRY_CORRUPT', 'fat.png': 'ZIP_ENTRY_TOO_LARGE', 'fine.txt': 'ok' });
  });

  it('refuses the whole archive when its declared total is over the limit, before reading anything', async () => {
    const declaredSize = 0xfffffff0; // just under 4 GiB each: the two together pass the total
    const entries = [{ name: 'a.jpg', data: Buffer.from('a'), declaredSize }, { name: 'b.jpg', data: Buffer.from('b'), declaredSize }];
    await expect(open(entries)).rejects.toMatchObject({ code: 'ZIP_TOO_LARGE', params: { file: 'test.zip', limit: ZIP_LIMITS.maxTotalBytes } });
  });

  it('refuses the whole archive when it holds more entries than the limit', async () => {
    const entries = Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_, index) => ({ name: `${index}.jpg`, method: 0 }));
    await expect(open(entries)).rejects.toMatchObject({ code: 'ZIP_TOO_MANY_ENTRIES', params: { count: ZIP_LIMITS.maxEntries + 1 } });
  });

  it('says clearly when the file is not a zip archive', async () => {
    expect.assertions(2);
    try {
      await open(Buffer.from('name,email\njdoe,j@example.org\n'));
    } catch (error) {
      expect(error).toBeInstanceOf(ToolSyncError);
      expect(error).toMatchObject({ code: 'ZIP_UNREADABLE', params: { file: 'test.zip' } });
    }
  });
});
