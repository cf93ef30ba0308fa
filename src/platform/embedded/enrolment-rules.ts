import { succeeded, type ItemResult } from '../item-result.js';
import type { Added, CourseRoleAssignment, Enrolment } from '../operations.js';
import { reject } from './rejections.js';

/** What checking enrolments needs to know about an instance. */
export interface InstanceFacts {
  readonly courseId: number;
  readonly enrol: string;
}

/** What checking enrolments needs to know about the platform. */
export interface EnrolmentView {
  instance(instanceId: number): InstanceFacts | undefined;
  /** Whether the user exists and is not deleted. */
  userExists(userId: number): boolean;
  roleExists(roleId: number): boolean;
  /** Whether the user has a user enrolment in this instance. */
  isEnrolled(instanceId: number, userId: number): boolean;
}

/** Instance, user and role must exist; `added` is false when the user enrolment exists (then it is updated). */
export function checkEnrolments(enrolments: readonly Enrolment[], view: EnrolmentView): ItemResult<Added>[] {
  const inCall = new Set<string>();
  return enrolments.map(({ instanceId, userId, roleId }) => {
    if (!view.instance(instanceId)) return reject.enrolInstanceNotFound(instanceId);
    if (!view.userExists(userId)) return reject.userNotFound(userId);
    if (!view.roleExists(roleId)) return reject.roleNotFound(roleId);
    const key = `${instanceId}:${userId}`;
    const added = !inCall.has(key) && !view.isEnrolled(instanceId, userId);
    inCall.add(key);
    return succeeded({ added });
  });
}

/**
 * Who owns the role an enrolment gives, as Moodle's enrol_plugin::enrol_user does: manual and self do not
 * protect their roles (component ''), every other method owns them (`enrol_<method>`, item = instance id).
 */
export function enrolmentRoleOwner(enrol: string, instanceId: number): { component: string; itemid: number } {
  return enrol === 'manual' || enrol === 'self' ? { component: '', itemid: 0 } : { component: `enrol_${enrol}`, itemid: instanceId };
}

/** What checking role assignments needs to know about the platform. */
export interface CourseRoleView {
  courseExists(courseId: number): boolean;
  /** Whether the user exists and is not deleted. */
  userExists(userId: number): boolean;
  roleExists(roleId: number): boolean;
  /** Whether the user has the role in the course context from this component (whatever its item). */
  hasRole(courseId: number, userId: number, roleId: number, component: string): boolean;
}

/** Course, user and role must exist; `added` is false when the assignment exists already. */
export function checkCourseRoles(assignments: readonly CourseRoleAssignment[], view: CourseRoleView): ItemResult<Added>[] {
  const inCall = new Set<string>();
  return assignments.map(({ courseId, userId, roleId, component = '' }) => {
    if (!view.courseExists(courseId)) return reject.courseNotFound(courseId);
    if (!view.userExists(userId)) return reject.userNotFound(userId);
    if (!view.roleExists(roleId)) return reject.roleNotFound(roleId);
    const key = courseRoleKey({ courseId, userId, roleId, component });
    const added = !inCall.has(key) && !view.hasRole(courseId, userId, roleId, component);
    inCall.add(key);
    return succeeded({ added });
  });
}

/** The identity of a course role assignment as the port shows it (the item is not part of it). */
export function courseRoleKey({ courseId, userId, roleId, component = '' }: CourseRoleAssignment): string {
  return JSON.stringify([courseId, userId, roleId, component]);
}

/** The order course role assignments are listed in: course, user, role, component. */
export function compareCourseRoles(a: CourseRoleAssignment, b: CourseRoleAssignment): number {
  const component = (a.component ?? '') < (b.component ?? '') ? -1 : (a.component ?? '') > (b.component ?? '') ? 1 : 0;
  return a.courseId - b.courseId || a.userId - b.userId || a.roleId - b.roleId || component;
}
