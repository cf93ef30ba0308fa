import {
  checkCourseRoleRemovals,
  checkCourseRoles,
  checkEnrolmentChanges,
  checkEnrolments,
  compareCourseRoles,
  courseRoleKey,
  enrolmentRoleOwner,
  instanceOwnership,
  planUnenrolments,
  type CourseRoleView,
} from '../embedded/enrolment-rules.js';
import type { ItemResult } from '../item-result.js';
import {
  courseUserTest,
  matchesInstanceQuery,
  type EnrolInstanceQuery,
  type CourseUserQuery,
  type Added,
  type Changed,
  type CourseRoleAssignment,
  type Enrolment,
  type EnrolmentChange,
  type PlatformEnrolInstance,
  type PlatformEnrolment,
  type Removed,
  type Unenrolment,
} from '../operations.js';
import type { Platform } from '../platform.js';
import type { CourseOverlay } from './course-overlay.js';
import { compareSimulatedIds } from './find-by.js';
import type { UserOverlay } from './user-overlay.js';

/** Memberships that go with an unenrolment: those a component owns in the course, or all of them. */
export interface UnenrolledMemberships {
  readonly courseId: number;
  readonly userId: number;
  /** Memberships of the course's groups owned by this component go. */
  readonly component?: string;
  /** Every membership of the course's groups goes (the user left the course). */
  readonly all: boolean;
}

/** What unenrolling needs of the group overlay (wired by SimulatedPlatform, which builds both). */
export interface MembershipCleanup {
  removeUnenrolled(removals: readonly UnenrolledMemberships[]): Promise<void>;
}

/**
 * Enrolments and course roles written during a simulation: user enrolments added, changed or removed, roles
 * given or removed (removed real rows are hidden from later reads). The port finds instances by course only, so
 * the overlay knows the instances the simulation has listed (a processor gets its instance ids from that list).
 *
 * What the port cannot read, the overlay cannot know: roles and memberships show no item id, so when a user
 * leaves one instance while keeping another of the same method in the course (two cohort instances), the roles
 * and memberships owned by that method are all kept here, while the platform removes those of the instance left.
 */
export class EnrolmentOverlay {
  readonly #real: Platform;
  readonly #users: UserOverlay;
  readonly #courses: CourseOverlay;
  readonly #memberships: MembershipCleanup;
  readonly #instances = new Map<number, PlatformEnrolInstance>();
  /** The user enrolments written here, by `instance:user`. */
  readonly #enrolled = new Map<string, PlatformEnrolment>();
  /** The user enrolments removed here (real ones are hidden), by `instance:user`. */
  readonly #unenrolled = new Set<string>();
  /** Instances whose status changed here, by id. */
  readonly #changedInstances = new Map<number, PlatformEnrolInstance>();
  /** Instances deleted here (hidden from later reads). */
  readonly #deletedInstances = new Set<number>();
  /** Roles given here, by courseRoleKey. */
  readonly #roles = new Map<string, CourseRoleAssignment>();
  /** Roles removed here (real ones are hidden), by courseRoleKey. */
  readonly #unassigned = new Set<string>();

  constructor(real: Platform, users: UserOverlay, courses: CourseOverlay, memberships: MembershipCleanup) {
    this.#real = real;
    this.#users = users;
    this.#courses = courses;
    this.#memberships = memberships;
  }

