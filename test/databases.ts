import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { MoodleOverDouble } from './moodle-double/moodle-over-double.js';
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

/**
 * A fresh, migrated store of the given kind. PostgreSQL stores live in schemas named `t_…`, dropped all together
 * after the run (test/global-setup.ts): dropping one while another suite's migrator introspects every schema
 * would fail that suite.
 */
export async function openTestStore(kind: DatabaseKind, sqlitePath = ':memory:'): Promise<Store> {
  if (kind === 'sqlite') return createStore({ sqlitePath });
  return createStore({ url: TEST_PG_URL, pgSchema: testSchemaName() });
}

/**
 * A schema name of this test run: `t_<run>_<random>`, the run being a base-36 time set by the global setup, so
 * that a run drops only its own schemas, whatever other runs share the server.
 */
export function testSchemaName(): string {
  return `t_${process.env.TOOL_SYNC_TEST_RUN ?? Date.now().toString(36)}_${randomBytes(5).toString('hex')}`;
}

/** Connection settings that let a child process (the CLI) open the same test store. */
export function pgSchemaUrl(schema: string): string {
  return `${TEST_PG_URL}${TEST_PG_URL.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
}

/**
 * The platform processor tests run against: the embedded store, or with `TOOL_SYNC_TEST_PLATFORM=moodle` the
 * Moodle platform through its web services, answered by the Moodle double whose state is the same store (so
 * that what a test seeds and reads back in the lms_* tables is what Moodle holds). `npm run test:moodle`.
 */
export const TEST_PLATFORM = process.env.TOOL_SYNC_TEST_PLATFORM === 'moodle' ? 'moodle' : 'embedded';

/** An engine on a fresh temp data folder and a fresh store of the given kind (SQLite in the data folder). */
export async function openTestEngine(kind: DatabaseKind): Promise<Engine> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tool-sync-test-'));
  const store = await openTestStore(kind, join(dataDir, 'store.sqlite'));
  const engine = await createEngine({ dataDir, store });
  const platform = TEST_PLATFORM === 'moodle' ? new MoodleOverDouble(store) : engine.platform;
  let closed = false;
  return {
    ...engine,
    platform,
    close: async () => {
      if (closed) return;
      closed = true;
      if (platform !== engine.platform) await platform.close();
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
