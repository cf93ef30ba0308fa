import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSettings } from '../../settings/settings-store.js';
import { cleanupFileArea } from '../files/cleanup-file-area.js';
import { createDataFolder, type DataFolder } from '../files/data-folder.js';
import { postProcess } from './post-process.js';

const STARTED = new Date(2026, 10, 22, 18, 30, 12);
const INPUT = 'username,firstname\njdoe,John\nbad,Row\n';
const REPORT = 'tool-sync · users · run #1\nline 3: bad row\nend of report\n';
const TRYBACK = 'username,firstname\nbad,Row';
const DAY = 86_400_000;

const ALL_ON = { storereport: true, filefailed: true, filearchive: true, filecleanup: true };
const ALL_OFF = { storereport: false, filefailed: false, filearchive: false, filecleanup: false };

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Setup {
  folder: DataFolder;
  reportFile: string;
  trybackFile: string;
}

/** A data folder after a run of `input`: the input in the area, the run's report and tryback rows in runs/. */
function afterRun(input = 'users.csv'): Setup {
  const folder = createDataFolder(mkdtempSync(join(tmpdir(), 'tool-sync-post-')));
  temporary.push(folder.root);
  mkdirSync(dirname(join(folder.files, input)), { recursive: true });
  writeFileSync(join(folder.files, input), INPUT);
  const reportFile = join(folder.runs, 'run-1-report.txt');
  const trybackFile = join(folder.runs, 'run-1-tryback.tmp');
  writeFileSync(reportFile, REPORT);
  writeFileSync(trybackFile, TRYBACK);
  return { folder, reportFile, trybackFile };
}

function run(setup: Setup, overrides: { input?: string; simulate?: boolean; failed?: boolean; tryback?: boolean } = {}) {
  return {
    input: overrides.input ?? 'users.csv',
    started: STARTED,
    simulate: overrides.simulate ?? false,
    failed: overrides.failed ?? false,
    reportFile: setup.reportFile,
    trybackFile: overrides.tryback === false ? null : setup.trybackFile,
  };
}

const list = (dir: string) => readdirSync(dir).sort();
const read = (folder: DataFolder, path: string) => readFileSync(join(folder.files, path), 'utf8');
const exists = (folder: DataFolder, path: string) => existsSync(join(folder.files, path));

