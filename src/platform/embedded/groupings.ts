import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { Added, Changed, FindInCourses, GroupChange, GroupingBinding, NewGroup, PlatformGrouping } from '../operations.js';
import { checkGroupDeletions, checkGroupingBindings, GROUPING } from './group-rules.js';
import { coursesOf, createInCourses, findInCourses, updateInCourses } from './group-tables.js';
import { isAdded } from './rejections.js';
import { chunks, keyOf, selectIn } from './sql-helpers.js';

/** Groupings of the courses, every one or those matching `by`, in id order. */
export function findGroupings(db: Kysely<Database>, input: FindInCourses): Promise<PlatformGrouping[]> {
  return findInCourses(db, 'lms_groupings', input);
}

/** Creates groupings; an unknown course, a name or a non-empty idnumber already used in the course rejects that item. */
export function createGroupings(db: Kysely<Database>, groupings: readonly NewGroup[]): Promise<ItemResult<{ id: number }>[]> {
  return createInCourses(db, 'lms_groupings', groupings, GROUPING);
}

/** Renames groupings or changes their idnumber or description; a name or idnumber another grouping of the course holds is refused. */
export function updateGroupings(db: Kysely<Database>, changes: readonly GroupChange[]): Promise<ItemResult<Changed>[]> {
  return updateInCourses(db, 'lms_groupings', changes, GROUPING);
}

/** Deletes groupings and their bindings (the groups stay); an unknown grouping is refused. */
export async function deleteGroupings(db: Kysely<Database>, ids: readonly number[]): Promise<ItemResult<null>[]> {
  const existing = await coursesOf(db, 'lms_groupings', ids);
  const verdicts = checkGroupDeletions(ids, (id) => existing.has(id), GROUPING);
  for (const part of chunks(ids.filter((_, index) => !verdicts[index]), 500)) {
    await db.deleteFrom('lms_groupings_groups').where('groupingid', 'in', part).execute();
    await db.deleteFrom('lms_groupings').where('id', 'in', part).execute();
  }
  return verdicts.map((verdict) => verdict ?? succeeded(null));
}

/** Groupings of the courses that hold no group, in id order. */
export async function findEmptyGroupings(db: Kysely<Database>, { courseIds }: { courseIds: readonly number[] }): Promise<PlatformGrouping[]> {
  const rows = await selectIn(courseIds, (part) =>
    db
      .selectFrom('lms_groupings as gg')
      .select(['gg.id', 'gg.courseid', 'gg.name', 'gg.idnumber', 'gg.description'])
      .where('gg.courseid', 'in', part)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('lms_groupings_groups as b').select('b.id').whereRef('b.groupingid', '=', 'gg.id'))))
      .execute(),
  );
  return rows
    .map((row) => ({ id: row.id, courseId: row.courseid, name: row.name, idnumber: row.idnumber, description: row.description }))
    .sort((a, b) => a.id - b.id);
}

/** The groups bound to these groupings, in grouping then group id order. */
export async function findGroupingGroups(db: Kysely<Database>, { groupingIds }: { groupingIds: readonly number[] }): Promise<GroupingBinding[]> {
  const rows = await selectIn(groupingIds, (part) =>
    db.selectFrom('lms_groupings_groups').select(['groupingid', 'groupid']).where('groupingid', 'in', part).execute(),
  );
  return rows.map((row) => ({ groupingId: row.groupingid, groupId: row.groupid })).sort((a, b) => a.groupingId - b.groupingId || a.groupId - b.groupId);
}

/** Binds groups to groupings of their course; an unknown grouping or group, or two courses, is refused; bound already answers `added` false. */
export async function assignGroupings(db: Kysely<Database>, bindings: readonly GroupingBinding[]): Promise<ItemResult<Added>[]> {
  const groupings = await coursesOf(db, 'lms_groupings', bindings.map((binding) => binding.groupingId));
  const groups = await coursesOf(db, 'lms_groups', bindings.map((binding) => binding.groupId));
  const held = await findGroupingGroups(db, { groupingIds: bindings.map((binding) => binding.groupingId) });
  const bound = new Set(held.map((binding) => keyOf(binding.groupingId, binding.groupId)));
  const results = checkGroupingBindings(bindings, {
    courseOfGrouping: (id) => groupings.get(id),
    courseOfGroup: (id) => groups.get(id),
    isBound: (groupingId, groupId) => bound.has(keyOf(groupingId, groupId)),
  });
  const rows = bindings.filter((_, index) => isAdded(results[index]!)).map(({ groupingId, groupId }) => ({ groupingid: groupingId, groupid: groupId }));
  for (const part of chunks(rows, 500)) await db.insertInto('lms_groupings_groups').values(part).execute();
  return results;
}
