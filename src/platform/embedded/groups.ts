import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { Changed, FindInCourses, GroupChange, NewGroup, PlatformGroup } from '../operations.js';
import { checkGroupDeletions, GROUP } from './group-rules.js';
import { coursesOf, createInCourses, findInCourses, updateInCourses } from './group-tables.js';
import { chunks, selectIn } from './sql-helpers.js';

/** Groups of the courses, every one or those matching `by`, in id order. */
export function findGroups(db: Kysely<Database>, input: FindInCourses): Promise<PlatformGroup[]> {
  return findInCourses(db, 'lms_groups', input);
}

/**
 * Creates groups; an unknown course, a name already used in the course or a non-empty idnumber already used in
 * the course (before or earlier in the call) rejects that item.
 */
export function createGroups(db: Kysely<Database>, groups: readonly NewGroup[]): Promise<ItemResult<{ id: number }>[]> {
  return createInCourses(db, 'lms_groups', groups, GROUP);
}

/** Renames groups or changes their idnumber or description; a name or idnumber another group of the course holds is refused. */
export function updateGroups(db: Kysely<Database>, changes: readonly GroupChange[]): Promise<ItemResult<Changed>[]> {
  return updateInCourses(db, 'lms_groups', changes, GROUP);
}

/** Deletes groups as groups_delete_group does: their memberships and grouping bindings go too; an unknown group is refused. */
export async function deleteGroups(db: Kysely<Database>, ids: readonly number[]): Promise<ItemResult<null>[]> {
  const existing = await coursesOf(db, 'lms_groups', ids);
  const verdicts = checkGroupDeletions(ids, (id) => existing.has(id), GROUP);
  for (const part of chunks(ids.filter((_, index) => !verdicts[index]), 500)) {
    await db.deleteFrom('lms_groups_members').where('groupid', 'in', part).execute();
    await db.deleteFrom('lms_groupings_groups').where('groupid', 'in', part).execute();
    await db.deleteFrom('lms_groups').where('id', 'in', part).execute();
  }
  return verdicts.map((verdict) => verdict ?? succeeded(null));
}

/** Groups of the courses that have no member, in id order. */
export async function findEmptyGroups(db: Kysely<Database>, { courseIds }: { courseIds: readonly number[] }): Promise<PlatformGroup[]> {
  const rows = await selectIn(courseIds, (part) =>
    db
      .selectFrom('lms_groups as g')
      .select(['g.id', 'g.courseid', 'g.name', 'g.idnumber', 'g.description'])
      .where('g.courseid', 'in', part)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('lms_groups_members as gm').select('gm.id').whereRef('gm.groupid', '=', 'g.id'))))
      .execute(),
  );
  return rows
    .map((row) => ({ id: row.id, courseId: row.courseid, name: row.name, idnumber: row.idnumber, description: row.description }))
    .sort((a, b) => a.id - b.id);
}
