import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { Changed, FindInCourses, GroupChange, NewGroup, PlatformGroup } from '../operations.js';
import { existingCourseIds } from './existing.js';
import { checkGroupChanges, checkNewGroups, type GroupKind } from './group-rules.js';
import { anyOf } from './references.js';
import { chunks, keyOf, nowSeconds, selectIn } from './sql-helpers.js';

/**
 * Groups and groupings: two tables of one shape (course, name, idnumber, description), found, created and changed
 * alike; each keeps its own codes (the `GroupKind`). Queries name `lms_groups` for their types only: the
 * columns read and written are those both tables have.
 */
export type GroupTable = 'lms_groups' | 'lms_groupings';

/** Every group of the courses, or those matching `by`, in id order. */
export async function findInCourses(db: Kysely<Database>, table: GroupTable, { courseIds, by }: FindInCourses): Promise<PlatformGroup[]> {
  const where = by ? anyOf(by, (field) => field) : null;
  if (by && !where) return [];
  const rows = await selectIn(courseIds, (part) => {
    let query = db.selectFrom(table as 'lms_groups').select(['id', 'courseid', 'name', 'idnumber', 'description']).where('courseid', 'in', part);
    if (where) query = query.where(where);
    return query.execute();
  });
  return rows.map(toGroup).sort((a, b) => a.id - b.id);
}

/** Creates groups, one statement per 500; an unknown course, a name or a non-empty idnumber used in the course rejects the item. */
export async function createInCourses(db: Kysely<Database>, table: GroupTable, groups: readonly NewGroup[], kind: GroupKind): Promise<ItemResult<{ id: number }>[]> {
  const courses = await existingCourseIds(db, groups.map((group) => group.courseId));
  const held = await heldInCourses(db, table, groups.filter((group) => courses.has(group.courseId)));
  const verdicts = checkNewGroups(
    groups,
    {
      courseExists: (id) => courses.has(id),
      nameTaken: (courseId, name) => held.named.has(keyOf(courseId, name)),
      idnumberTaken: (courseId, idnumber) => held.numbered.has(keyOf(courseId, idnumber)),
    },
    kind,
  );
  const now = nowSeconds();
  const ids = new Map<string, number>();
  for (const part of chunks(groups.filter((_, index) => !verdicts[index]), 500)) {
    const rows = await db
      .insertInto(table as 'lms_groups')
      .values(part.map((group) => ({
        courseid: group.courseId,
        name: group.name,
        idnumber: group.idnumber ?? '',
        description: group.description ?? '',
        timecreated: now,
        timemodified: now,
      })))
      .returning(['id', 'courseid', 'name'])
      .execute();
    // Names are unique in a course among accepted items: they tell the new ids apart.
    for (const row of rows) ids.set(keyOf(row.courseid, row.name), row.id);
  }
  return groups.map((group, index) => verdicts[index] ?? succeeded({ id: ids.get(keyOf(group.courseId, group.name))! }));
}

/**
 * Changes groups in order, only the fields given; an unknown group, or a name or non-empty idnumber another group
 * of the course holds, rejects the item. Groups whose final state differs are written.
 */
export async function updateInCourses(db: Kysely<Database>, table: GroupTable, changes: readonly GroupChange[], kind: GroupKind): Promise<ItemResult<Changed>[]> {
  const current = new Map(
    (await selectIn(changes.map((change) => change.id), (part) =>
      db.selectFrom(table as 'lms_groups').select(['id', 'courseid', 'name', 'idnumber', 'description']).where('id', 'in', part).execute(),
    )).map((row) => [row.id, toGroup(row)]),
  );
  const wanted = changes.flatMap((change) => {
    const group = current.get(change.id);
    return group ? [{ courseId: group.courseId, name: change.name, idnumber: change.idnumber }] : [];
  });
  const held = await heldInCourses(db, table, wanted);
  const { results, final } = checkGroupChanges(
    changes,
    {
      group: (id) => current.get(id),
      named: (courseId, name) => held.named.get(keyOf(courseId, name)) ?? [],
      numbered: (courseId, idnumber) => held.numbered.get(keyOf(courseId, idnumber)) ?? [],
    },
    kind,
  );
  const now = nowSeconds();
  for (const [id, { name, idnumber, description }] of final) {
    const before = current.get(id)!;
    if (name === before.name && idnumber === before.idnumber && description === before.description) continue;
    await db.updateTable(table as 'lms_groups').set({ name, idnumber, description, timemodified: now }).where('id', '=', id).execute();
  }
  return results;
}

/** The groups of the courses holding the names or (non-empty) idnumbers asked: ids by `course, value`. */
async function heldInCourses(
  db: Kysely<Database>,
  table: GroupTable,
  wanted: readonly { courseId: number; name?: string | undefined; idnumber?: string | undefined }[],
): Promise<{ named: Map<string, number[]>; numbered: Map<string, number[]> }> {
  const names = [...new Set(wanted.flatMap((group) => (group.name !== undefined ? [group.name] : [])))];
  const idnumbers = [...new Set(wanted.flatMap((group) => (group.idnumber ? [group.idnumber] : [])))];
  const rows = names.length || idnumbers.length
    ? await selectIn(wanted.map((group) => group.courseId), (part) =>
        db
          .selectFrom(table as 'lms_groups')
          .select(['id', 'courseid', 'name', 'idnumber'])
          .where('courseid', 'in', part)
          .where((eb) => eb.or([...(names.length ? [eb('name', 'in', names)] : []), ...(idnumbers.length ? [eb('idnumber', 'in', idnumbers)] : [])]))
          .execute(),
      )
    : [];
  const named = new Map<string, number[]>();
  const numbered = new Map<string, number[]>();
  for (const row of rows) {
    named.set(keyOf(row.courseid, row.name), [...(named.get(keyOf(row.courseid, row.name)) ?? []), row.id]);
    if (row.idnumber) numbered.set(keyOf(row.courseid, row.idnumber), [...(numbered.get(keyOf(row.courseid, row.idnumber)) ?? []), row.id]);
  }
  return { named, numbered };
}

/** The course of each existing group (or grouping) among the ids. */
export async function coursesOf(db: Kysely<Database>, table: GroupTable, ids: readonly number[], sqlite?: SQLite.Database): Promise<Map<number, number>> {
  const rows = await selectIn(ids, (part) => db.selectFrom(table as 'lms_groups').select(['id', 'courseid']).where('id', 'in', part).execute(), sqlite);
  return new Map(rows.map((row) => [row.id, row.courseid]));
}

function toGroup(row: { id: number; courseid: number; name: string; idnumber: string; description: string }): PlatformGroup {
  return { id: row.id, courseId: row.courseid, name: row.name, idnumber: row.idnumber, description: row.description };
}
