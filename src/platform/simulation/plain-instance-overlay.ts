import { checkNewEnrolInstances, DEFAULT_INSTANCE_ROLE } from '../embedded/course-change-rules.js';
import { nextSortorder } from '../embedded/enrol-instance-rules.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { NewEnrolInstance } from '../operations.js';
import type { Platform } from '../platform.js';
import type { CourseOverlay } from './course-overlay.js';
import type { EnrolmentOverlay } from './enrolment-overlay.js';

/** Adds instances of plain methods (self, guest…) as the platform would: after the course's others, default role by method. */
export async function addPlainInstances(
  real: Platform,
  courses: CourseOverlay,
  enrolments: EnrolmentOverlay,
  items: readonly NewEnrolInstance[],
): Promise<ItemResult<{ id: number }>[]> {
  const existing = await courses.existingIds(items.map((item) => item.courseId));
  const roleIds = items.flatMap((item) => (item.roleId ? [String(item.roleId)] : []));
  const roles = new Set((roleIds.length ? await real.run('findRoles', { by: { id: roleIds } }) : []).map((role) => role.id));
  const defaults = new Map((await real.run('findRoles', { by: { shortname: Object.values(DEFAULT_INSTANCE_ROLE) } })).map((role) => [role.shortname, role.id]));
  const verdicts = checkNewEnrolInstances(items, { courseExists: (id) => existing.has(id), roleExists: (id) => roles.has(id) });
  const sortorders = new Map<number, number[]>();
  for (const instance of await enrolments.findEnrolInstances({ courseIds: [...existing] })) {
    sortorders.set(instance.courseId, [...(sortorders.get(instance.courseId) ?? []), instance.sortorder]);
  }
  return items.map((item, index) => {
    const verdict = verdicts[index];
    if (verdict) return verdict;
    const sortorder = nextSortorder(sortorders.get(item.courseId) ?? []);
    sortorders.set(item.courseId, [...(sortorders.get(item.courseId) ?? []), sortorder]);
    const roleId = item.roleId || defaults.get(DEFAULT_INSTANCE_ROLE[item.enrol] ?? '') || 0;
    const id = courses.addInstance({ courseId: item.courseId, enrol: item.enrol, enabled: item.enabled, sortorder, roleId, cohortId: null, groupId: null });
    return succeeded({ id });
  });
}
