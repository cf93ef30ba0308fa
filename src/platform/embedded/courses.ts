import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { NewCourse } from '../operations.js';
import { CONTEXT_LEVEL, ensureContexts } from './contexts.js';
import { checkNewCourses, MANUAL_INSTANCE_ROLE } from './course-rules.js';
import { chunks, nowSeconds, selectIn } from './sql-helpers.js';

/**
 * Creates courses as Moodle's create_course does: the course, its context and a manual enrolment instance
 * (enabled, first in sortorder, giving the student role). An unknown category, a shortname already used or a
 * non-empty idnumber already used (by a course, or earlier in the call) rejects that item.
 */
export async function createCourses(db: Kysely<Database>, courses: readonly NewCourse[]): Promise<ItemResult<{ id: number }>[]> {
  const categories = new Set(
    (await selectIn(courses.map((course) => course.categoryId), (part) => db.selectFrom('lms_course_categories').select('id').where('id', 'in', part).execute())).map(
      (row) => row.id,
    ),
  );
  const shortnames = new Set(
    (await selectIn(courses.map((course) => course.shortname), (part) => db.selectFrom('lms_course').select('shortname').where('shortname', 'in', part).execute())).map(
      (row) => row.shortname,
    ),
  );
  const idnumbers = new Set(
    (await selectIn(courses.flatMap((course) => (course.idnumber ? [course.idnumber] : [])), (part) =>
      db.selectFrom('lms_course').select('idnumber').where('idnumber', 'in', part).execute(),
    )).map((row) => row.idnumber),
  );
  const verdicts = checkNewCourses(courses, {
    categoryExists: (id) => categories.has(id),
    shortnameTaken: (shortname) => shortnames.has(shortname),
    idnumberTaken: (idnumber) => idnumbers.has(idnumber),
  });
  const ids = await insertCourses(db, courses.filter((_, index) => !verdicts[index]));
  await ensureContexts(db, CONTEXT_LEVEL.course, [...ids.values()]);
  await addManualInstances(db, [...ids.values()]);
  return courses.map((course, index) => verdicts[index] ?? succeeded({ id: ids.get(course.shortname)! }));
}

/** Inserts the accepted courses, 500 a statement; answers their ids by shortname (unique). */
async function insertCourses(db: Kysely<Database>, courses: readonly NewCourse[]): Promise<Map<string, number>> {
  const now = nowSeconds();
  const ids = new Map<string, number>();
  for (const part of chunks(courses, 500)) {
    const rows = await db
      .insertInto('lms_course')
      .values(
        part.map((course) => ({
          category: course.categoryId,
          fullname: course.fullname,
          shortname: course.shortname,
          idnumber: course.idnumber ?? '',
          summary: course.summary ?? '',
          format: course.format ?? 'topics',
          visible: course.visible === false ? 0 : 1,
          startdate: course.startdate ?? 0,
          enddate: course.enddate ?? 0,
          timecreated: now,
          timemodified: now,
          ...course.settings,
        })),
      )
      .returning(['id', 'shortname'])
      .execute();
    for (const row of rows) ids.set(row.shortname, row.id);
  }
  return ids;
}

/** The manual instance Moodle adds to every new course (enrol_manual's defaults). */
async function addManualInstances(db: Kysely<Database>, courseIds: readonly number[]): Promise<void> {
  if (!courseIds.length) return;
  const role = await db.selectFrom('lms_role').select('id').where('shortname', '=', MANUAL_INSTANCE_ROLE).executeTakeFirst();
  const now = nowSeconds();
  for (const part of chunks(courseIds, 500)) {
    await db
      .insertInto('lms_enrol')
      .values(part.map((courseid) => ({ enrol: 'manual', courseid, status: 0, sortorder: 0, roleid: role?.id ?? 0, timecreated: now, timemodified: now })))
      .execute();
  }
}
