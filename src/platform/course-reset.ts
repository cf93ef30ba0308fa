import { reject } from './embedded/rejections.js';
import { succeeded, type ItemResult } from './item-result.js';
import { checked, RefusedWrite } from './refused-write.js';
import type { CourseReset, CourseResetDone, CourseRoleAssignment, ResetCounts } from './operations.js';
import type { Platform } from './platform.js';

/** The platform's own `run`: the reset reads and writes through the port, so a simulation overlay runs it unchanged. */
type Run = Platform['run'];

/** Methods whose enrolments a reset removes (enrol_plugin::allow_unenrol); cohort and meta syncs own theirs. */
const UNENROLLABLE = ['manual', 'self'];

/**
 * Moodle's reset_course_userdata for what the port holds, made of port operations (so the embedded platform, a
 * simulation and the Moodle double take the same decisions), course after course: users of the reset roles are
 * unenrolled from the enabled manual and self instances when they hold no other role in the course, else lose
 * those roles; then groups (deleted, or emptied), then groupings (deleted, or emptied of their groups). The parts
 * the port does not hold (events, grades, activities…) are left to the caller to report. A refused write stops
 * that course's reset with the platform's reason; an unknown course is refused.
 */
export async function resetWithPortOperations(run: Run, resets: readonly CourseReset[]): Promise<ItemResult<CourseResetDone>[]> {
  const known = new Set((await run('findCourses', { by: { id: resets.map((reset) => String(reset.courseId)) } })).map((course) => course.id));
  const results: ItemResult<CourseResetDone>[] = [];
  for (const { courseId, options } of resets) {
    if (!known.has(courseId)) {
      results.push(reject.courseNotFound(courseId));
      continue;
    }
    try {
      results.push(succeeded({ counts: await resetCourse(run, courseId, options), lines: [] }));
    } catch (error) {
      if (!(error instanceof RefusedWrite)) throw error;
      results.push({ ok: false, error: error.refusal });
    }
  }
  return results;
}

async function resetCourse(run: Run, courseId: number, options: CourseReset['options']): Promise<ResetCounts> {
  const counts = { unenrolled: 0, unassigned: 0, groups: 0, members: 0, groupings: 0, bindings: 0, kept: 0 };
  if (options.unenrolRoles) await resetRoles(run, courseId, options.unenrolRoles, counts);
  const groups = options.groups.remove || options.groups.members ? await run('findGroups', { courseIds: [courseId] }) : [];
  if (groups.length) {
    const members = await run('findGroupMembers', { groupIds: groups.map((group) => group.id) });
    if (options.groups.remove) {
      checked(await run('deleteGroups', groups.map((group) => group.id)));
      counts.groups = groups.length;
      counts.members = members.length;
    } else {
      counts.members = checked(await run('removeGroupMembers', members)).filter((value) => value.removed).length;
    }
  }
  if (options.groupings.remove || options.groupings.members) {
    const groupings = await run('findGroupings', { courseIds: [courseId] });
    if (options.groupings.remove) {
      checked(await run('deleteGroupings', groupings.map((grouping) => grouping.id)));
      counts.groupings = groupings.length;
    } else {
      const bindings = await run('findGroupingGroups', { groupingIds: groupings.map((grouping) => grouping.id) });
      counts.bindings = checked(await run('unassignGroupings', bindings)).filter((value) => value.removed).length;
    }
  }
  return counts;
}

async function resetRoles(run: Run, courseId: number, reset: readonly number[] | 'all', counts: { unenrolled: number; unassigned: number; kept: number }): Promise<void> {
  const instances = await run('findEnrolInstances', { courseIds: [courseId] });
  const unenrollable = new Set(instances.filter((instance) => instance.enabled && UNENROLLABLE.includes(instance.enrol)).map((instance) => instance.id));
  const enrolments = await run('findEnrolments', { instanceIds: instances.map((instance) => instance.id) });
  const roles = new Map<number, CourseRoleAssignment[]>();
  for (const role of await run('findCourseRoles', { courseIds: [courseId] })) roles.set(role.userId, [...(roles.get(role.userId) ?? []), role]);
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
  checked(await run('unenrolUsers', unenrol));
  counts.unenrolled = users.size;
  counts.unassigned = checked(await run('unassignCourseRoles', unassign)).filter((value) => value.removed).length;
}