describe('postProcess', () => {
  it('with every flag on: stores the report, writes the tryback next to the input, archives and removes the input', () => {
    const setup = afterRun();
    const { folder } = setup;
    const result = postProcess(folder, createSettings(ALL_ON), run(setup));
    expect(result).toEqual({
      reportPath: 'reports/20261122-1830_report_users.csv',
      trybackPath: 'users_tryback_20261122-1830.csv',
      archivePath: 'archives/20261122-1830_users.csv',
      cleaned: true,
    });
    expect(read(folder, 'reports/20261122-1830_report_users.csv')).toBe(REPORT);
    expect(read(folder, 'users_tryback_20261122-1830.csv')).toBe(TRYBACK);
    expect(read(folder, 'archives/20261122-1830_users.csv')).toBe(INPUT);
    expect(exists(folder, 'users.csv')).toBe(false);
    expect(list(folder.files)).toEqual(['archives', 'reports', 'users_tryback_20261122-1830.csv']);
    expect(list(folder.reports)).toEqual(['20261122-1830_report_users.csv']);
    expect(list(folder.archives)).toEqual(['20261122-1830_users.csv']);
    // the run's own report stays for its record; the pending tryback rows were moved
    expect(readFileSync(setup.reportFile, 'utf8')).toBe(REPORT);
    expect(existsSync(setup.trybackFile)).toBe(false);
  });

  it('with every flag on, for an input in a sub-folder: tryback beside it, report and archive at the root folders', () => {
    const setup = afterRun('incoming/users.csv');
    const { folder } = setup;
    const result = postProcess(folder, createSettings(ALL_ON), run(setup, { input: 'incoming/users.csv' }));
    expect(result).toEqual({
      reportPath: 'reports/20261122-1830_report_users.csv',
      trybackPath: 'incoming/users_tryback_20261122-1830.csv',
      archivePath: 'archives/20261122-1830_users.csv',
      cleaned: true,
    });
    expect(list(join(folder.files, 'incoming'))).toEqual(['users_tryback_20261122-1830.csv']);
    expect(read(folder, 'incoming/users_tryback_20261122-1830.csv')).toBe(TRYBACK);
    expect(read(folder, 'reports/20261122-1830_report_users.csv')).toBe(REPORT);
    expect(read(folder, 'archives/20261122-1830_users.csv')).toBe(INPUT);
    expect(list(folder.files)).toEqual(['archives', 'incoming', 'reports']);
  });

  it('archive without cleanup copies the input and leaves it in place', () => {
    const setup = afterRun();
    const { folder } = setup;
    const result = postProcess(folder, createSettings({ filearchive: true }), run(setup));
    expect(result).toEqual({ reportPath: null, trybackPath: null, archivePath: 'archives/20261122-1830_users.csv', cleaned: false });
    expect(read(folder, 'archives/20261122-1830_users.csv')).toBe(INPUT);
    expect(read(folder, 'users.csv')).toBe(INPUT);
    expect(list(folder.files)).toEqual(['archives', 'reports', 'users.csv']);
    expect(list(folder.reports)).toEqual([]);
  });

  it('cleanup without archive deletes the input and archives nothing', () => {
    const setup = afterRun();
    const { folder } = setup;
    const result = postProcess(folder, createSettings({ filecleanup: true }), run(setup));
    expect(result).toEqual({ reportPath: null, trybackPath: null, archivePath: null, cleaned: true });
    expect(list(folder.files)).toEqual(['archives', 'reports']);
    expect(list(folder.archives)).toEqual([]);
  });

  it('a simulation stores its report but writes no tryback, archives nothing and leaves the input', () => {
    const setup = afterRun();
    const { folder } = setup;
    const result = postProcess(folder, createSettings(ALL_ON), run(setup, { simulate: true }));
    expect(result).toEqual({ reportPath: 'reports/20261122-1830_simulation_report_users.csv', trybackPath: null, archivePath: null, cleaned: false });
    expect(read(folder, 'reports/20261122-1830_simulation_report_users.csv')).toBe(REPORT);
    expect(read(folder, 'users.csv')).toBe(INPUT);
    expect(list(folder.files)).toEqual(['archives', 'reports', 'users.csv']);
    expect(list(folder.archives)).toEqual([]);
  });

  it('a failed run keeps its input where it is, unarchived, with no tryback beside it', () => {
    const setup = afterRun();
    const { folder } = setup;
    const result = postProcess(folder, createSettings(ALL_ON), run(setup, { failed: true }));
    expect(result).toEqual({
      reportPath: 'reports/20261122-1830_report_users.csv',
      trybackPath: null,
      archivePath: null,
      cleaned: false,
    });
    expect(read(folder, 'users.csv')).toBe(INPUT);
    expect(read(folder, 'reports/20261122-1830_report_users.csv')).toBe(REPORT);
    expect(list(folder.archives)).toEqual([]);
    expect(list(folder.files)).toEqual(['archives', 'reports', 'users.csv']);
  });

  it('with every flag off leaves the area as it was', () => {
    const setup = afterRun();
    const { folder } = setup;
    const result = postProcess(folder, createSettings(ALL_OFF), run(setup));
    expect(result).toEqual({ reportPath: null, trybackPath: null, archivePath: null, cleaned: false });
    expect(list(folder.files)).toEqual(['archives', 'reports', 'users.csv']);
    expect(list(folder.reports)).toEqual([]);
    expect(list(folder.archives)).toEqual([]);
    expect(read(folder, 'users.csv')).toBe(INPUT);
    expect(list(folder.runs)).toEqual(['run-1-report.txt', 'run-1-tryback.tmp']);
  });

  it('the default settings store, write, archive and clean nothing', () => {
    const setup = afterRun();
    const result = postProcess(setup.folder, createSettings(), run(setup));
    expect(result).toEqual({ reportPath: null, trybackPath: null, archivePath: null, cleaned: false });
    expect(list(setup.folder.files)).toEqual(['archives', 'reports', 'users.csv']);
  });

  it('writes no tryback file when no row failed', () => {
    const setup = afterRun();
    const { folder } = setup;
    const result = postProcess(folder, createSettings(ALL_ON), run(setup, { tryback: false }));
    expect(result.trybackPath).toBeNull();
    expect(list(folder.files)).toEqual(['archives', 'reports']);
  });

  it('replaces a report, tryback and archive of the same name from a run of the same minute', () => {
    const setup = afterRun();
    const { folder } = setup;
    writeFileSync(join(folder.reports, '20261122-1830_report_users.csv'), 'older report');
    writeFileSync(join(folder.archives, '20261122-1830_users.csv'), 'older archive');
    writeFileSync(join(folder.files, 'users_tryback_20261122-1830.csv'), 'older tryback');
    postProcess(folder, createSettings(ALL_ON), run(setup));
    expect(read(folder, 'reports/20261122-1830_report_users.csv')).toBe(REPORT);
    expect(read(folder, 'archives/20261122-1830_users.csv')).toBe(INPUT);
    expect(read(folder, 'users_tryback_20261122-1830.csv')).toBe(TRYBACK);
  });

  it('recreates reports/ and archives/ when an administrator removed them', () => {
    const setup = afterRun();
    const { folder } = setup;
    rmSync(folder.reports, { recursive: true });
    rmSync(folder.archives, { recursive: true });
    const result = postProcess(folder, createSettings(ALL_ON), run(setup));
    expect(result.cleaned).toBe(true);
    expect(read(folder, 'reports/20261122-1830_report_users.csv')).toBe(REPORT);
    expect(read(folder, 'archives/20261122-1830_users.csv')).toBe(INPUT);
  });

  it('dates an archive from the run, so the age cleanup keeps it for the full delay however old the input was', () => {
    for (const flags of [ALL_ON, { filearchive: true }]) {
      const setup = afterRun();
      const { folder } = setup;
      const old = new Date(Date.now() - 400 * DAY);
      utimesSync(join(folder.files, 'users.csv'), old, old);
      postProcess(folder, createSettings(flags), run(setup));
      expect(statSync(join(folder.archives, '20261122-1830_users.csv')).mtimeMs).toBeGreaterThan(Date.now() - DAY);
      expect(cleanupFileArea(folder, 90)).toEqual([]);
      expect(list(folder.archives)).toEqual(['20261122-1830_users.csv']);
    }
  });
});
