import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration } from 'kysely';
import pg from 'pg';
import { columnTypes, type DatabaseKind } from './migrations/column-types.js';
import * as serviceTables from './migrations/0001-service-tables.js';
import * as embeddedPlatform from './migrations/0002-embedded-platform.js';
import type { Database } from './schema.js';
import { STORE_MIGRATION_FAILED } from './store-errors.js';

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
  close(): Promise<void>;
}

const MIGRATIONS = [
  ['0001-service-tables', serviceTables],
  ['0002-embedded-platform', embeddedPlatform],
] as const;

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
  const db = sqlite ? new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }) : await openPostgres(options);
  try {
    await migrateExclusively(db, kind, sqlite);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, kind, ...(sqlite ? { sqlite } : {}), close: () => db.destroy() };
}

function openSqlite(path: string): SQLite.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SQLite(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 10000');
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

/**
 * Kysely locks PostgreSQL migrations itself, but runs SQLite's outside any transaction with no lock, so two
 * processes opening a new store together would both create its tables. An exclusive transaction around them
 * makes the second wait (busy_timeout), then find the work done.
 */
async function migrateExclusively(db: Kysely<Database>, kind: DatabaseKind, sqlite?: SQLite.Database): Promise<void> {
  if (!sqlite) return migrate(db, kind);
  sqlite.exec('begin exclusive');
  try {
    await migrate(db, kind);
    sqlite.exec('commit');
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('rollback');
    throw error;
  }
}

/**
 * The migrations already applied, read from Kysely's own table in our schema only. Kysely's migrator
 * introspects every schema of the server first, which fails when another application drops a schema at that
 * moment: a store that is up to date (every start but the first after an upgrade) does not need it at all.
 */
async function appliedMigrations(db: Kysely<Database>, kind: DatabaseKind): Promise<Set<string>> {
  const exists =
    kind === 'postgres'
      ? (await sql<{ found: string | null }>`select to_regclass('kysely_migration')::text as found`.execute(db)).rows[0]?.found
      : (await sql<{ found: string }>`select name as found from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(db)).rows[0]?.found;
  if (!exists) return new Set();
  const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  return new Set(rows.rows.map((row) => row.name));
}

async function migrate(db: Kysely<Database>, kind: DatabaseKind): Promise<void> {
  const applied = await appliedMigrations(db, kind);
  if (MIGRATIONS.every(([name]) => applied.has(name))) return;
  const types = columnTypes(kind);
  const migrations: Record<string, Migration> = Object.fromEntries(
    MIGRATIONS.map(([name, migration]) => [name, { up: (database: Kysely<any>) => migration.up(database, types) }]),
  );
  // Kysely looks for its own tables in every schema; several tool-sync schemas can share one PostgreSQL database.
  const schema = kind === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw STORE_MIGRATION_FAILED({ migration: failed }, { cause: error, detail: String(error) });
  }
}
