import type { ItemResult } from '../../platform/item-result.js';
import type { CourseRoleAssignment } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import type { ResetRequest } from './course-reset-row.js';

/** What a reset removed, for its report line. */
export interface ResetCounts {
  unenrolled: number;
  unassigned: number;
  groups: number;
  members: number;
  groupings: number;
  bindings: number;
  /** Enrolments of the reset roles' users kept because a cohort or meta link owns them. */
  kept: number;
}

/** A write the platform refused: the reset of the course stops there. */
export class ResetRefused extends Error {}

/** Methods whose enrolments a reset removes (enrol_plugin::allow_unenrol); cohort and meta syncs own theirs. */
const UNENROLLABLE = ['manual', 'self'];

/**
 * Moodle's reset_course_userdata for what the port holds, in Moodle's order: users of the reset roles (`roleIds`)
 * are unenrolled from the enabled manual and self instances when they hold no other role in the course, else
 * lose those roles; then groups (deleted, or emptied), then groupings (deleted, or emptied of their groups).
 */
export async function resetCourse(platform: Platform, courseId: number, request: ResetRequest, roleIds: readonly number[] | 'all'): Promise<ResetCounts> {
  const counts: ResetCounts = { unenrolled: 0, unassigned: 0, groups: 0, members: 0, groupings: 0, bindings: 0, kept: 0 };
  if (request.roles) await resetRoles(platform, courseId, roleIds, counts);
  const groups = request.groups.remove || request.groups.members ? await platform.run('findGroups', { courseIds: [courseId] }) : [];
  if (groups.length) {
    const members = await platform.run('findGroupMembers', { groupIds: groups.map((group) => group.id) });
    if (request.groups.remove) {
      checked(await platform.run('deleteGroups', groups.map((group) => group.id)));
      counts.groups = groups.length;
      counts.members = members.length;
    } else {
      counts.members = checked(await platform.run('removeGroupMembers', members)).filter((result) => result.value.removed).length;
    }
  }
  if (request.groupings.remove || request.groupings.members) {
    const groupings = await platform.run('findGroupings', { courseIds: [courseId] });
    if (request.groupings.remove) {
      checked(await platform.run('deleteGroupings', groupings.map((grouping) => grouping.id)));
      counts.groupings = groupings.length;
    } else {
      const bindings = await platform.run('findGroupingGroups', { groupingIds: groupings.map((grouping) => grouping.id) });
      counts.bindings = checked(await platform.run('unassignGroupings', bindings)).filter((result) => result.value.removed).length;
    }
  }
  return counts;
}

async function resetRoles(platform: Platform, courseId: number, reset: readonly number[] | 'all', counts: ResetCounts): Promise<void> {
  const instances = await platform.run('findEnrolInstances', { courseIds: [courseId] });
  const unenrollable = new Set(instances.filter((instance) => instance.enabled && UNENROLLABLE.includes(instance.enrol)).map((instance) => instance.id));
  const enrolments = await platform.run('findEnrolments', { instanceIds: instances.map((instance) => instance.id) });
  const roles = new Map<number, CourseRoleAssignment[]>();
  for (const role of await platform.run('findCourseRoles', { courseIds: [courseId] })) roles.set(role.userId, [...(roles.get(role.userId) ?? []), role]);
  const resets = (roleId: number) => reset === 'all' || reset.includes(roleId);
  const unenrol: { instanceId: number; userId: number }[] = [];
  const unassign: CourseRoleAssignment[] = [];
  const users = new Set<number>();
  for (const [userId, held] of roles) {
    if (!held.some((role) => resets(role.roleId))) continue;
    const own = enrolments.filter((enrolment) => enrolment.userId === userId);
    const removable = own.filter((enrolment) => unenrollable.has(enrolment.instanceId));
    counts.kept += own.length - removable.length;
    if (!removable.length) continue;
    if (held.every((role) => resets(role.roleId))) {
      users.add(userId);
      unenrol.push(...removable.map(({ instanceId }) => ({ instanceId, userId })));
    } else {
      // role_unassign removes the plain assignments; those a plugin owns stay with the plugin.
      unassign.push(...held.filter((role) => resets(role.roleId) && !role.component));
    }
  }
  checked(await platform.run('unenrolUsers', unenrol));
  counts.unenrolled = users.size;
  counts.unassigned = checked(await platform.run('unassignCourseRoles', unassign)).filter((result) => result.value.removed).length;
}

/** The results, all accepted; a refusal stops the course's reset with the platform's reason. */
function checked<T>(results: readonly ItemResult<T>[]): { readonly ok: true; readonly value: T }[] {
  const refused = results.find((result) => !result.ok);
  if (refused && !refused.ok) throw new ResetRefused(refused.error.message);
  return results as { readonly ok: true; readonly value: T }[];
}
