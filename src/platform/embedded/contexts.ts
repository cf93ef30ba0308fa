import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { chunks, selectIn } from './sql-helpers.js';

/** Moodle's context levels used by the embedded platform. */
export const CONTEXT_LEVEL = { system: 10, category: 40, course: 50 } as const;

/** The system context, which every store holds from its first migration. */
export async function systemContextId(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('lms_context').select('id').where('contextlevel', '=', CONTEXT_LEVEL.system).executeTakeFirstOrThrow();
  return row.id;
}

/** The contexts of instances (categories, courses) by instance id, created where missing as Moodle does lazily. */
export async function ensureContexts(
  db: Kysely<Database>,
  contextlevel: number,
  instanceIds: readonly number[],
  sqlite?: SQLite.Database,
): Promise<Map<number, number>> {
  const distinct = [...new Set(instanceIds)];
  for (const part of chunks(distinct, 500)) {
    await db
      .insertInto('lms_context')
      .values(part.map((instanceid) => ({ contextlevel, instanceid })))
      .onConflict((conflict) => conflict.columns(['contextlevel', 'instanceid']).doNothing())
      .execute();
  }
  return contextsOf(db, contextlevel, distinct, sqlite);
}

/** The existing contexts of instances, by instance id. */
export async function contextsOf(
  db: Kysely<Database>,
  contextlevel: number,
  instanceIds: readonly number[],
  sqlite?: SQLite.Database,
): Promise<Map<number, number>> {
  const rows = await selectIn(
    instanceIds,
    (part) => db.selectFrom('lms_context').select(['id', 'instanceid']).where('contextlevel', '=', contextlevel).where('instanceid', 'in', part).execute(),
    sqlite,
  );
  return new Map(rows.map((row) => [row.instanceid, row.id]));
}
