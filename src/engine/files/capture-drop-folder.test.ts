import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { captureDropFolder, type CaptureEvent } from './capture-drop-folder.js';
import { createDataFolder, type DataFolder } from './data-folder.js';

/** A fixed clock: 22 November 2026, 18:30 local time. */
const NOW = new Date(2026, 10, 22, 18, 30, 0);
const SECOND = 1000;
const HOUR = 3_600_000;

const temporary: string[] = [];
function fresh(): DataFolder {
  const root = mkdtempSync(join(tmpdir(), 'tool-sync-capture-'));
  temporary.push(root);
  return createDataFolder(root);
}
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes `path` with `content`, last modified `ageMs` before NOW. */
function write(path: string, content: string, ageMs: number): void {
  writeFileSync(path, content);
  const when = new Date(NOW.getTime() - ageMs);
  utimesSync(path, when, when);
}
/** A file dropped by the feeder a minute ago (completely written). */
function drop(folder: DataFolder, name: string, content = `content of ${name}\n`, ageMs = 60 * SECOND): void {
  write(join(folder.sync, name), content, ageMs);
}
const list = (dir: string) => readdirSync(dir).sort();
const codes = (events: readonly CaptureEvent[]) => events.map((event) => event.code);

describe('captureDropFolder: files', () => {
  it('moves the dropped files into the area root in name order', () => {
    const folder = fresh();
    drop(folder, 'users_b.csv', 'b\n');
    drop(folder, 'users_a10.csv', 'a10\n');
    drop(folder, 'users_a2.csv', 'a2\n');
    const result = captureDropFolder(folder, NOW);
    expect(result.captured).toEqual(['users_a10.csv', 'users_a2.csv', 'users_b.csv']);
    expect(result.events).toEqual([
      { code: 'CAPTURE_CAPTURED', params: { file: 'users_a10.csv' }, warning: false },
      { code: 'CAPTURE_CAPTURED', params: { file: 'users_a2.csv' }, warning: false },
      { code: 'CAPTURE_CAPTURED', params: { file: 'users_b.csv' }, warning: false },
    ]);
    expect(readFileSync(join(folder.files, 'users_a10.csv'), 'utf8')).toBe('a10\n');
    expect(readFileSync(join(folder.files, 'users_a2.csv'), 'utf8')).toBe('a2\n');
    expect(readFileSync(join(folder.files, 'users_b.csv'), 'utf8')).toBe('b\n');
    expect(list(folder.sync)).toEqual([]);
    expect(list(folder.files)).toEqual(['archives', 'reports', 'users_a10.csv', 'users_a2.csv', 'users_b.csv']);
  });

  it('leaves names starting with "_" or "." or containing "lock", and sub-directories', () => {
    const folder = fresh();
    drop(folder, '_output.csv');
    drop(folder, '.hidden.csv');
    drop(folder, 'blocklist.csv');
    drop(folder, 'LOCKED.csv');
    mkdirSync(join(folder.sync, 'subdir'));
    drop(folder, join('subdir', 'inner.csv'));
    drop(folder, 'users.csv');
    const result = captureDropFolder(folder, NOW);
    expect(result.captured).toEqual(['users.csv']);
    expect(codes(result.events)).toEqual(['CAPTURE_CAPTURED']);
    expect(list(folder.sync)).toEqual(['.hidden.csv', 'LOCKED.csv', '_output.csv', 'blocklist.csv', 'subdir']);
    expect(list(join(folder.sync, 'subdir'))).toEqual(['inner.csv']);
    expect(list(folder.files)).toEqual(['archives', 'reports', 'users.csv']);
  });

  it('does nothing when the drop folder is empty', () => {
    const folder = fresh();
    expect(captureDropFolder(folder, NOW)).toEqual({ captured: [], events: [] });
    expect(list(folder.sync)).toEqual([]);
  });

  it('leaves a file still being written for a later capture', () => {
    const folder = fresh();
    drop(folder, 'users.csv', 'half\n', 1 * SECOND);
    drop(folder, 'cohorts.csv', 'done\n', 10 * SECOND);
    const first = captureDropFolder(folder, NOW);
    expect(first.captured).toEqual(['cohorts.csv']);
    expect(first.events).toEqual([
      { code: 'CAPTURE_CAPTURED', params: { file: 'cohorts.csv' }, warning: false },
      { code: 'CAPTURE_STILL_WRITING', params: { file: 'users.csv', seconds: 2 }, warning: false },
    ]);
    expect(list(folder.sync)).toEqual(['users.csv']);
    expect(existsSync(join(folder.files, 'users.csv'))).toBe(false);

    const later = captureDropFolder(folder, new Date(NOW.getTime() + 5 * SECOND));
    expect(later.captured).toEqual(['users.csv']);
    expect(codes(later.events)).toEqual(['CAPTURE_CAPTURED']);
    expect(readFileSync(join(folder.files, 'users.csv'), 'utf8')).toBe('half\n');
    expect(list(folder.sync)).toEqual([]);
  });

  it('keeps a same-named unprocessed file under archives/ and puts the new content in the area', () => {
    const folder = fresh();
    write(join(folder.files, 'users.csv'), 'old content\n', 100 * 86_400_000);
    drop(folder, 'users.csv', 'new content\n');
    const result = captureDropFolder(folder, NOW);
    expect(result.captured).toEqual(['users.csv']);
    expect(result.events).toEqual([
      { code: 'CAPTURE_REPLACED', params: { file: 'users.csv', kept: '20261122-1830_replaced_users.csv' }, warning: false },
      { code: 'CAPTURE_CAPTURED', params: { file: 'users.csv' }, warning: false },
    ]);
    expect(readFileSync(join(folder.files, 'users.csv'), 'utf8')).toBe('new content\n');
    expect(list(folder.archives)).toEqual(['20261122-1830_replaced_users.csv']);
    expect(readFileSync(join(folder.archives, '20261122-1830_replaced_users.csv'), 'utf8')).toBe('old content\n');
    expect(list(folder.sync)).toEqual([]);
  });

  it('keeps every replaced file when the same name arrives several times in one minute', () => {
    const folder = fresh();
    write(join(folder.files, 'users.csv'), 'first\n', HOUR);
    drop(folder, 'users.csv', 'second\n');
    captureDropFolder(folder, NOW);
    drop(folder, 'users.csv', 'third\n');
    const result = captureDropFolder(folder, new Date(NOW.getTime() + 30 * SECOND));
    expect(result.events[0]).toEqual({
      code: 'CAPTURE_REPLACED',
      params: { file: 'users.csv', kept: '20261122-1830_replaced_2_users.csv' },
      warning: false,
    });
    expect(list(folder.archives)).toEqual(['20261122-1830_replaced_2_users.csv', '20261122-1830_replaced_users.csv']);
    expect(readFileSync(join(folder.archives, '20261122-1830_replaced_users.csv'), 'utf8')).toBe('first\n');
    expect(readFileSync(join(folder.archives, '20261122-1830_replaced_2_users.csv'), 'utf8')).toBe('second\n');
    expect(readFileSync(join(folder.files, 'users.csv'), 'utf8')).toBe('third\n');
  });

  it('dates the kept file from the capture, so the archive cleanup keeps it for the full delay', () => {
    const folder = fresh();
    write(join(folder.files, 'users.csv'), 'old content\n', 100 * 86_400_000);
    drop(folder, 'users.csv', 'new content\n');
    captureDropFolder(folder, NOW);
    expect(statSync(join(folder.archives, '20261122-1830_replaced_users.csv')).mtimeMs).toBe(NOW.getTime());
  });

  it('recreates archives/ when an administrator removed it', () => {
    const folder = fresh();
    rmSync(folder.archives, { recursive: true });
    write(join(folder.files, 'users.csv'), 'old content\n', HOUR);
    drop(folder, 'users.csv', 'new content\n');
    const result = captureDropFolder(folder, NOW);
    expect(result.captured).toEqual(['users.csv']);
    expect(readFileSync(join(folder.archives, '20261122-1830_replaced_users.csv'), 'utf8')).toBe('old content\n');
    expect(readFileSync(join(folder.files, 'users.csv'), 'utf8')).toBe('new content\n');
  });

  it('never moves a folder of the area aside when a dropped file has its name', () => {
    const folder = fresh();
    write(join(folder.reports, '20261121-0100_report_users.csv'), 'report\n', HOUR);
    drop(folder, 'reports', 'a file named reports\n');
    drop(folder, 'archives', 'a file named archives\n');
    drop(folder, 'users.csv');
    const result = captureDropFolder(folder, NOW);
    expect(result.captured).toEqual(['users.csv']);
    expect(result.events).toEqual([
      { code: 'CAPTURE_NAME_IS_FOLDER', params: { file: 'archives' }, warning: true },
      { code: 'CAPTURE_NAME_IS_FOLDER', params: { file: 'reports' }, warning: true },
      { code: 'CAPTURE_CAPTURED', params: { file: 'users.csv' }, warning: false },
    ]);
    expect(statSync(folder.reports).isDirectory()).toBe(true);
    expect(statSync(folder.archives).isDirectory()).toBe(true);
    expect(list(folder.reports)).toEqual(['20261121-0100_report_users.csv']);
    expect(list(folder.archives)).toEqual([]);
    expect(list(folder.sync)).toEqual(['archives', 'reports']);
  });
});

