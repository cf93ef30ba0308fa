import { checkGroupMembers, checkMemberRemovals, GROUP } from '../embedded/group-rules.js';
import type { ItemResult } from '../item-result.js';
import type { Added, Changed, FindInCourses, GroupChange, GroupMember, NewGroup, PlatformGroup, Removed } from '../operations.js';
import type { Platform } from '../platform.js';
import type { CourseOverlay } from './course-overlay.js';
import type { EnrolmentOverlay, UnenrolledMemberships } from './enrolment-overlay.js';
import { GroupTableOverlay } from './group-table-overlay.js';
import type { UserOverlay } from './user-overlay.js';

/**
 * Groups written during a simulation (see GroupTableOverlay) and their memberships: added, removed (real ones
 * are hidden from later reads), gone with a deleted group or user, or with an unenrolment. Empty groups are
 * found from every member of the courses' groups, real and simulated, so a real group emptied here is listed.
 *
 * What the port cannot read, the overlay cannot know: a real group is known only once a lookup has returned it.
 */
export class GroupOverlay {
  readonly #real: Platform;
  readonly #users: UserOverlay;
  readonly #enrolments: EnrolmentOverlay;
  readonly #groups: GroupTableOverlay;
  /** Memberships added here, by `group:user`. */
  readonly #members = new Map<string, GroupMember>();
  /** Memberships removed here (real ones are hidden), by `group:user`. */
  readonly #removed = new Set<string>();

  constructor(real: Platform, users: UserOverlay, courses: CourseOverlay, enrolments: EnrolmentOverlay) {
    this.#real = real;
    this.#users = users;
    this.#enrolments = enrolments;
    this.#groups = new GroupTableOverlay((input) => real.run('findGroups', input), courses, GROUP);
  }

  findGroups(input: FindInCourses): Promise<PlatformGroup[]> {
    return this.#groups.find(input);
  }

  createGroups(groups: readonly NewGroup[]): Promise<ItemResult<{ id: number }>[]> {
    return this.#groups.create(groups);
  }

  updateGroups(changes: readonly GroupChange[]): Promise<ItemResult<Changed>[]> {
    return this.#groups.update(changes);
  }

  /** Deleted groups vanish from lookups, and their memberships with them. */
  deleteGroups(ids: readonly number[]): Promise<ItemResult<null>[]> {
    return this.#groups.delete(ids);
  }

  /** The course of a group the simulation knows; undefined for a deleted or unknown one. */
  courseOf(groupId: number): number | undefined {
    return this.#groups.courseOf(groupId);
  }

  /** Whether the simulation deleted this group. */
  isDeleted(groupId: number): boolean {
    return this.#groups.isDeleted(groupId);
  }

  /**
   * The groups of the courses (real ones not deleted here, and those created here) that no membership holds as
   * the simulation sees them: real groups empty already, real groups whose every member left here (removed,
   * unenrolled or deleted) and that gained none, and created groups that gained none; in id order.
   */
  async findEmptyGroups(input: { readonly courseIds: readonly number[] }): Promise<PlatformGroup[]> {
    const groups = await this.findGroups({ courseIds: input.courseIds });
    const filled = new Set((await this.findGroupMembers({ groupIds: groups.map((group) => group.id) })).map((member) => member.groupId));
    return groups.filter((group) => !filled.has(group.id));
  }

