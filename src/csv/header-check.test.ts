import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ToolSyncError } from '../errors.js';
import type { Separator } from './dialect.js';
import { checkHeader, matchesWhole, type ColumnSpec } from './header-check.js';
import { openCsvTable, type CsvTable } from './reader.js';

const USERS: ColumnSpec = { required: ['username', 'email'], optional: ['firstname', 'city'] };
const PLACE = { file: 'users.csv', line: 1 };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tool-sync-header-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let count = 0;
/** Opens a new file holding `text` (UTF-8) with openCsvTable. */
function open(
  text: string,
  options: { spec?: ColumnSpec; separator?: Separator; acceptUnknownColumns?: boolean; displayName?: string } = {},
): Promise<CsvTable> {
  const path = join(dir, `h${++count}.csv`);
  writeFileSync(path, text, 'utf8');
  return openCsvTable(path, { separator: options.separator ?? ';', encoding: 'UTF-8' }, {
    displayName: options.displayName ?? 'users.csv',
    spec: options.spec ?? USERS,
    acceptUnknownColumns: options.acceptUnknownColumns,
  });
}

function thrown(run: () => unknown): ToolSyncError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ToolSyncError);
    return error as ToolSyncError;
  }
  expect.unreachable('nothing was thrown');
}

describe('checkHeader', () => {
  it('returns the names trimmed, trailing empty names dropped', () => {
    expect(checkHeader([' username ', 'email\t', 'city', '', '  '], USERS, ';', PLACE, false)).toEqual(['username', 'email', 'city']);
  });

  it('throws CSV_MISSING_COLUMN naming the file, line and the missing column', () => {
    const error = thrown(() => checkHeader(['username', 'city'], USERS, ';', { file: 'u.csv', line: 4 }, false));
    expect(error).toMatchObject({
      code: 'CSV_MISSING_COLUMN',
      params: { file: 'u.csv', line: 4, column: 'email', required: 'username, email' },
    });
    expect(error.message).toBe('u.csv, line 4: required column "email" is missing from the header. Required columns: username, email.');
  });

  it('throws CSV_UNKNOWN_COLUMN with its position unless unknown columns are accepted', () => {
    expect(thrown(() => checkHeader(['username', 'email', 'citty'], USERS, ';', PLACE, false))).toMatchObject({
      code: 'CSV_UNKNOWN_COLUMN',
      params: { position: 3, column: 'citty' },
      message: expect.stringContaining('users.csv, line 1, column 3: unknown column "citty"'),
    });
    expect(checkHeader(['username', 'email', 'citty'], USERS, ';', PLACE, true)).toEqual(['username', 'email', 'citty']);
  });

  it('still requires the required columns when unknown columns are accepted', () => {
    expect(thrown(() => checkHeader(['username', 'mail'], USERS, ';', PLACE, true))).toMatchObject({
      code: 'CSV_MISSING_COLUMN',
      params: { column: 'email' },
    });
  });

  it('throws CSV_DUPLICATE_COLUMN at the second occurrence (after trimming)', () => {
    expect(thrown(() => checkHeader(['username', 'email', ' username'], USERS, ';', PLACE, true))).toMatchObject({
      code: 'CSV_DUPLICATE_COLUMN',
      params: { position: 3, column: 'username' },
      message: expect.stringContaining('users.csv, line 1, column 3: column "username" appears twice'),
    });
  });

  it('throws CSV_EMPTY_COLUMN_NAME for an empty name in the middle', () => {
    expect(thrown(() => checkHeader(['username', ' ', 'email'], USERS, ';', PLACE, true))).toMatchObject({
      code: 'CSV_EMPTY_COLUMN_NAME',
      params: { position: 2 },
      message: expect.stringContaining('users.csv, line 1, column 2: empty column name'),
    });
  });

  it.each([
    [';', 'username,email', ',', ';'],
    [';', 'username\temail', 'TAB', ';'],
    [',', 'username;email', ';', ','],
    ['\t', 'username;email', ';', 'TAB'],
    ['\t', 'username,email', ',', 'TAB'],
  ])('separator %j: a header "%s" throws CSV_WRONG_SEPARATOR (found %s)', (separator, header, found, expected) => {
    const fields = header.split(separator);
    expect(thrown(() => checkHeader(fields, USERS, separator, PLACE, true))).toMatchObject({
      code: 'CSV_WRONG_SEPARATOR',
      params: { file: 'users.csv', line: 1, found, expected },
      message: expect.stringContaining(`users.csv, line 1: the header holds "${found}" but the configured separator is "${expected}"`),
    });
  });
});

