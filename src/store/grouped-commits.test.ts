import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from './database.js';
import { COMMIT_WINDOW_MS } from './grouped-commits.js';

describe('grouped commits on SQLite', () => {
  let dir: string;
  let store: Store;
  let other: SQLite.Database;
  /** The settings another process sees: what is committed. */
  const committed = () => other.prepare('select key from ts_settings order by key').pluck().all();
  const setting = (key: string) => ({ key, value: '1', updated_at: 0 });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'grouped-commits-'));
    store = await createStore({ sqlitePath: join(dir, 'store.sqlite') });
    other = new SQLite(join(dir, 'store.sqlite'), { readonly: true });
  });
  afterEach(async () => {
    other.close();
    await store.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits transactions together once the window has passed, even when the store is idle', async () => {
    await store.db.transaction().execute((trx) => trx.insertInto('ts_settings').values(setting('a')).execute());
    await store.db.transaction().execute((trx) => trx.insertInto('ts_settings').values(setting('b')).execute());
    // The store's own connection sees its transactions at once; other connections after the group's commit.
    expect(await store.db.selectFrom('ts_settings').select('key').where('key', 'in', ['a', 'b']).execute()).toHaveLength(2);
    expect(committed()).not.toContain('a');
    await sleep(COMMIT_WINDOW_MS + 200);
    expect(committed()).toEqual(expect.arrayContaining(['a', 'b']));
  });

  it('rolls back a failed transaction alone, keeping those grouped before it', async () => {
    await store.db.transaction().execute((trx) => trx.insertInto('ts_settings').values(setting('kept')).execute());
    const failing = store.db.transaction().execute(async (trx) => {
      await trx.insertInto('ts_settings').values(setting('undone')).execute();
      throw new Error('refused');
    });
    await expect(failing).rejects.toThrow('refused');
    await store.close();
    expect(committed()).toContain('kept');
    expect(committed()).not.toContain('undone');
  });

  it('commits on close, without waiting for the window', async () => {
    await store.db.transaction().execute((trx) => trx.insertInto('ts_settings').values(setting('closing')).execute());
    await store.close();
    expect(committed()).toContain('closing');
  });

  it('commits at once when flushed, as a run does before it archives its input', async () => {
    await store.db.transaction().execute((trx) => trx.insertInto('ts_settings').values(setting('flushed')).execute());
    await store.flush();
    expect(committed()).toContain('flushed');
  });

  it('never commits half a transaction that is still running when the window ends', async () => {
    await store.db.transaction().execute((trx) => trx.insertInto('ts_settings').values(setting('first')).execute());
    let seenMidway: unknown[] = [];
    await store.db.transaction().execute(async (trx) => {
      await trx.insertInto('ts_settings').values(setting('second-a')).execute();
      await sleep(COMMIT_WINDOW_MS + 200);
      seenMidway = committed();
      await trx.insertInto('ts_settings').values(setting('second-b')).execute();
    });
    expect(seenMidway).not.toContain('second-a');
    await sleep(COMMIT_WINDOW_MS + 200);
    expect(committed()).toEqual(expect.arrayContaining(['first', 'second-a', 'second-b']));
  });

  it('drops a group whose commit fails, tells the next transaction, then commits again', async () => {
    // A deferred foreign key is checked by the commit only: an honest way to make a commit fail.
    await store.flush();
    store.sqlite!.pragma('foreign_keys = ON');
    store.sqlite!.exec('create table t_parent (id integer primary key); create table t_child (parent integer references t_parent (id) deferrable initially deferred)');
    await store.db.transaction().execute((trx) => trx.insertInto('ts_settings').values(setting('lost')).execute());
    await store.db.transaction().execute((trx) => sql`insert into t_child values (42)`.execute(trx));
    await sleep(COMMIT_WINDOW_MS + 200);
    const next = store.db.transaction().execute((trx) => trx.insertInto('ts_settings').values(setting('refused')).execute());
    await expect(next).rejects.toThrow(/could not commit the last seconds of work, which are lost: FOREIGN KEY constraint failed/);
    await store.db.transaction().execute((trx) => trx.insertInto('ts_settings').values(setting('after')).execute());
    await store.flush();
    expect(committed()).toContain('after');
    expect(committed()).not.toContain('lost');
    expect(committed()).not.toContain('refused');
    expect(other.prepare('select count(*) from t_child').pluck().get()).toBe(0);
  });
});
