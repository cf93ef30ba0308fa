import { succeeded, type ItemResult } from '../item-result.js';
import type { Added, Changed, CourseRoleAssignment, Enrolment, EnrolmentChange, Removed, Unenrolment } from '../operations.js';
import { addedResults, reject, type Rejection } from './rejections.js';

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
  return addedResults(enrolments, enrolmentRejections(enrolments, view), enrolmentPair, view.isEnrolled);
}

/** The pair an enrolment's `added` is told by. */
export const enrolmentPair = ({ instanceId, userId }: Enrolment): readonly [number, number] => [instanceId, userId];

/** The refusal of each item (instance, user and role must exist), null for an accepted one. */
export function enrolmentRejections(enrolments: readonly Enrolment[], view: Omit<EnrolmentView, 'isEnrolled'>): (Rejection | null)[] {
  return enrolments.map(({ instanceId, userId, roleId }) => {
    if (!view.instance(instanceId)) return reject.enrolInstanceNotFound(instanceId);
    if (!view.userExists(userId)) return reject.userNotFound(userId);
    if (!view.roleExists(roleId)) return reject.roleNotFound(roleId);
    return null;
  });
}

/**
 * Who owns the role an enrolment gives, as Moodle's enrol_plugin::enrol_user does: manual and self do not
 * protect their roles (component ''), every other method owns them (`enrol_<method>`, item = instance id).
 */
export function enrolmentRoleOwner(enrol: string, instanceId: number): { component: string; itemid: number } {
  return enrol === 'manual' || enrol === 'self' ? { component: '', itemid: 0 } : { component: `enrol_${enrol}`, itemid: instanceId };
}

/**
 * What enrol_plugin::unenrol_user removes first, for a user leaving an instance: the roles and group memberships
 * its plugin gave under the instance's id. Manual and self give theirs unowned (component ''), so for them this
 * matches nothing the platform wrote: their roles stay until the user's last enrolment in the course goes.
 */
export function instanceOwnership(enrol: string, instanceId: number): { component: string; itemid: number } {
  return { component: `enrol_${enrol}`, itemid: instanceId };
}

/** The status and dates of a user enrolment. */
export interface EnrolmentState {
  readonly suspended: boolean;
  readonly timestart: number;
  readonly timeend: number;
}

/** What checking enrolment changes needs to know about the platform. */
export interface EnrolmentChangeView {
  instance(instanceId: number): InstanceFacts | undefined;
  /** The user enrolment in this instance; undefined when the user is not enrolled through it. */
  enrolment(instanceId: number, userId: number): EnrolmentState | undefined;
}

/**
 * Changes apply in order, each over what the earlier items left: an unknown instance or a user not enrolled
 * through it is refused; `changed` is false when the values given are those held. `final` holds, by
 * `instance:user`, the state the accepted items left each enrolment in (what to write).
 */
export function checkEnrolmentChanges(
  changes: readonly EnrolmentChange[],
  view: EnrolmentChangeView,
): { results: ItemResult<Changed>[]; final: Map<string, EnrolmentState> } {
  const final = new Map<string, EnrolmentState>();
  const results = changes.map(({ instanceId, userId, ...set }): ItemResult<Changed> => {
    if (!view.instance(instanceId)) return reject.enrolInstanceNotFound(instanceId);
    const key = `${instanceId}:${userId}`;
    const current = final.get(key) ?? view.enrolment(instanceId, userId);
    if (!current) return reject.enrolmentNotFound(instanceId, userId);
    const { suspended = current.suspended, timestart = current.timestart, timeend = current.timeend } = set;
    final.set(key, { suspended, timestart, timeend });
    return succeeded({ changed: suspended !== current.suspended || timestart !== current.timestart || timeend !== current.timeend });
  });
  return { results, final };
}

/** What planning unenrolments needs to know about the platform. */
export interface UnenrolmentView {
  instance(instanceId: number): InstanceFacts | undefined;
  /** The instances of the course the user has a user enrolment in (any method, any status). */
  enrolledInstances(courseId: number, userId: number): readonly number[];
}

/** A user enrolment to remove, with what goes with it. */
export interface Removal extends Unenrolment {
  readonly courseId: number;
  readonly enrol: string;
  /** The instances of the course the user is still enrolled in afterwards: none means everything in the course goes. */
  readonly remaining: readonly number[];
}

/**
 * Unenrolments apply in order: an unknown instance is refused; a user not enrolled through it (before, or
 * after an earlier item) answers `removed` false; each removal says what the user keeps in the course.
 */
export function planUnenrolments(items: readonly Unenrolment[], view: UnenrolmentView): { results: ItemResult<Removed>[]; removals: Removal[] } {
  const enrolled = new Map<string, number[]>();
  const removals: Removal[] = [];
  const results = items.map(({ instanceId, userId }): ItemResult<Removed> => {
    const instance = view.instance(instanceId);
    if (!instance) return reject.enrolInstanceNotFound(instanceId);
    const key = `${instance.courseId}:${userId}`;
    const instances = enrolled.get(key) ?? [...view.enrolledInstances(instance.courseId, userId)];
    enrolled.set(key, instances);
    const position = instances.indexOf(instanceId);
    if (position < 0) return succeeded({ removed: false });
    instances.splice(position, 1);
    removals.push({ instanceId, userId, courseId: instance.courseId, enrol: instance.enrol, remaining: [...instances] });
    return succeeded({ removed: true });
  });
  return { results, removals };
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
  return courseRoleVerdicts(assignments, view, (held, earlier) => ({ added: !held && !earlier }));
}

/** Course, user and role must exist; `removed` is false when there is no such assignment (left). */
export function checkCourseRoleRemovals(assignments: readonly CourseRoleAssignment[], view: CourseRoleView): ItemResult<Removed>[] {
  return courseRoleVerdicts(assignments, view, (held, earlier) => ({ removed: held && !earlier }));
}

/**
 * The checks both share; `held` tells whether the platform holds the assignment, `earlier` whether an accepted
 * item of the call named it before (it was added, or removed, already).
 */
function courseRoleVerdicts<T>(
  assignments: readonly CourseRoleAssignment[],
  view: CourseRoleView,
  answer: (held: boolean, earlier: boolean) => T,
): ItemResult<T>[] {
  const inCall = new Set<string>();
  return assignments.map(({ courseId, userId, roleId, component = '' }) => {
    if (!view.courseExists(courseId)) return reject.courseNotFound(courseId);
    if (!view.userExists(userId)) return reject.userNotFound(userId);
    if (!view.roleExists(roleId)) return reject.roleNotFound(roleId);
    const key = courseRoleKey({ courseId, userId, roleId, component });
    const earlier = inCall.has(key);
    inCall.add(key);
    return succeeded(answer(view.hasRole(courseId, userId, roleId, component), earlier));
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
