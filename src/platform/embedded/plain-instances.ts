import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { NewEnrolInstance } from '../course-record.js';
import { succeeded, type ItemResult } from '../item-result.js';
import { checkNewEnrolInstances, DEFAULT_INSTANCE_ROLE } from './course-change-rules.js';
import { nextSortorder } from './enrol-instance-rules.js';
import { findEnrolInstances } from './enrolments.js';
import { existingCourseIds, existingRoleIds } from './existing.js';
import { nowSeconds } from './sql-helpers.js';

/**
 * Adds instances of plain methods (self, guest, manual) as their plugins' add_instance: after the course's
 * other instances, with the role asked or the method's default role. An unknown course or role rejects the item.
 */
export async function addEnrolInstances(db: Kysely<Database>, items: readonly NewEnrolInstance[]): Promise<ItemResult<{ id: number }>[]> {
  const courses = await existingCourseIds(db, items.map((item) => item.courseId));
  const roles = await existingRoleIds(db, items.flatMap((item) => (item.roleId ? [item.roleId] : [])));
  const verdicts = checkNewEnrolInstances(items, { courseExists: (id) => courses.has(id), roleExists: (id) => roles.has(id) });
  const defaults = new Map(
    (await db.selectFrom('lms_role').select(['id', 'shortname']).where('shortname', 'in', Object.values(DEFAULT_INSTANCE_ROLE)).execute()).map((row) => [
      row.shortname,
      row.id,
    ]),
  );
  const sortorders = new Map<number, number[]>();
  for (const instance of await findEnrolInstances(db, { courseIds: [...courses] })) {
    sortorders.set(instance.courseId, [...(sortorders.get(instance.courseId) ?? []), instance.sortorder]);
  }
  const now = nowSeconds();
  const results: ItemResult<{ id: number }>[] = [];
  for (const [index, item] of items.entries()) {
    const verdict = verdicts[index];
    if (verdict) {
      results.push(verdict);
      continue;
    }
    const sortorder = nextSortorder(sortorders.get(item.courseId) ?? []);
    sortorders.set(item.courseId, [...(sortorders.get(item.courseId) ?? []), sortorder]);
    const roleid = item.roleId || defaults.get(DEFAULT_INSTANCE_ROLE[item.enrol] ?? '') || 0;
    const { id } = await db
      .insertInto('lms_enrol')
      .values({ enrol: item.enrol, courseid: item.courseId, status: item.enabled ? 0 : 1, sortorder, roleid, customint1: null, customint2: null, timecreated: now, timemodified: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    results.push(succeeded({ id }));
  }
  return results;
}
