import { checkCourseRoles, checkEnrolments, compareCourseRoles, courseRoleKey, enrolmentRoleOwner } from '../embedded/enrolment-rules.js';
import type { ItemResult } from '../item-result.js';
import type { Added, CourseRoleAssignment, Enrolment, PlatformEnrolInstance, PlatformEnrolment } from '../operations.js';
import type { Platform } from '../platform.js';
import type { UserOverlay } from './user-overlay.js';

/**
 * Enrolments and course roles given during a simulation. The port finds instances by course only, so the
 * overlay knows the instances the simulation has listed (a processor gets its instance ids from that list).
 */
export class EnrolmentOverlay {
  readonly #real: Platform;
  readonly #users: UserOverlay;
  readonly #instances = new Map<number, PlatformEnrolInstance>();
  /** The user enrolments written here, by `instance:user`. */
  readonly #enrolled = new Map<string, PlatformEnrolment>();
  readonly #roles = new Map<string, CourseRoleAssignment>();

  constructor(real: Platform, users: UserOverlay) {
    this.#real = real;
    this.#users = users;
  }

  async findEnrolInstances(input: { readonly courseIds: readonly number[]; readonly enrol?: string }): Promise<readonly PlatformEnrolInstance[]> {
    const instances = await this.#real.run('findEnrolInstances', input);
    for (const instance of instances) this.#instances.set(instance.id, instance);
    return instances;
  }

  /** Real enrolments (of users not deleted here) and those written here. */
  async findEnrolments(input: { readonly courseIds: readonly number[]; readonly userIds: readonly number[] }): Promise<PlatformEnrolment[]> {
    const found = new Map<string, PlatformEnrolment>();
    for (const enrolment of await this.#real.run('findEnrolments', input)) {
      if (!this.#users.isDeleted(enrolment.userId)) found.set(`${enrolment.instanceId}:${enrolment.userId}`, enrolment);
    }
    const courses = new Set(input.courseIds);
    const users = new Set(input.userIds);
    for (const [key, enrolment] of this.#enrolled) {
      if (courses.has(enrolment.courseId) && users.has(enrolment.userId) && !this.#users.isDeleted(enrolment.userId)) found.set(key, enrolment);
    }
    return [...found.values()];
  }

  /** Enrols like the platform: an enrolment already there, real or simulated, answers `added` false. */
  async enrolUsers(enrolments: readonly Enrolment[]): Promise<ItemResult<Added>[]> {
    const users = await this.#users.activeIds(enrolments.map((enrolment) => enrolment.userId));
    const roles = await this.#roleIds(enrolments.map((enrolment) => enrolment.roleId));
    const courseIds = [...new Set(enrolments.flatMap((enrolment) => this.#instances.get(enrolment.instanceId)?.courseId ?? []))];
    const existing = await this.findEnrolments({ courseIds, userIds: enrolments.map((enrolment) => enrolment.userId) });
    const held = new Set(existing.map((enrolment) => `${enrolment.instanceId}:${enrolment.userId}`));
    const results = checkEnrolments(enrolments, {
      instance: (id) => this.#instances.get(id),
      userExists: (id) => users.has(id),
      roleExists: (id) => roles.has(id),
      isEnrolled: (instanceId, userId) => held.has(`${instanceId}:${userId}`),
    });
    enrolments.forEach(({ instanceId, userId, roleId, suspended }, index) => {
      if (!results[index]!.ok) return;
      const { courseId, enrol } = this.#instances.get(instanceId)!;
      this.#enrolled.set(`${instanceId}:${userId}`, { instanceId, courseId, userId, suspended: suspended ?? false });
      held.add(`${instanceId}:${userId}`);
      this.#addRole({ courseId, userId, roleId, component: enrolmentRoleOwner(enrol, instanceId).component });
    });
    return results;
  }

  async findCourseRoles(input: { readonly courseIds: readonly number[]; readonly userIds: readonly number[] }): Promise<CourseRoleAssignment[]> {
    const found = new Map<string, CourseRoleAssignment>();
    for (const assignment of await this.#real.run('findCourseRoles', input)) {
      if (!this.#users.isDeleted(assignment.userId)) found.set(courseRoleKey(assignment), assignment);
    }
    const courses = new Set(input.courseIds);
    const users = new Set(input.userIds);
    for (const [key, assignment] of this.#roles) {
      if (courses.has(assignment.courseId) && users.has(assignment.userId) && !this.#users.isDeleted(assignment.userId)) found.set(key, assignment);
    }
    return [...found.values()].sort(compareCourseRoles);
  }

  async assignCourseRoles(assignments: readonly CourseRoleAssignment[]): Promise<ItemResult<Added>[]> {
    const courseIds = [...new Set(assignments.map((assignment) => assignment.courseId))];
    const courses = new Set(courseIds.length ? (await this.#real.run('findCourses', { by: { id: courseIds.map(String) } })).map((course) => course.id) : []);
    const users = await this.#users.activeIds(assignments.map((assignment) => assignment.userId));
    const roles = await this.#roleIds(assignments.map((assignment) => assignment.roleId));
    const held = new Set((await this.findCourseRoles({ courseIds, userIds: [...users] })).map((assignment) => courseRoleKey(assignment)));
    const results = checkCourseRoles(assignments, {
      courseExists: (id) => courses.has(id),
      userExists: (id) => users.has(id),
      roleExists: (id) => roles.has(id),
      hasRole: (courseId, userId, roleId, component) => held.has(courseRoleKey({ courseId, userId, roleId, component })),
    });
    assignments.forEach((assignment, index) => results[index]!.ok && this.#addRole({ ...assignment, component: assignment.component ?? '' }));
    return results;
  }

  /** Which (course, user) pairs have an enrolment, real or simulated (`course:user` keys). */
  async enrolledInCourses(pairs: readonly (readonly [number, number])[]): Promise<Set<string>> {
    const enrolments = await this.findEnrolments({ courseIds: pairs.map(([courseId]) => courseId), userIds: pairs.map(([, userId]) => userId) });
    return new Set(enrolments.map((enrolment) => `${enrolment.courseId}:${enrolment.userId}`));
  }

  #addRole(assignment: CourseRoleAssignment): void {
    this.#roles.set(courseRoleKey(assignment), assignment);
  }

  async #roleIds(ids: readonly number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    return new Set((await this.#real.run('findRoles', { by: { id: [...new Set(ids)].map(String) } })).map((role) => role.id));
  }
}
