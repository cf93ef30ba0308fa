import { describe, expect, it } from 'vitest';
import { outputNames } from './output-names.js';
import { formatStamp } from './stamp.js';

/** 22 November 2026, 18:30 local time (the original stamps in the server's local time). */
const STARTED = new Date(2026, 10, 22, 18, 30, 59);

describe('formatStamp', () => {
  it('writes YYYYMMDD-HHMM in local time, seconds dropped', () => {
    expect(formatStamp(STARTED)).toBe('20261122-1830');
  });

  it('pads months, days, hours and minutes to two digits', () => {
    expect(formatStamp(new Date(2027, 0, 5, 7, 3, 9))).toBe('20270105-0703');
    expect(formatStamp(new Date(2026, 8, 9, 0, 0, 0))).toBe('20260909-0000');
    expect(formatStamp(new Date(2026, 11, 31, 23, 59, 59))).toBe('20261231-2359');
  });
});

describe('outputNames', () => {
  it('names the report, archive, tryback and failed files exactly as the original', () => {
    expect(outputNames('users.csv', STARTED)).toEqual({
      report: 'reports/20261122-1830_report_users.csv',
      simulationReport: 'reports/20261122-1830_simulation_report_users.csv',
      archive: 'archives/20261122-1830_users.csv',
      tryback: 'users_tryback_20261122-1830.csv',
      failed: 'users-tryback-failed.csv',
    });
  });

  it('puts the tryback and failed files next to an input in a sub-folder, reports and archives at the root', () => {
    expect(outputNames('incoming/users.csv', STARTED)).toEqual({
      report: 'reports/20261122-1830_report_users.csv',
      simulationReport: 'reports/20261122-1830_simulation_report_users.csv',
      archive: 'archives/20261122-1830_users.csv',
      tryback: 'incoming/users_tryback_20261122-1830.csv',
      failed: 'incoming/users-tryback-failed.csv',
    });
    expect(outputNames('a/b/enrols.txt', STARTED).tryback).toBe('a/b/enrols_tryback_20261122-1830.txt');
  });

  it('ends a tryback name with a dot when the input has no extension, and the failed name without one', () => {
    expect(outputNames('list', STARTED)).toEqual({
      report: 'reports/20261122-1830_report_list',
      simulationReport: 'reports/20261122-1830_simulation_report_list',
      archive: 'archives/20261122-1830_list',
      tryback: 'list_tryback_20261122-1830.',
      failed: 'list-tryback-failed',
    });
  });

  it('splits the extension at the last dot only', () => {
    expect(outputNames('users.2026.csv', STARTED)).toMatchObject({
      tryback: 'users.2026_tryback_20261122-1830.csv',
      failed: 'users.2026-tryback-failed.csv',
      archive: 'archives/20261122-1830_users.2026.csv',
    });
  });

  it('keeps a tryback file name whole when that file is run again', () => {
    const later = new Date(2026, 10, 23, 9, 5);
    expect(outputNames('users_tryback_20261122-1830.csv', later)).toEqual({
      report: 'reports/20261123-0905_report_users_tryback_20261122-1830.csv',
      simulationReport: 'reports/20261123-0905_simulation_report_users_tryback_20261122-1830.csv',
      archive: 'archives/20261123-0905_users_tryback_20261122-1830.csv',
      tryback: 'users_tryback_20261122-1830_tryback_20261123-0905.csv',
      failed: 'users_tryback_20261122-1830-tryback-failed.csv',
    });
  });
});
