import pg from 'pg';
import { TEST_PG_URL } from './databases.js';

/** Schemas of runs that started longer ago than this are leftovers of a run that died. */
const LEFTOVER_MS = 2 * 60 * 60 * 1000;

/** Drops the test schemas (`t_<run>_…`) that `shouldDrop` picks, given their run's start time. */
async function dropTestSchemas(shouldDrop: (run: string, started: number) => boolean): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch {
    return; // no PostgreSQL: the suites say so themselves
  }
  try {
    const { rows } = await client.query<{ name: string }>("select nspname as name from pg_namespace where nspname like 't\\_%'");
    for (const { name } of rows) {
      const run = /^t_([0-9a-z]+)_/.exec(name)?.[1];
      if (run && shouldDrop(run, parseInt(run, 36))) await client.query(`drop schema "${name}" cascade`);
    }
  } finally {
    await client.end();
  }
}

/** Names this run for the schemas of its suites, and drops leftovers of runs that died. */
export async function setup(): Promise<void> {
  process.env.TOOL_SYNC_TEST_RUN = Date.now().toString(36);
  await dropTestSchemas((_run, started) => !(started > Date.now() - LEFTOVER_MS));
}

/** Drops the schemas of this run, and nothing of runs going on beside it. */
export async function teardown(): Promise<void> {
  await dropTestSchemas((run) => run === process.env.TOOL_SYNC_TEST_RUN);
}