  /**
   * Real instances and those added here (the manual instances of courses created here, cohort instances), as
   * changed here, without those deleted here; by course, sortorder and id.
   */
  async findEnrolInstances(input: EnrolInstanceQuery): Promise<readonly PlatformEnrolInstance[]> {
    const instances = [...(await this.#real.run('findEnrolInstances', input)), ...this.#courses.instancesWhere((instance) => matchesInstanceQuery(instance, input))]
      .filter((instance) => !this.#deletedInstances.has(instance.id))
      .map((instance) => this.#changedInstances.get(instance.id) ?? instance)
      .sort((a, b) => compareSimulatedIds({ id: a.courseId }, { id: b.courseId }) || a.sortorder - b.sortorder || compareSimulatedIds(a, b));
    for (const instance of instances) this.#instances.set(instance.id, instance);
    return instances;
  }

  /** An instance the simulation has listed (or added), as it stands; undefined when unknown or deleted here. */
  knownInstance(instanceId: number): PlatformEnrolInstance | undefined {
    return this.#deletedInstances.has(instanceId) ? undefined : this.#instances.get(instanceId);
  }

  /** The known `cohort` instances binding these cohorts (those the simulation has listed or added). */
  knownCohortInstances(cohortIds: readonly number[]): PlatformEnrolInstance[] {
    const cohorts = new Set(cohortIds);
    return [...this.#instances.values()].filter(
      (instance) => instance.enrol === 'cohort' && instance.cohortId !== null && cohorts.has(instance.cohortId) && !this.#deletedInstances.has(instance.id),
    );
  }

  /** Records an instance as changed here (its status). */
  changeInstance(instance: PlatformEnrolInstance): void {
    this.#changedInstances.set(instance.id, instance);
    this.#instances.set(instance.id, instance);
  }

  /**
   * Removes instances like the platform: every user enrolled through one is unenrolled (as unenrolUsers), then the
   * instance is hidden from later reads.
   */
  async removeInstances(instanceIds: readonly number[]): Promise<void> {
    if (!instanceIds.length) return;
    const enrolments = await this.findEnrolments({ instanceIds });
    await this.unenrolUsers(enrolments.map(({ instanceId, userId }) => ({ instanceId, userId })));
    for (const id of instanceIds) this.#deletedInstances.add(id);
  }

  /** Real enrolments (not removed here, of users not deleted here) and those written here. */
  async findEnrolments(input: CourseUserQuery): Promise<PlatformEnrolment[]> {
    const found = new Map<string, PlatformEnrolment>();
    for (const enrolment of await this.#real.run('findEnrolments', input)) {
      const key = `${enrolment.instanceId}:${enrolment.userId}`;
      if (!this.#unenrolled.has(key) && !this.#users.isDeleted(enrolment.userId)) found.set(key, enrolment);
    }
    const asked = courseUserTest(input);
    for (const [key, enrolment] of this.#enrolled) {
      if (asked(enrolment.courseId, enrolment.userId, enrolment.instanceId) && !this.#users.isDeleted(enrolment.userId)) found.set(key, enrolment);
    }
    return [...found.values()];
  }

  /** Enrols like the platform: an enrolment already there, real or simulated, answers `added` false (and is updated). */
  async enrolUsers(enrolments: readonly Enrolment[]): Promise<ItemResult<Added>[]> {
    const users = await this.#users.activeIds(enrolments.map((enrolment) => enrolment.userId));
    const roles = await this.#roleIds(enrolments.map((enrolment) => enrolment.roleId));
    const held = new Set((await this.#enrolmentsOf(enrolments)).map((enrolment) => `${enrolment.instanceId}:${enrolment.userId}`));
    const results = checkEnrolments(enrolments, {
      instance: (id) => this.knownInstance(id),
      userExists: (id) => users.has(id),
      roleExists: (id) => roles.has(id),
      isEnrolled: (instanceId, userId) => held.has(`${instanceId}:${userId}`),
    });
    enrolments.forEach(({ instanceId, userId, roleId, suspended, timestart, timeend }, index) => {
      if (!results[index]!.ok) return;
      const { courseId, enrol } = this.#instances.get(instanceId)!;
      const key = `${instanceId}:${userId}`;
      this.#enrolled.set(key, { instanceId, courseId, userId, suspended: suspended ?? false, timestart, timeend });
      this.#unenrolled.delete(key);
      held.add(key);
      this.#addRole({ courseId, userId, roleId, component: enrolmentRoleOwner(enrol, instanceId).component });
    });
    return results;
  }

  /** Changes like the platform: only the fields given, a user not enrolled through the instance refused. */
  async updateEnrolments(changes: readonly EnrolmentChange[]): Promise<ItemResult<Changed>[]> {
    const current = new Map((await this.#enrolmentsOf(changes)).map((enrolment) => [`${enrolment.instanceId}:${enrolment.userId}`, enrolment]));
    const { results, final } = checkEnrolmentChanges(changes, {
      instance: (id) => this.knownInstance(id),
      enrolment: (instanceId, userId) => current.get(`${instanceId}:${userId}`),
    });
    for (const [key, state] of final) this.#enrolled.set(key, { ...current.get(key)!, ...state });
    return results;
  }

  /**
   * Unenrols like the platform (enrol_plugin::unenrol_user): the enrolment goes with the roles and memberships
   * the instance's plugin owns; when it was the user's last enrolment in the course, every role in the course and
   * every membership of the course's groups go too (the group overlay removes the memberships).
   */
  async unenrolUsers(items: readonly Unenrolment[]): Promise<ItemResult<Removed>[]> {
    const courseIds = [...new Set(items.flatMap((item) => this.#instances.get(item.instanceId)?.courseId ?? []))];
    // Every instance of these courses, to tell the method of those the users keep.
    if (courseIds.length) await this.findEnrolInstances({ courseIds });
    const enrolled = new Map<string, number[]>();
    for (const enrolment of await this.#enrolmentsOf(items)) {
      const key = `${enrolment.courseId}:${enrolment.userId}`;
      enrolled.set(key, [...(enrolled.get(key) ?? []), enrolment.instanceId]);
    }
    const { results, removals } = planUnenrolments(items, {
      instance: (id) => this.knownInstance(id),
      enrolledInstances: (courseId, userId) => enrolled.get(`${courseId}:${userId}`) ?? [],
    });
    if (!removals.length) return results;
    const roles = new Map<string, CourseRoleAssignment[]>();
    for (const role of await this.findCourseRoles({ courseIds: removals.map((removal) => removal.courseId), userIds: removals.map((removal) => removal.userId) })) {
      roles.set(`${role.courseId}:${role.userId}`, [...(roles.get(`${role.courseId}:${role.userId}`) ?? []), role]);
    }
    const memberships: UnenrolledMemberships[] = [];
    for (const removal of removals) {
      const key = `${removal.instanceId}:${removal.userId}`;
      this.#enrolled.delete(key);
      this.#unenrolled.add(key);
      const all = !removal.remaining.length;
      // Without item ids, what the method owns stays while another instance of the method may have given it.
      const sameMethodKept = removal.remaining.some((id) => this.#instances.get(id)?.enrol === removal.enrol);
      const { component } = instanceOwnership(removal.enrol, removal.instanceId);
      for (const role of roles.get(`${removal.courseId}:${removal.userId}`) ?? []) {
        if (all || (!sameMethodKept && role.component === component)) this.#removeRole(role);
      }
      memberships.push({ courseId: removal.courseId, userId: removal.userId, all, ...(sameMethodKept ? {} : { component }) });
    }
    await this.#memberships.removeUnenrolled(memberships);
    return results;
  }

  /** Real roles (not removed here, of users not deleted here) and those given here, with the same filters. */
  async findCourseRoles(input: {
    readonly courseIds: readonly number[];
    readonly userIds?: readonly number[];
    readonly roleIds?: readonly number[];
  }): Promise<CourseRoleAssignment[]> {
    const found = new Map<string, CourseRoleAssignment>();
    for (const assignment of await this.#real.run('findCourseRoles', input)) {
      const key = courseRoleKey(assignment);
      if (!this.#unassigned.has(key) && !this.#users.isDeleted(assignment.userId)) found.set(key, assignment);
    }
    const courses = new Set(input.courseIds);
    const users = input.userIds && new Set(input.userIds);
    const roles = input.roleIds && new Set(input.roleIds);
    for (const [key, assignment] of this.#roles) {
      if (!courses.has(assignment.courseId) || this.#users.isDeleted(assignment.userId)) continue;
      if ((users && !users.has(assignment.userId)) || (roles && !roles.has(assignment.roleId))) continue;
      found.set(key, assignment);
    }
    return [...found.values()].sort(compareCourseRoles);
  }

  async assignCourseRoles(assignments: readonly CourseRoleAssignment[]): Promise<ItemResult<Added>[]> {
    const results = checkCourseRoles(assignments, await this.#courseRoleView(assignments));
    assignments.forEach((assignment, index) => results[index]!.ok && this.#addRole({ ...assignment, component: assignment.component ?? '' }));
    return results;
  }

  async unassignCourseRoles(assignments: readonly CourseRoleAssignment[]): Promise<ItemResult<Removed>[]> {
    const results = checkCourseRoleRemovals(assignments, await this.#courseRoleView(assignments));
    assignments.forEach((assignment, index) => {
      const result = results[index]!;
      if (result.ok && result.value.removed) this.#removeRole({ ...assignment, component: assignment.component ?? '' });
    });
    return results;
  }

  /** Which (course, user) pairs have an enrolment, real or simulated (`course:user` keys). */
  async enrolledInCourses(pairs: readonly (readonly [number, number])[]): Promise<Set<string>> {
    const enrolments = await this.findEnrolments({ pairs: pairs.map(([courseId, userId]) => ({ courseId, userId })) });
    return new Set(enrolments.map((enrolment) => `${enrolment.courseId}:${enrolment.userId}`));
  }

  /** The enrolments, real or simulated, of the items' users in the courses of the items' (known) instances. */
  async #enrolmentsOf(items: readonly { readonly instanceId: number; readonly userId: number }[]): Promise<PlatformEnrolment[]> {
    return this.findEnrolments({
      pairs: items.flatMap((item) => {
        const courseId = this.#instances.get(item.instanceId)?.courseId;
        return courseId === undefined ? [] : [{ courseId, userId: item.userId }];
      }),
    });
  }

  async #courseRoleView(assignments: readonly CourseRoleAssignment[]): Promise<CourseRoleView> {
    const courseIds = [...new Set(assignments.map((assignment) => assignment.courseId))];
    const courses = await this.#courses.existingIds(courseIds);
    const users = await this.#users.activeIds(assignments.map((assignment) => assignment.userId));
    const roles = await this.#roleIds(assignments.map((assignment) => assignment.roleId));
    const held = new Set((await this.findCourseRoles({ courseIds, userIds: [...users] })).map((assignment) => courseRoleKey(assignment)));
    return {
      courseExists: (id) => courses.has(id),
      userExists: (id) => users.has(id),
      roleExists: (id) => roles.has(id),
      hasRole: (courseId, userId, roleId, component) => held.has(courseRoleKey({ courseId, userId, roleId, component })),
    };
  }

  #addRole(assignment: CourseRoleAssignment): void {
    const key = courseRoleKey(assignment);
    this.#roles.set(key, assignment);
    this.#unassigned.delete(key);
  }

  #removeRole(assignment: CourseRoleAssignment): void {
    const key = courseRoleKey(assignment);
    this.#roles.delete(key);
    this.#unassigned.add(key);
  }

  async #roleIds(ids: readonly number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    return new Set((await this.#real.run('findRoles', { by: { id: [...new Set(ids)].map(String) } })).map((role) => role.id));
  }
}
