import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSettings } from '../../settings/settings-store.js';
import { cleanupFileArea } from './cleanup-file-area.js';
import { configuredInputs } from './configured-inputs.js';
import { createDataFolder, type DataFolder } from './data-folder.js';

const NOW = new Date(2026, 10, 22, 1, 0, 0).getTime();
const DAY = 86_400_000;

const temporary: string[] = [];
function fresh(): DataFolder {
  const root = mkdtempSync(join(tmpdir(), 'tool-sync-cleanup-'));
  temporary.push(root);
  return createDataFolder(root);
}
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes an area file last modified `days` days before NOW. */
function age(folder: DataFolder, path: string, days: number): void {
  const absolute = join(folder.files, path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, path);
  const when = new Date(NOW - days * DAY);
  utimesSync(absolute, when, when);
}
const exists = (folder: DataFolder, path: string) => existsSync(join(folder.files, path));

describe('cleanupFileArea', () => {
  it('removes reports, archives and tryback files older than the delay, and keeps the younger ones', () => {
    const folder = fresh();
    age(folder, 'reports/20260801-1830_report_users.csv', 100);
    age(folder, 'reports/20261120-1830_report_users.csv', 2);
    age(folder, 'archives/20260801-1830_users.csv', 91);
    age(folder, 'archives/20260901-1830_replaced_users.csv', 95);
    age(folder, 'archives/20261101-1830_users.csv', 21);
    age(folder, 'users_tryback_20260801-1830.csv', 100);
    age(folder, 'incoming/enrols_tryback_20260801-1830.csv', 100);
    age(folder, 'users_tryback_20261120-1830.csv', 2);
    expect(cleanupFileArea(folder, 90, { now: NOW })).toEqual([
      'archives/20260801-1830_users.csv',
      'archives/20260901-1830_replaced_users.csv',
      'incoming/enrols_tryback_20260801-1830.csv',
      'reports/20260801-1830_report_users.csv',
      'users_tryback_20260801-1830.csv',
    ]);
    expect(exists(folder, 'reports/20260801-1830_report_users.csv')).toBe(false);
    expect(exists(folder, 'archives/20260801-1830_users.csv')).toBe(false);
    expect(exists(folder, 'users_tryback_20260801-1830.csv')).toBe(false);
    expect(exists(folder, 'incoming/enrols_tryback_20260801-1830.csv')).toBe(false);
    expect(exists(folder, 'reports/20261120-1830_report_users.csv')).toBe(true);
    expect(exists(folder, 'archives/20261101-1830_users.csv')).toBe(true);
    expect(exists(folder, 'users_tryback_20261120-1830.csv')).toBe(true);
    expect(existsSync(folder.reports)).toBe(true);
    expect(existsSync(folder.archives)).toBe(true);
  });

  it('never removes input files, however old, in any folder', () => {
    const folder = fresh();
    age(folder, 'userimport.csv', 400);
    age(folder, 'incoming/enrols.csv', 400);
    age(folder, 'users-tryback-failed.csv', 400);
    age(folder, 'incoming/reports/notes.csv', 400);
    age(folder, 'archives/20250101-0000_users.csv', 400);
    expect(cleanupFileArea(folder, 90, { now: NOW })).toEqual(['archives/20250101-0000_users.csv']);
    expect(exists(folder, 'userimport.csv')).toBe(true);
    expect(exists(folder, 'incoming/enrols.csv')).toBe(true);
    expect(exists(folder, 'users-tryback-failed.csv')).toBe(true);
    expect(exists(folder, 'incoming/reports/notes.csv')).toBe(true);
  });

  it('keeps a file exactly as old as the delay', () => {
    const folder = fresh();
    age(folder, 'reports/20260824-0100_report_users.csv', 90);
    expect(cleanupFileArea(folder, 90, { now: NOW })).toEqual([]);
    expect(exists(folder, 'reports/20260824-0100_report_users.csv')).toBe(true);
  });

  it('removes nothing when the delay is 0', () => {
    const folder = fresh();
    age(folder, 'reports/20200101-0000_report_users.csv', 2000);
    age(folder, 'users_tryback_20200101-0000.csv', 2000);
    expect(cleanupFileArea(folder, 0, { now: NOW })).toEqual([]);
    expect(exists(folder, 'reports/20200101-0000_report_users.csv')).toBe(true);
    expect(exists(folder, 'users_tryback_20200101-0000.csv')).toBe(true);
  });

  it('works when reports/ or archives/ were removed by an administrator', () => {
    const folder = fresh();
    rmSync(folder.reports, { recursive: true });
    age(folder, 'users_tryback_20260101-0000.csv', 300);
    expect(cleanupFileArea(folder, 30, { now: NOW })).toEqual(['users_tryback_20260101-0000.csv']);
  });
});

describe('cleanup and the location settings', () => {
  it('keeps an old tryback file that a location setting points at, to be fed again', () => {
    const folder = createDataFolder(mkdtempSync(join(tmpdir(), 'tool-sync-keep-')));
    const old = new Date(NOW - 200 * 86_400_000);
    for (const name of ['users_tryback_20250101-0000.csv', 'enrols_tryback_20250101-0000.csv']) {
      writeFileSync(join(folder.files, name), 'username\n');
      utimesSync(join(folder.files, name), old, old);
    }
    const settings = createSettings({ users_filelocation: 'users_tryback_20250101-0000.csv' });
    expect(configuredInputs(folder.files, settings)).toEqual(new Set(['users_tryback_20250101-0000.csv']));
    expect(cleanupFileArea(folder, 90, { now: NOW, keep: configuredInputs(folder.files, settings) })).toEqual([
      'enrols_tryback_20250101-0000.csv',
    ]);
    expect(existsSync(join(folder.files, 'users_tryback_20250101-0000.csv'))).toBe(true);
  });
});