  /**
   * Real memberships (not removed here, of users and groups not deleted here) and those added here: of the users
   * given, or every member of the groups when `userIds` is absent. Only real ids are asked of the platform.
   */
  async findGroupMembers(input: { readonly groupIds: readonly number[]; readonly userIds?: readonly number[] }): Promise<GroupMember[]> {
    const found = new Map<string, GroupMember>();
    const realIds = (ids: readonly number[]) => ids.filter((id) => id > 0);
    const asked = { groupIds: realIds(input.groupIds), ...(input.userIds ? { userIds: realIds(input.userIds) } : {}) };
    for (const member of await this.#real.run('findGroupMembers', asked)) {
      const key = `${member.groupId}:${member.userId}`;
      if (!this.#removed.has(key) && this.#isLive(member)) found.set(key, member);
    }
    const groups = new Set(input.groupIds);
    const users = input.userIds && new Set(input.userIds);
    for (const [key, member] of this.#members) {
      if (groups.has(member.groupId) && (!users || users.has(member.userId)) && this.#isLive(member)) found.set(key, member);
    }
    return [...found.values()];
  }

  /** Adds like the platform: the user must be enrolled in the course; a membership already there answers `added` false. */
  async addGroupMembers(members: readonly GroupMember[]): Promise<ItemResult<Added>[]> {
    const users = await this.#users.activeIds(members.map((member) => member.userId));
    const pairs = members.flatMap(({ groupId, userId }) => {
      const courseId = this.courseOf(groupId);
      return courseId === undefined ? [] : [[courseId, userId] as const];
    });
    const enrolled = await this.#enrolments.enrolledInCourses(pairs);
    const existing = await this.findGroupMembers({ groupIds: members.map((member) => member.groupId), userIds: members.map((member) => member.userId) });
    const held = new Set(existing.map((member) => `${member.groupId}:${member.userId}`));
    const results = checkGroupMembers(members, {
      courseOfGroup: (groupId) => this.courseOf(groupId),
      userExists: (id) => users.has(id),
      isEnrolled: (courseId, userId) => enrolled.has(`${courseId}:${userId}`),
      isMember: (groupId, userId) => held.has(`${groupId}:${userId}`),
    });
    members.forEach((member, index) => {
      const key = `${member.groupId}:${member.userId}`;
      if (!results[index]!.ok || held.has(key)) return;
      this.#members.set(key, { ...member, component: member.component ?? '' });
      this.#removed.delete(key);
      held.add(key);
    });
    return results;
  }

  /** Removes like the platform: only the owning component removes a membership; not a member answers `removed` false. */
  async removeGroupMembers(members: readonly GroupMember[]): Promise<ItemResult<Removed>[]> {
    const existing = await this.findGroupMembers({ groupIds: members.map((member) => member.groupId), userIds: members.map((member) => member.userId) });
    const owners = new Map(existing.map((member) => [`${member.groupId}:${member.userId}`, member.component ?? '']));
    const results = checkMemberRemovals(members, {
      courseOfGroup: (groupId) => this.courseOf(groupId),
      ownerOf: (groupId, userId) => owners.get(`${groupId}:${userId}`),
    });
    members.forEach((member, index) => {
      const result = results[index]!;
      if (result.ok && result.value.removed) this.#forget(`${member.groupId}:${member.userId}`);
    });
    return results;
  }

  /**
   * What goes with unenrolments (called by the enrolment overlay): the user's memberships in the course's groups
   * that a component owns, or all of them when the user left the course.
   */
  async removeUnenrolled(removals: readonly UnenrolledMemberships[]): Promise<void> {
    if (!removals.length) return;
    const groups = await this.findGroups({ courseIds: [...new Set(removals.map((removal) => removal.courseId))] });
    const courseOf = new Map(groups.map((group) => [group.id, group.courseId]));
    const members = await this.findGroupMembers({ groupIds: [...courseOf.keys()], userIds: removals.map((removal) => removal.userId) });
    const byCourseUser = new Map<string, UnenrolledMemberships[]>();
    for (const removal of removals) {
      const key = `${removal.courseId}:${removal.userId}`;
      byCourseUser.set(key, [...(byCourseUser.get(key) ?? []), removal]);
    }
    for (const member of members) {
      const leaving = byCourseUser.get(`${courseOf.get(member.groupId)}:${member.userId}`) ?? [];
      if (leaving.some((removal) => removal.all || removal.component === member.component)) this.#forget(`${member.groupId}:${member.userId}`);
    }
  }

  /** Whether a membership still stands: its user and its group are not deleted here. */
  #isLive(member: GroupMember): boolean {
    return !this.#users.isDeleted(member.userId) && !this.#groups.isDeleted(member.groupId);
  }

  #forget(key: string): void {
    this.#members.delete(key);
    this.#removed.add(key);
  }
}
