import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { succeeded, type ItemResult } from '../item-result.js';
import { CONTEXT_LEVEL } from './contexts.js';
import { checkCategoryDeletions } from './course-upkeep-rules.js';
import { chunks, selectIn } from './sql-helpers.js';

/** Deletes empty categories (no course, no sub-category left) with their context; any other is refused. */
export async function deleteCategories(db: Kysely<Database>, ids: readonly number[]): Promise<ItemResult<null>[]> {
  const existing = new Set((await selectIn(ids, (part) => db.selectFrom('lms_course_categories').select('id').where('id', 'in', part).execute())).map((row) => row.id));
  const withCourses = new Set((await selectIn(ids, (part) => db.selectFrom('lms_course').select('category').where('category', 'in', part).execute())).map((row) => row.category));
  const children = await selectIn(ids, (part) => db.selectFrom('lms_course_categories').select(['id', 'parent']).where('parent', 'in', part).execute());
  const verdicts = checkCategoryDeletions(ids, {
    exists: (id) => existing.has(id),
    hasCourses: (id) => withCourses.has(id),
    children: (id) => children.filter((child) => child.parent === id).map((child) => child.id),
  });
  const doomed = ids.filter((_, index) => !verdicts[index]);
  for (const part of chunks(doomed, 500)) {
    await db.deleteFrom('lms_context').where('contextlevel', '=', CONTEXT_LEVEL.category).where('instanceid', 'in', part).execute();
    await db.deleteFrom('lms_course_categories').where('id', 'in', part).execute();
  }
  return verdicts.map((verdict) => verdict ?? succeeded(null));
}
