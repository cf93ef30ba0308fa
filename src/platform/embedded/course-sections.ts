import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { CourseSection, SectionsChange } from '../course-record.js';
import { succeeded, type ItemResult } from '../item-result.js';
import { reject } from './rejections.js';
import { existingCourseIds } from './existing.js';
import { insertRows } from './bulk-insert.js';
import { keyOf, selectIn } from './sql-helpers.js';

/** The sections of courses, by course then section number. */
export async function findCourseSections(db: Kysely<Database>, { courseIds }: { readonly courseIds: readonly number[] }): Promise<CourseSection[]> {
  const rows = await selectIn(courseIds, (part) =>
    db.selectFrom('lms_course_sections').select(['course', 'section', 'name', 'summary']).where('course', 'in', part).execute(),
  );
  return rows
    .map((row) => ({ courseId: row.course, section: row.section, name: row.name, summary: row.summary }))
    .sort((a, b) => a.courseId - b.courseId || a.section - b.section);
}

/** What writing sections does to a course's sections: the final list, whatever was there (shared with the simulation). */
export function applySectionsChange(current: readonly CourseSection[], change: SectionsChange): CourseSection[] {
  const byNumber = new Map<number, CourseSection>();
  if (!change.replace) for (const section of current) byNumber.set(section.section, section);
  for (const section of change.sections) byNumber.set(section.section, { courseId: change.courseId, ...section });
  for (let number = 0; number <= (change.count ?? -1); number++) {
    if (!byNumber.has(number)) byNumber.set(number, { courseId: change.courseId, section: number, name: null, summary: '' });
  }
  return [...byNumber.values()].sort((a, b) => a.section - b.section);
}

/**
 * Writes sections (see SectionsChange): new ones inserted 500 a statement, changed ones updated, and with
 * `replace` those not listed deleted. An unknown course rejects the item.
 */
export async function saveCourseSections(db: Kysely<Database>, changes: readonly SectionsChange[], sqlite?: SQLite.Database): Promise<ItemResult<null>[]> {
  const courses = await existingCourseIds(db, changes.map((change) => change.courseId));
  const current = new Map<number, CourseSection[]>();
  for (const section of await findCourseSections(db, { courseIds: [...courses] })) {
    current.set(section.courseId, [...(current.get(section.courseId) ?? []), section]);
  }
  const inserts: CourseSection[] = [];
  const deletes: CourseSection[] = [];
  const results = changes.map((change) => {
    if (!courses.has(change.courseId)) return reject.courseNotFound(change.courseId);
    const before = current.get(change.courseId) ?? [];
    const after = applySectionsChange(before, change);
    const old = new Map(before.map((section) => [section.section, section]));
    const kept = new Set(after.map((section) => section.section));
    deletes.push(...before.filter((section) => !kept.has(section.section)));
    for (const section of after) {
      const was = old.get(section.section);
      if (was && was.name === section.name && was.summary === section.summary) continue;
      // A changed section is rewritten: deleted, then inserted with its new name and summary.
      if (was) deletes.push(was);
      inserts.push(section);
    }
    current.set(change.courseId, after);
    return succeeded(null);
  });
  const gone = new Map(deletes.map((section) => [keyOf(section.courseId, section.section), section]));
  for (const section of gone.values()) {
    await db.deleteFrom('lms_course_sections').where('course', '=', section.courseId).where('section', '=', section.section).execute();
  }
  const rows = new Map(inserts.map((section) => [keyOf(section.courseId, section.section), section]));
  const values = [...rows.values()].map((section) => ({ course: section.courseId, section: section.section, name: section.name, summary: section.summary }));
  await insertRows(db, sqlite, 'lms_course_sections', values);
  return results;
}
