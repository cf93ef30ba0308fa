import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { selectIn } from './sql-helpers.js';

/** Which of the ids are users that exist and are not deleted. */
export async function activeUserIds(db: Kysely<Database>, ids: readonly number[], sqlite?: SQLite.Database): Promise<Set<number>> {
  const rows = await selectIn(ids, (part) => db.selectFrom('lms_user').select('id').where('deleted', '=', 0).where('id', 'in', part).execute(), sqlite);
  return new Set(rows.map((row) => row.id));
}

/** Which of the ids are roles. */
export async function existingRoleIds(db: Kysely<Database>, ids: readonly number[], sqlite?: SQLite.Database): Promise<Set<number>> {
  const rows = await selectIn(ids, (part) => db.selectFrom('lms_role').select('id').where('id', 'in', part).execute(), sqlite);
  return new Set(rows.map((row) => row.id));
}

/** Which of the ids are courses. */
export async function existingCourseIds(db: Kysely<Database>, ids: readonly number[]): Promise<Set<number>> {
  const rows = await selectIn(ids, (part) => db.selectFrom('lms_course').select('id').where('id', 'in', part).execute());
  return new Set(rows.map((row) => row.id));
}
