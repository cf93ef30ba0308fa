import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache.js';

describe('withStatementCache', () => {
  let database: SQLite.Database;
  afterEach(() => database?.open && database.close());

  it('hands out the same prepared statement for the same text, and a fresh one while it is being iterated', () => {
    database = new SQLite(':memory:');
    database.exec('create table t (id integer primary key); insert into t values (1), (2), (3)');
    const cached = withStatementCache(database, 2);
    const first = cached.prepare('select id from t');
    expect(cached.prepare('select id from t')).toBe(first);
    const iterator = first.iterate([]);
    iterator.next();
    const second = cached.prepare('select id from t');
    expect(second).not.toBe(first);
    expect(second.all([])).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    iterator.return?.();
  });

  it('keeps the most recently used statements only', () => {
    database = new SQLite(':memory:');
    const cached = withStatementCache(database, 2);
    const one = cached.prepare('select 1');
    cached.prepare('select 2');
    expect(cached.prepare('select 1')).toBe(one);
    cached.prepare('select 3');
    expect(cached.prepare('select 1')).toBe(one);
    expect(cached.prepare('select 2')).not.toBe(undefined);
  });
});
