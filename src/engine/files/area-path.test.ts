import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ToolSyncError } from '../../errors.js';
import { absoluteAreaPath, normalizeAreaPath } from './area-path.js';
import { createDataFolder, type DataFolder } from './data-folder.js';

const temporary: string[] = [];
function fresh(): DataFolder {
  const root = mkdtempSync(join(tmpdir(), 'tool-sync-area-'));
  temporary.push(root);
  return createDataFolder(root);
}
/** A folder outside the data folder, with a file in it. */
function outside(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tool-sync-outside-'));
  temporary.push(dir);
  writeFileSync(join(dir, 'users.csv'), 'username\nsecret\n');
  return dir;
}
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ToolSyncError);
    return (error as ToolSyncError).code;
  }
  return undefined;
}

describe('normalizeAreaPath', () => {
  it('drops leading slashes, doubled slashes and "." parts', () => {
    expect(normalizeAreaPath('/incoming//users.csv')).toBe('incoming/users.csv');
    expect(normalizeAreaPath('./users.csv')).toBe('users.csv');
    expect(normalizeAreaPath('/./incoming/./users.csv/')).toBe('incoming/users.csv');
    expect(normalizeAreaPath('incoming\\users.csv')).toBe('incoming/users.csv');
  });

  it('refuses ".." anywhere and an empty path', () => {
    expect(codeOf(() => normalizeAreaPath('../users.csv'))).toBe('ENGINE_PATH_OUTSIDE_AREA');
    expect(codeOf(() => normalizeAreaPath('incoming/../../etc/passwd'))).toBe('ENGINE_PATH_OUTSIDE_AREA');
    expect(codeOf(() => normalizeAreaPath('incoming\\..\\users.csv'))).toBe('ENGINE_PATH_OUTSIDE_AREA');
    expect(codeOf(() => normalizeAreaPath('/'))).toBe('ENGINE_PATH_OUTSIDE_AREA');
    expect(codeOf(() => normalizeAreaPath(''))).toBe('ENGINE_PATH_OUTSIDE_AREA');
  });

  it('keeps names that merely start with two dots', () => {
    expect(normalizeAreaPath('..users.csv')).toBe('..users.csv');
  });
});

describe('absoluteAreaPath', () => {
  it('joins an existing or future file to the area', () => {
    const folder = fresh();
    writeFileSync(join(folder.files, 'users.csv'), 'x');
    expect(absoluteAreaPath(folder.files, '/users.csv')).toBe(join(folder.files, 'users.csv'));
    expect(absoluteAreaPath(folder.files, 'incoming//new.csv')).toBe(join(folder.files, 'incoming', 'new.csv'));
  });

  it('accepts a symbolic link that stays inside the area', () => {
    const folder = fresh();
    mkdirSync(join(folder.files, 'incoming'));
    writeFileSync(join(folder.files, 'incoming', 'users.csv'), 'x');
    symlinkSync(join(folder.files, 'incoming'), join(folder.files, 'alias'));
    expect(absoluteAreaPath(folder.files, 'alias/users.csv')).toBe(join(folder.files, 'alias', 'users.csv'));
  });

  it('refuses a symbolic link to a file outside the area', () => {
    const folder = fresh();
    symlinkSync(join(outside(), 'users.csv'), join(folder.files, 'users.csv'));
    const error = (() => {
      try {
        absoluteAreaPath(folder.files, 'users.csv');
      } catch (caught) {
        return caught as ToolSyncError;
      }
      return null;
    })();
    expect(error?.code).toBe('ENGINE_PATH_OUTSIDE_AREA');
    expect(error?.params).toEqual({ path: 'users.csv' });
  });

  it('refuses a file reached through a linked folder outside the area', () => {
    const folder = fresh();
    symlinkSync(outside(), join(folder.files, 'linked'));
    expect(codeOf(() => absoluteAreaPath(folder.files, 'linked/users.csv'))).toBe('ENGINE_PATH_OUTSIDE_AREA');
    expect(codeOf(() => absoluteAreaPath(folder.files, 'linked'))).toBe('ENGINE_PATH_OUTSIDE_AREA');
  });

  it('refuses a file not yet written whose folder is a link outside the area', () => {
    const folder = fresh();
    symlinkSync(outside(), join(folder.files, 'linked'));
    expect(codeOf(() => absoluteAreaPath(folder.files, 'linked/users_tryback_20261122-1830.csv'))).toBe(
      'ENGINE_PATH_OUTSIDE_AREA',
    );
  });

  it('refuses a dangling link, which would write wherever it points', () => {
    const folder = fresh();
    symlinkSync(join(outside(), 'not-yet.csv'), join(folder.files, 'report.csv'));
    expect(codeOf(() => absoluteAreaPath(folder.files, 'report.csv'))).toBe('ENGINE_PATH_OUTSIDE_AREA');
  });
});