describe('captureDropFolder: locks', () => {
  it('captures nothing while alock.txt is present, and does not warn about a young one', () => {
    const folder = fresh();
    write(join(folder.sync, 'alock.txt'), '', 1 * HOUR);
    drop(folder, 'users.csv');
    const result = captureDropFolder(folder, NOW);
    expect(result).toEqual({ captured: [], events: [{ code: 'CAPTURE_WRITE_LOCKED', params: {}, warning: false }] });
    expect(list(folder.sync)).toEqual(['alock.txt', 'users.csv']);
    expect(list(folder.files)).toEqual(['archives', 'reports']);
  });

  it('warns when alock.txt is older than 3 hours, and still captures nothing', () => {
    const folder = fresh();
    write(join(folder.sync, 'alock.txt'), '', 5 * HOUR + 10 * 60 * SECOND);
    drop(folder, 'users.csv');
    const result = captureDropFolder(folder, NOW);
    expect(result).toEqual({
      captured: [],
      events: [
        { code: 'CAPTURE_WRITE_LOCKED', params: {}, warning: false },
        { code: 'CAPTURE_WRITE_LOCK_TOO_OLD', params: { hours: 5 }, warning: true },
      ],
    });
    expect(list(folder.sync)).toEqual(['alock.txt', 'users.csv']);
  });

  it('does not warn about an alock.txt of exactly 3 hours', () => {
    const folder = fresh();
    write(join(folder.sync, 'alock.txt'), '', 3 * HOUR);
    expect(codes(captureDropFolder(folder, NOW).events)).toEqual(['CAPTURE_WRITE_LOCKED']);
  });

  it('captures nothing while a young lock.txt says another capture runs, and leaves that lock', () => {
    const folder = fresh();
    write(join(folder.sync, 'lock.txt'), '1795365000', 2 * HOUR);
    drop(folder, 'users.csv');
    const result = captureDropFolder(folder, NOW);
    expect(result).toEqual({ captured: [], events: [{ code: 'CAPTURE_READ_LOCKED', params: {}, warning: false }] });
    expect(list(folder.sync)).toEqual(['lock.txt', 'users.csv']);
    expect(readFileSync(join(folder.sync, 'lock.txt'), 'utf8')).toBe('1795365000');
  });

  it('takes over a lock.txt older than 3 hours with a warning, captures, then removes it', () => {
    const folder = fresh();
    write(join(folder.sync, 'lock.txt'), '0', 4 * HOUR);
    drop(folder, 'users.csv', 'u\n');
    const result = captureDropFolder(folder, NOW);
    expect(result.captured).toEqual(['users.csv']);
    expect(result.events).toEqual([
      { code: 'CAPTURE_READ_LOCK_TOO_OLD', params: { hours: 4 }, warning: true },
      { code: 'CAPTURE_CAPTURED', params: { file: 'users.csv' }, warning: false },
    ]);
    expect(list(folder.sync)).toEqual([]);
    expect(readFileSync(join(folder.files, 'users.csv'), 'utf8')).toBe('u\n');
  });

  it('leaves no lock.txt behind after a capture, and never captures the lock itself', () => {
    const folder = fresh();
    drop(folder, 'users.csv');
    captureDropFolder(folder, NOW);
    expect(list(folder.sync)).toEqual([]);
    expect(list(folder.files)).toEqual(['archives', 'reports', 'users.csv']);
    // a second capture is not blocked by a lock of the first
    drop(folder, 'cohorts.csv');
    expect(captureDropFolder(folder, NOW).captured).toEqual(['cohorts.csv']);
  });
});
