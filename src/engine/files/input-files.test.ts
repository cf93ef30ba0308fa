import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ToolSyncError } from '../../errors.js';
import { createDataFolder, type DataFolder } from './data-folder.js';
import { compareNames, resolveInputFiles } from './input-files.js';

const temporary: string[] = [];
function fresh(): DataFolder {
  const root = mkdtempSync(join(tmpdir(), 'tool-sync-input-'));
  temporary.push(root);
  return createDataFolder(root);
}
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes files inside the command file area. */
function put(folder: DataFolder, ...paths: string[]): void {
  for (const path of paths) {
    mkdirSync(dirname(join(folder.files, path)), { recursive: true });
    writeFileSync(join(folder.files, path), `content of ${path}\n`);
  }
}

function errorOf(action: () => unknown): ToolSyncError | null {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ToolSyncError);
    return error as ToolSyncError;
  }
  return null;
}

describe('resolveInputFiles: one file', () => {
  it('uses the default file when the location is empty or blank', () => {
    const folder = fresh();
    put(folder, 'userimport.csv', 'other.csv');
    expect(resolveInputFiles(folder.files, '', 'userimport.csv')).toEqual(['userimport.csv']);
    expect(resolveInputFiles(folder.files, '   ', 'userimport.csv')).toEqual(['userimport.csv']);
  });

  it('returns nothing when the default file is missing', () => {
    const folder = fresh();
    put(folder, 'other.csv');
    expect(resolveInputFiles(folder.files, '', 'userimport.csv')).toEqual([]);
  });

  it('reads a plain path inside the area, with a leading slash, doubled slashes or "./"', () => {
    const folder = fresh();
    put(folder, 'users.csv', 'incoming/users.csv');
    expect(resolveInputFiles(folder.files, 'users.csv', 'userimport.csv')).toEqual(['users.csv']);
    expect(resolveInputFiles(folder.files, '/users.csv', 'userimport.csv')).toEqual(['users.csv']);
    expect(resolveInputFiles(folder.files, './users.csv', 'userimport.csv')).toEqual(['users.csv']);
    expect(resolveInputFiles(folder.files, 'incoming/users.csv', 'userimport.csv')).toEqual(['incoming/users.csv']);
    expect(resolveInputFiles(folder.files, '/incoming//users.csv', 'userimport.csv')).toEqual(['incoming/users.csv']);
    expect(resolveInputFiles(folder.files, ' ./incoming/./users.csv ', 'userimport.csv')).toEqual(['incoming/users.csv']);
  });

  it('returns nothing for a missing file or a folder, never the default instead', () => {
    const folder = fresh();
    put(folder, 'userimport.csv', 'incoming/users.csv');
    expect(resolveInputFiles(folder.files, 'missing.csv', 'userimport.csv')).toEqual([]);
    expect(resolveInputFiles(folder.files, 'incoming/missing.csv', 'userimport.csv')).toEqual([]);
    expect(resolveInputFiles(folder.files, 'incoming', 'userimport.csv')).toEqual([]);
  });

  it('refuses a URL: remote files are not fetched', () => {
    const folder = fresh();
    for (const location of ['http://example.org/users.csv', 'https://example.org/u.csv', 'ftp://h/u.csv', 'FTPS://h/u.csv']) {
      const error = errorOf(() => resolveInputFiles(folder.files, location, 'userimport.csv'));
      expect(error?.code).toBe('ENGINE_REMOTE_LOCATION');
      expect(error?.params).toEqual({ location });
    }
  });

  it('refuses ".." in a plain path, a list or a wildcard', () => {
    const folder = fresh();
    put(folder, 'users.csv');
    for (const location of ['../users.csv', 'incoming/../../users.csv', 'users.csv,../secret.csv', '../*.csv']) {
      expect(errorOf(() => resolveInputFiles(folder.files, location, 'userimport.csv'))?.code).toBe('ENGINE_PATH_OUTSIDE_AREA');
    }
  });

  it('refuses a symbolic link inside the area that points outside it', () => {
    const folder = fresh();
    const elsewhere = mkdtempSync(join(tmpdir(), 'tool-sync-outside-'));
    temporary.push(elsewhere);
    writeFileSync(join(elsewhere, 'users.csv'), 'username\n');
    symlinkSync(join(elsewhere, 'users.csv'), join(folder.files, 'users.csv'));
    symlinkSync(elsewhere, join(folder.files, 'linked'));
    expect(errorOf(() => resolveInputFiles(folder.files, 'users.csv', 'userimport.csv'))?.code).toBe('ENGINE_PATH_OUTSIDE_AREA');
    expect(errorOf(() => resolveInputFiles(folder.files, 'linked/users.csv', 'x.csv'))?.code).toBe('ENGINE_PATH_OUTSIDE_AREA');
    expect(errorOf(() => resolveInputFiles(folder.files, 'linked/*.csv', 'x.csv'))?.code).toBe('ENGINE_PATH_OUTSIDE_AREA');
  });
});

