import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { COURSE_DEFAULTS } from '../course-record.js';
import { insertEach, insertRows } from './bulk-insert.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { NewCourse } from '../operations.js';
import { CONTEXT_LEVEL } from './contexts.js';
import { checkNewCourses, MANUAL_INSTANCE_ROLE } from './course-rules.js';
import { chunks, nowSeconds, selectIn } from './sql-helpers.js';

/**
 * Creates courses as Moodle's create_course does: the course, its context and a manual enrolment instance
 * (enabled, first in sortorder, giving the student role). An unknown category, a shortname already used or a
 * non-empty idnumber already used (by a course, or earlier in the call) rejects that item.
 */
export async function createCourses(
  db: Kysely<Database>,
  courses: readonly NewCourse[],
  sqlite?: SQLite.Database,
): Promise<ItemResult<{ id: number }>[]> {
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
  const ids = await insertCourses(db, courses.filter((_, index) => !verdicts[index]), sqlite);
  // New courses have no context yet: no conflict to handle, one prepared statement on SQLite.
  const contexts = [...ids.values()].map((instanceid) => ({ contextlevel: CONTEXT_LEVEL.course, instanceid }));
  await insertRows(db, sqlite, 'lms_context', contexts);
  await addManualInstances(db, [...ids.values()], sqlite);
  return courses.map((course, index) => verdicts[index] ?? succeeded({ id: ids.get(course.shortname)! }));
}

/**
 * Inserts the accepted courses (every column given, in one order, so that SQLite reuses one prepared statement;
 * PostgreSQL gets 500 rows a statement); answers their ids by shortname (unique).
 */
async function insertCourses(db: Kysely<Database>, courses: readonly NewCourse[], sqlite?: SQLite.Database): Promise<Map<string, number>> {
  const now = nowSeconds();
  const rows = courses.map((course) => courseRow(course, now));
  const ids = new Map<string, number>();
  if (sqlite) {
    // Every row has the same keys in the same order: one prepared statement.
    insertEach(sqlite, 'lms_course', rows).forEach((id, index) => ids.set(rows[index]!.shortname, id));
    return ids;
  }
  for (const part of chunks(rows, 500)) {
    for (const row of await db.insertInto('lms_course').values(part).returning(['id', 'shortname']).execute()) ids.set(row.shortname, row.id);
  }
  return ids;
}

/**
 * Every column of a new course, written out in one order (a literal, not spreads: 20,000 rows a run build fast
 * and share one shape): the course's fields, then its settings, then the site defaults.
 */
function courseRow(course: NewCourse, now: number) {
  const set = course.settings ?? {};
  const or = <F extends keyof typeof COURSE_DEFAULTS>(field: F) => (set[field] ?? COURSE_DEFAULTS[field]) as (typeof COURSE_DEFAULTS)[F];
  return {
    category: course.categoryId,
    fullname: course.fullname,
    shortname: course.shortname,
    idnumber: course.idnumber ?? or('idnumber'),
    summary: course.summary ?? or('summary'),
    format: course.format ?? or('format'),
    visible: course.visible === undefined ? or('visible') : course.visible ? 1 : 0,
    startdate: course.startdate ?? or('startdate'),
    enddate: course.enddate ?? or('enddate'),
    timecreated: set.timecreated ?? now,
    timemodified: set.timemodified ?? now,
    sortorder: or('sortorder'),
    lang: or('lang'),
    theme: or('theme'),
    showgrades: or('showgrades'),
    newsitems: or('newsitems'),
    marker: or('marker'),
    maxbytes: or('maxbytes'),
    legacyfiles: or('legacyfiles'),
    showreports: or('showreports'),
    visibleold: or('visibleold'),
    coursedisplay: or('coursedisplay'),
    groupmode: or('groupmode'),
    enablecompletion: or('enablecompletion'),
    groupmodeforce: or('groupmodeforce'),
    defaultgroupingid: or('defaultgroupingid'),
  };
}

/** The manual instance Moodle adds to every new course (enrol_manual's defaults). */
async function addManualInstances(db: Kysely<Database>, courseIds: readonly number[], sqlite?: SQLite.Database): Promise<void> {
  if (!courseIds.length) return;
  const role = await db.selectFrom('lms_role').select('id').where('shortname', '=', MANUAL_INSTANCE_ROLE).executeTakeFirst();
  const now = nowSeconds();
  const rows = courseIds.map((courseid) => ({ enrol: 'manual', courseid, status: 0, sortorder: 0, roleid: role?.id ?? 0, timecreated: now, timemodified: now }));
  await insertRows(db, sqlite, 'lms_enrol', rows);
}
