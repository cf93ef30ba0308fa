import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { createEngine, type Engine } from '../src/engine/engine.js';
import { createStore, type DatabaseKind, type Store } from '../src/store/database.js';

/** The PostgreSQL server the suites use; each suite works in a schema of its own, dropped at the end. */
export const TEST_PG_URL = process.env.TOOL_SYNC_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Set by CI: a PostgreSQL server that cannot be reached fails the suite instead of skipping it. */
const pgRequired = process.env.TOOL_SYNC_REQUIRE_PG === '1';

async function pgReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    if (pgRequired) throw new Error(`PostgreSQL is required (TOOL_SYNC_REQUIRE_PG=1) but ${TEST_PG_URL} is unreachable: ${error}`);
    return false;
  }
}

/** Every database the store supports; suites loop over it: `for (const kind of DATABASES)`. */
export const DATABASES: readonly DatabaseKind[] = (await pgReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];

if (!DATABASES.includes('postgres')) console.warn(`PostgreSQL tests skipped: ${TEST_PG_URL} unreachable`);

/** A fresh, migrated store of the given kind. */
export async function openTestStore(kind: DatabaseKind, sqlitePath = ':memory:'): Promise<Store> {
  if (kind === 'sqlite') return createStore({ sqlitePath });
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const store = await createStore({ url: TEST_PG_URL, pgSchema: schema });
  return {
    ...store,
    close: async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(store.db);
      await store.close();
    },
  };
}

/** Connection settings that let a child process (the CLI) open the same test store. */
export function pgSchemaUrl(schema: string): string {
  return `${TEST_PG_URL}${TEST_PG_URL.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
}

/** An engine on a fresh temp data folder and a fresh store of the given kind (SQLite in the data folder). */
export async function openTestEngine(kind: DatabaseKind): Promise<Engine> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tool-sync-test-'));
  const store = await openTestStore(kind, join(dataDir, 'store.sqlite'));
  const engine = await createEngine({ dataDir, store });
  return {
    ...engine,
    close: async () => {
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