describe('resolveInputFiles: comma list', () => {
  it('takes the first candidate that exists, in the order given', () => {
    const folder = fresh();
    put(folder, 'b.csv', 'c.csv', 'incoming/a.csv');
    expect(resolveInputFiles(folder.files, 'a.csv, b.csv, c.csv', 'userimport.csv')).toEqual(['b.csv']);
    expect(resolveInputFiles(folder.files, 'c.csv,b.csv', 'userimport.csv')).toEqual(['c.csv']);
    expect(resolveInputFiles(folder.files, 'missing.csv,/incoming/a.csv,b.csv', 'userimport.csv')).toEqual(['incoming/a.csv']);
  });

  it('ignores empty candidates and returns nothing when none exists', () => {
    const folder = fresh();
    put(folder, 'userimport.csv', 'b.csv');
    expect(resolveInputFiles(folder.files, ',,b.csv,', 'userimport.csv')).toEqual(['b.csv']);
    expect(resolveInputFiles(folder.files, 'x.csv,y.csv', 'userimport.csv')).toEqual([]);
  });
});

describe('resolveInputFiles: wildcard', () => {
  it('returns every match of the folder in code-point name order', () => {
    const folder = fresh();
    put(folder, 'users_b.csv', 'users_a10.csv', 'users_a2.csv', 'users_B.csv', 'other.csv', 'users_a2.txt');
    expect(resolveInputFiles(folder.files, 'users_*.csv', 'userimport.csv')).toEqual([
      'users_B.csv',
      'users_a10.csv',
      'users_a2.csv',
      'users_b.csv',
    ]);
  });

  it('matches only in the named folder, not in sub-folders nor at the root', () => {
    const folder = fresh();
    put(folder, 'users_root.csv', 'incoming/users_1.csv', 'incoming/users_2.csv', 'incoming/deeper/users_3.csv');
    mkdirSync(join(folder.files, 'incoming', 'users_dir.csv'));
    expect(resolveInputFiles(folder.files, 'incoming/users_*.csv', 'userimport.csv')).toEqual([
      'incoming/users_1.csv',
      'incoming/users_2.csv',
    ]);
    expect(resolveInputFiles(folder.files, '/users_*.csv', 'userimport.csv')).toEqual(['users_root.csv']);
  });

  it('never picks up tryback files nor files set aside after a crash', () => {
    const folder = fresh();
    put(
      folder,
      'users.csv',
      'users_tryback_20261122-1830.csv',
      'users-tryback-failed.csv',
      'incoming/users_tryback_20261122-1830.csv',
      'incoming/users_1.csv',
    );
    expect(resolveInputFiles(folder.files, 'users*.csv', 'userimport.csv')).toEqual(['users.csv']);
    expect(resolveInputFiles(folder.files, '*', 'userimport.csv')).toEqual(['users.csv']);
    expect(resolveInputFiles(folder.files, 'incoming/*', 'userimport.csv')).toEqual(['incoming/users_1.csv']);
  });

  it('still reads a tryback file named explicitly, to feed it again', () => {
    const folder = fresh();
    put(folder, 'users_tryback_20261122-1830.csv');
    expect(resolveInputFiles(folder.files, 'users_tryback_20261122-1830.csv', 'userimport.csv')).toEqual([
      'users_tryback_20261122-1830.csv',
    ]);
  });

  it('treats regular-expression characters in the name literally', () => {
    const folder = fresh();
    put(folder, 'a.b(1).csv', 'aXb(1).csv', 'a.b(1)Xcsv');
    expect(resolveInputFiles(folder.files, 'a.b(*).csv', 'userimport.csv')).toEqual(['a.b(1).csv']);
  });

  it('returns nothing when nothing matches or the folder does not exist', () => {
    const folder = fresh();
    put(folder, 'other.csv');
    expect(resolveInputFiles(folder.files, 'users_*.csv', 'userimport.csv')).toEqual([]);
    expect(resolveInputFiles(folder.files, 'missing/users_*.csv', 'userimport.csv')).toEqual([]);
  });
});

describe('compareNames', () => {
  it('orders by code point, whatever the locale', () => {
    expect(['é.csv', 'b.csv', 'B.csv', 'a10', 'a2'].sort(compareNames)).toEqual(['B.csv', 'a10', 'a2', 'b.csv', 'é.csv']);
    expect(compareNames('a', 'a')).toBe(0);
  });
});
