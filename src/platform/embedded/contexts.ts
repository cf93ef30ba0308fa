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

/**
 * The contexts of instances (categories, courses) by instance id, created where missing as Moodle does lazily.
 * Read first, inserted only for the missing ones: a batch's courses nearly always have theirs, and an insert of
 * 500 rows that the unique index then ignores cost 3 ms a batch on the enrolment bench.
 */
export async function ensureContexts(
  db: Kysely<Database>,
  contextlevel: number,
  instanceIds: readonly number[],
  sqlite?: SQLite.Database,
): Promise<Map<number, number>> {
  const contexts = await contextsOf(db, contextlevel, instanceIds, sqlite);
  const missing = [...new Set(instanceIds)].filter((id) => !contexts.has(id));
  for (const part of chunks(missing, 500)) {
    await db
      .insertInto('lms_context')
      .values(part.map((instanceid) => ({ contextlevel, instanceid })))
      .onConflict((conflict) => conflict.columns(['contextlevel', 'instanceid']).doNothing())
      .execute();
  }
  if (missing.length) for (const [id, context] of await contextsOf(db, contextlevel, missing, sqlite)) contexts.set(id, context);
  return contexts;
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
