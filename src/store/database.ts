import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseKind } from './migrations/column-types.js';
import { migrateStore } from './migrate.js';
import type { Database } from './schema.js';
import { withStatementCache } from './statement-cache.js';
import { groupedCommitsDialect } from './grouped-commits.js';

export type { DatabaseKind } from './migrations/column-types.js';

/** Where the store lives: a PostgreSQL URL, or else an SQLite file. */
export interface StoreOptions {
  /** `postgres://…` to use PostgreSQL. */
  readonly url?: string;
  /** SQLite file, used when no URL is given (`:memory:` for a throw-away store). */
  readonly sqlitePath?: string;
  /** PostgreSQL schema to work in (tests give each suite its own); created when missing. */
  readonly pgSchema?: string;
}

/** The typed query builder of the store (other layers pass it around, only `store/` and the embedded platform query). */
export type StoreDb = Kysely<Database>;

/** Answers whether the database responds. */
export async function pingStore(store: Store): Promise<boolean> {
  try {
    await sql`select 1`.execute(store.db);
    return true;
  } catch {
    return false;
  }
}

/** An open store: the typed query builder, which database it is, and how to close it. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  /**
   * The SQLite connection itself (SQLite only), for the embedded platform's hot paths: SQLite runs in-process,
   * so one cached prepared statement per row beats building and preparing a multi-row statement per batch.
   * Only use it between awaits, inside a Kysely transaction when writing: it is the same connection.
   * @internal
   */
  readonly sqlite?: SQLite.Database;
  /** Makes every transaction ended so far durable now (SQLite groups its commits: see grouped-commits.ts). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the store and brings its schema up to date (migrations run by themselves, once, whatever the number
 * of processes starting together).
 *
 * @example
 * const store = await createStore({ sqlitePath: 'data/store.sqlite' });
 * const users = await store.db.selectFrom('lms_user').selectAll().execute();
 */
export async function createStore(options: StoreOptions): Promise<Store> {
  const kind: DatabaseKind = options.url ? 'postgres' : 'sqlite';
  const sqlite = kind === 'sqlite' ? openSqlite(options.sqlitePath ?? ':memory:') : undefined;
  const grouped = sqlite ? groupedCommitsDialect(sqlite, withStatementCache(sqlite)) : undefined;
  const db = grouped ? new Kysely<Database>({ dialect: grouped }) : await openPostgres(options);
  try {
    await migrateStore(db, kind, sqlite);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, kind, ...(sqlite ? { sqlite } : {}), flush: () => grouped?.flush() ?? Promise.resolve(), close: () => db.destroy() };
}

function openSqlite(path: string): SQLite.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SQLite(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 10000');
  // 32 MB of page cache instead of 2: the user and enrolment indexes of a large site stay in memory, and a group of
  // commits (grouped-commits.ts) keeps the pages it changed without spilling them to the WAL before its commit
  // (million-row enrolment bench: 7.9 GB written with 16 MB, 5.2 GB with 32 MB).
  database.pragma('cache_size = -32000');
  // Each call runs in a savepoint of its group of commits; SQLite keeps the original of every page a savepoint
  // changes in a sub-journal, a temporary file by default. In memory it is truncated at each release instead:
  // the million-row enrolment bench wrote 3.5 GB less (5.3 -> 1.8 GB) and made 1.7 million fewer write calls.
  // The store's own queries need no large temporary sort, which this also keeps in memory.
  database.pragma('temp_store = MEMORY');
  // A checkpoint every 200 MB of WAL instead of 4: a large run rewrites the same index pages batch after batch,
  // and each checkpoint copies them to the database once, however many times they changed (-20 % on the million-row enrolment bench).
  database.pragma('wal_autocheckpoint = 50000');
  return database;
}

/** 64-bit integers come back as numbers: every id and time of the store fits in 2^53. */
const PG_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

async function openPostgres(options: StoreOptions): Promise<Kysely<Database>> {
  const schema = options.pgSchema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  if (schema) {
    // Before any session of the pool names it in its search_path: parallel workers resolve that path strictly.
    const client = new pg.Client({ connectionString: options.url });
    await client.connect();
    try {
      await client.query(`create schema if not exists "${schema}"`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: 10,
    types: PG_TYPES,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