describe('pattern columns are anchored', () => {
  const COURSES: ColumnSpec = { required: ['username'], optional: [], patterns: [/course\d+/] };

  it.each(['course1', 'course12'])('accepts %s', (name) => {
    expect(checkHeader(['username', name], COURSES, ';', PLACE, false)).toEqual(['username', name]);
  });

  it.each(['mycourse1', 'course1x', 'course', 'Course1'])('rejects %s as unknown', (name) => {
    expect(thrown(() => checkHeader(['username', name], COURSES, ';', PLACE, false))).toMatchObject({
      code: 'CSV_UNKNOWN_COLUMN',
      params: { position: 2, column: name },
    });
  });

  it('matches the whole name, not only the leftmost match', () => {
    expect(matchesWhole(/course\d+/, 'course12')).toBe(true);
    expect(matchesWhole(/course\d+/, 'xcourse12')).toBe(false);
    expect(matchesWhole(/course\d+/, 'course12x')).toBe(false);
    // An alternative that matches a shorter prefix first must not hide one that matches the whole name.
    expect(matchesWhole(/start|startdate/, 'startdate')).toBe(true);
    expect(matchesWhole(/course\d+?/, 'course12')).toBe(true);
    expect(matchesWhole(/a|b/, 'ab')).toBe(false);
    // ^ and $ stay at the ends of the name even for a multiline pattern (a quoted header name may hold a line break).
    expect(matchesWhole(/course\d+/m, 'course1\nx')).toBe(false);
  });

  it('gives the same answer on every call, even for a pattern with the g flag', () => {
    const pattern = /course\d+/g;
    expect([matchesWhole(pattern, 'course1'), matchesWhole(pattern, 'course2'), matchesWhole(pattern, 'course3')]).toEqual([
      true,
      true,
      true,
    ]);
    expect(checkHeader(['username', 'course1', 'course2'], { required: ['username'], optional: [], patterns: [pattern] }, ';', PLACE, false)).toEqual([
      'username',
      'course1',
      'course2',
    ]);
  });
});

describe('openCsvTable: header errors stop the file, naming the file and the header line', () => {
  it('CSV_MISSING_COLUMN on the header after comments (physical line)', async () => {
    await expect(open('# users\n\nusername;city\nbob;Lyon\n')).rejects.toMatchObject({
      code: 'CSV_MISSING_COLUMN',
      params: { file: 'users.csv', line: 3, column: 'email' },
      message: expect.stringMatching(/^users\.csv, line 3: required column "email"/),
    });
  });

  it('CSV_UNKNOWN_COLUMN, and the same header read when unknown columns are accepted', async () => {
    expect.assertions(3);
    await expect(open('username;email;shoe_size\n')).rejects.toMatchObject({
      code: 'CSV_UNKNOWN_COLUMN',
      params: { file: 'users.csv', line: 1, position: 3, column: 'shoe_size' },
    });
    const table = await open('username;email;shoe_size\nbob;b@x.org;42\n', { acceptUnknownColumns: true });
    expect(table.header.columns).toEqual(['username', 'email', 'shoe_size']);
    for await (const batch of table.batches) expect(batch.map((row) => row.value('shoe_size'))).toEqual(['42']);
  });

  it('pattern columns: course12 is read, mycourse1 and course1x stop the file', async () => {
    const spec: ColumnSpec = { required: ['username'], optional: [], patterns: [/course\d+/] };
    const table = await open('username;course12\nbob;maths\n', { spec });
    expect(table.header.columns).toEqual(['username', 'course12']);
    await expect(open('username;mycourse1\n', { spec })).rejects.toMatchObject({ code: 'CSV_UNKNOWN_COLUMN', params: { column: 'mycourse1' } });
    await expect(open('username;course1x\n', { spec })).rejects.toMatchObject({ code: 'CSV_UNKNOWN_COLUMN', params: { column: 'course1x' } });
  });

  it('CSV_DUPLICATE_COLUMN', async () => {
    await expect(open('username;email;email\n', { displayName: 'dup.csv' })).rejects.toMatchObject({
      code: 'CSV_DUPLICATE_COLUMN',
      params: { file: 'dup.csv', line: 1, position: 3, column: 'email' },
    });
  });

  it('CSV_EMPTY_COLUMN_NAME in the middle; trailing separators on the header are fine', async () => {
    await expect(open('\n\nusername;;email\n')).rejects.toMatchObject({
      code: 'CSV_EMPTY_COLUMN_NAME',
      params: { file: 'users.csv', line: 3, position: 2 },
    });
    const table = await open('username;email;;\nbob;b@x.org;;\n');
    expect(table.header.columns).toEqual(['username', 'email']);
  });

  it('CSV_WRONG_SEPARATOR for a comma-separated file read with ";"', async () => {
    await expect(open('# export\r\nusername,email\r\nbob,b@x.org\r\n', { displayName: 'comma.csv' })).rejects.toMatchObject({
      code: 'CSV_WRONG_SEPARATOR',
      params: { file: 'comma.csv', line: 2, found: ',', expected: ';' },
      message: expect.stringMatching(/^comma\.csv, line 2: /),
    });
  });

  it('CSV_WRONG_SEPARATOR for a semicolon file read with TAB', async () => {
    await expect(open('username;email\n', { separator: '\t' })).rejects.toMatchObject({
      code: 'CSV_WRONG_SEPARATOR',
      params: { found: ';', expected: 'TAB' },
    });
  });
});
