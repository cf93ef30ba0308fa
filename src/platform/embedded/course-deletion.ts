import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { succeeded, type ItemResult } from '../item-result.js';
import { removeInstances } from './cohort-instances.js';
import { CONTEXT_LEVEL, contextsOf } from './contexts.js';
import { checkCourseDeletions } from './course-upkeep-rules.js';
import { existingCourseIds } from './existing.js';
import { chunks, deleteByIds, selectIn } from './sql-helpers.js';

/**
 * Deletes courses as Moodle's delete_course (remove_course_contents, then the course): enrolment instances with
 * their user enrolments, the meta links other courses have to it, roles in its context, groups with their
 * memberships and grouping bindings, groupings, sections, the context and the course row.
 */
export async function deleteCourses(db: Kysely<Database>, ids: readonly number[]): Promise<ItemResult<null>[]> {
  const existing = await existingCourseIds(db, ids);
  const verdicts = checkCourseDeletions(ids, (id) => existing.has(id));
  const doomed = ids.filter((_, index) => !verdicts[index]);
  if (doomed.length) await removeCourses(db, doomed);
  return verdicts.map((verdict) => verdict ?? succeeded(null));
}

async function removeCourses(db: Kysely<Database>, courseIds: readonly number[]): Promise<void> {
  // enrol_meta's observer of course deletion removes the links that mirror the course, in the other courses too.
  const instances = await selectIn(courseIds, (part) =>
    db
      .selectFrom('lms_enrol')
      .select('id')
      .where((eb) => eb.or([eb('courseid', 'in', part), eb.and([eb('enrol', '=', 'meta'), eb('customint1', 'in', part)])]))
      .execute(),
  );
  await removeInstances(db, instances.map((row) => row.id));
  const contextIds = [...(await contextsOf(db, CONTEXT_LEVEL.course, courseIds)).values()];
  for (const part of chunks(contextIds, 500)) await db.deleteFrom('lms_role_assignments').where('contextid', 'in', part).execute();
  const groups = await selectIn(courseIds, (part) => db.selectFrom('lms_groups').select('id').where('courseid', 'in', part).execute());
  const groupings = await selectIn(courseIds, (part) => db.selectFrom('lms_groupings').select('id').where('courseid', 'in', part).execute());
  for (const part of chunks(groups.map((row) => row.id), 500)) {
    await db.deleteFrom('lms_groups_members').where('groupid', 'in', part).execute();
    await db.deleteFrom('lms_groupings_groups').where('groupid', 'in', part).execute();
  }
  for (const part of chunks(groupings.map((row) => row.id), 500)) await db.deleteFrom('lms_groupings_groups').where('groupingid', 'in', part).execute();
  await deleteByIds(db, 'lms_groups', groups.map((row) => row.id));
  await deleteByIds(db, 'lms_groupings', groupings.map((row) => row.id));
  for (const part of chunks([...courseIds], 500)) await db.deleteFrom('lms_course_sections').where('course', 'in', part).execute();
  for (const part of chunks(contextIds, 500)) await db.deleteFrom('lms_context').where('id', 'in', part).execute();
  for (const part of chunks([...courseIds], 500)) await db.deleteFrom('lms_course').where('id', 'in', part).execute();
}
