import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { columnTypes, type DatabaseKind } from './migrations/column-types.js';
import * as serviceTables from './migrations/0001-service-tables.js';
import * as embeddedPlatform from './migrations/0002-embedded-platform.js';
import * as membershipUserIndexes from './migrations/0003-membership-user-indexes.js';
import * as courseSettings from './migrations/0004-course-settings.js';
import * as serviceAccounts from './migrations/0006-service-accounts.js';
import * as metaLinkIndex from './migrations/0008-meta-link-index.js';
import type { Database } from './schema.js';
import { STORE_MIGRATION_FAILED } from './store-errors.js';

/** Every migration, in order; a name is never reused. */
const MIGRATIONS = [
  ['0001-service-tables', serviceTables],
  ['0002-embedded-platform', embeddedPlatform],
  ['0003-membership-user-indexes', membershipUserIndexes],
  ['0004-course-settings', courseSettings],
  ['0006-service-accounts', serviceAccounts],
  ['0008-meta-link-index', metaLinkIndex],
] as const;

/** Any number shared by every tool-sync process: the PostgreSQL advisory lock that serialises migrations. */
const MIGRATION_LOCK = 74_253_110;

/**
 * Brings the schema up to date, once, whatever the number of processes starting together: PostgreSQL
 * serialises them with an advisory lock held by the migrating transaction, SQLite with an exclusive
 * transaction. Applied migrations are recorded in `ts_migrations`. (Kysely's migrator is not used: it
 * inspects every schema of the server, and fails when another application drops one at that moment.)
 */
export async function migrateStore(db: Kysely<Database>, kind: DatabaseKind, sqlite?: SQLite.Database): Promise<void> {
  if (!sqlite) {
    await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
      await applyPending(trx, kind);
    });
    return;
  }
  sqlite.exec('begin exclusive');
  try {
    await applyPending(db, kind);
    sqlite.exec('commit');
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('rollback');
    throw error;
  }
}

async function applyPending(db: Kysely<Database>, kind: DatabaseKind): Promise<void> {
  await db.schema
    .createTable('ts_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (column) => column.primaryKey())
    .addColumn('applied_at', 'bigint', (column) => column.notNull())
    .execute();
  const applied = new Set((await db.selectFrom('ts_migrations').select('name').execute()).map((row) => row.name));
  const types = columnTypes(kind);
  for (const [name, migration] of MIGRATIONS) {
    if (applied.has(name)) continue;
    try {
      await migration.up(db, types);
    } catch (error) {
      throw STORE_MIGRATION_FAILED({ migration: name }, { cause: error, detail: String(error) });
    }
    await db.insertInto('ts_migrations').values({ name, applied_at: Date.now() }).execute();
  }
}
