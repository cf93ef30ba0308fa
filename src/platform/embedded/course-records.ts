import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { COURSE_NUMBER_FIELDS, COURSE_TEXT_FIELDS, type CourseChange, type CourseRecord } from '../course-record.js';
import { succeeded, type ItemResult } from '../item-result.js';
import { checkCourseChanges } from './course-change-rules.js';
import { selectIn } from './sql-helpers.js';

const RECORD_COLUMNS = ['id', ...COURSE_TEXT_FIELDS, ...COURSE_NUMBER_FIELDS] as const;

/** Every setting of courses, by id, in id order. */
export async function findCourseRecords(db: Kysely<Database>, { courseIds }: { readonly courseIds: readonly number[] }): Promise<CourseRecord[]> {
  const rows = await selectIn(courseIds, (part) => db.selectFrom('lms_course').select(RECORD_COLUMNS).where('id', 'in', part).execute());
  return rows.map((row) => toRecord(row)).sort((a, b) => a.id - b.id);
}

/** PostgreSQL answers bigint columns as numbers already (the store's type parser); this keeps every field typed. */
function toRecord(row: Record<string, unknown>): CourseRecord {
  const record: Record<string, string | number> = { id: Number(row.id) };
  for (const field of COURSE_TEXT_FIELDS) record[field] = String(row[field] ?? '');
  for (const field of COURSE_NUMBER_FIELDS) record[field] = Number(row[field] ?? 0);
  return record as CourseRecord;
}

/** Writes the settings given of existing courses, one statement each (see checkCourseChanges for refusals). */
export async function updateCourses(db: Kysely<Database>, changes: readonly CourseChange[]): Promise<ItemResult<null>[]> {
  const ids = changes.map((change) => change.id);
  const courses = new Set((await selectIn(ids, (part) => db.selectFrom('lms_course').select('id').where('id', 'in', part).execute())).map((row) => row.id));
  const categoryIds = changes.flatMap((change) => (change.set.category === undefined ? [] : [change.set.category]));
  const categories = new Set(
    (await selectIn(categoryIds, (part) => db.selectFrom('lms_course_categories').select('id').where('id', 'in', part).execute())).map((row) => row.id),
  );
  const shortnames = new Map(
    (
      await selectIn(changes.flatMap((change) => (change.set.shortname === undefined ? [] : [change.set.shortname])), (part) =>
        db.selectFrom('lms_course').select(['id', 'shortname']).where('shortname', 'in', part).execute(),
      )
    ).map((row) => [row.shortname, row.id]),
  );
  const idnumbers = new Map(
    (
      await selectIn(changes.flatMap((change) => (change.set.idnumber ? [change.set.idnumber] : [])), (part) =>
        db.selectFrom('lms_course').select(['id', 'idnumber']).where('idnumber', 'in', part).execute(),
      )
    ).map((row) => [row.idnumber, row.id]),
  );
  const verdicts = checkCourseChanges(changes, {
    courseExists: (id) => courses.has(id),
    categoryExists: (id) => categories.has(id),
    shortnameHolder: (shortname) => shortnames.get(shortname),
    idnumberHolder: (idnumber) => idnumbers.get(idnumber),
  });
  for (const [index, change] of changes.entries()) {
    if (verdicts[index] || !Object.keys(change.set).length) continue;
    await db.updateTable('lms_course').set(change.set).where('id', '=', change.id).execute();
  }
  return verdicts.map((verdict) => verdict ?? succeeded(null));
}
