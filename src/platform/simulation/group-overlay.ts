import { checkGroupMembers, checkNewGroups } from '../embedded/group-rules.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { Added, FindBy, GroupMember, NewGroup, PlatformGroup } from '../operations.js';
import type { Platform } from '../platform.js';
import type { EnrolmentOverlay } from './enrolment-overlay.js';
import { matchesFindBy } from './find-by.js';
import type { UserOverlay } from './user-overlay.js';

/**
 * Groups created during a simulation (negative ids) and the memberships added. The port finds groups within a
 * course only, so the overlay knows the course of the real groups the simulation has found.
 */
export class GroupOverlay {
  readonly #real: Platform;
  readonly #users: UserOverlay;
  readonly #enrolments: EnrolmentOverlay;
  readonly #created: PlatformGroup[] = [];
  readonly #courseOf = new Map<number, number>();
  readonly #members = new Map<string, GroupMember>();

  constructor(real: Platform, users: UserOverlay, enrolments: EnrolmentOverlay) {
    this.#real = real;
    this.#users = users;
    this.#enrolments = enrolments;
  }

  async findGroups(input: FindBy<'id' | 'idnumber' | 'name'> & { readonly courseId: number }): Promise<PlatformGroup[]> {
    const real = await this.#real.run('findGroups', input);
    for (const group of real) this.#courseOf.set(group.id, group.courseId);
    return [...real, ...this.#created.filter((group) => group.courseId === input.courseId && matchesFindBy(group, input.by))];
  }

  async createGroups(groups: readonly NewGroup[]): Promise<ItemResult<{ id: number }>[]> {
    const courseIds = [...new Set(groups.map((group) => group.courseId))];
    const courses = new Set(courseIds.length ? (await this.#real.run('findCourses', { by: { id: courseIds.map(String) } })).map((course) => course.id) : []);
    const held: PlatformGroup[] = [];
    for (const courseId of courses) {
      const inCourse = groups.filter((group) => group.courseId === courseId);
      held.push(...(await this.findGroups({ courseId, by: { name: inCourse.map((group) => group.name), idnumber: inCourse.flatMap((group) => group.idnumber ?? []) } })));
    }
    const verdicts = checkNewGroups(groups, {
      courseExists: (id) => courses.has(id),
      nameTaken: (courseId, name) => held.some((group) => group.courseId === courseId && group.name === name),
      idnumberTaken: (courseId, idnumber) => held.some((group) => group.courseId === courseId && group.idnumber === idnumber),
    });
    return groups.map((group, index) => {
      const verdict = verdicts[index];
      if (verdict) return verdict;
      const id = -(this.#created.length + 1);
      this.#created.push({ id, courseId: group.courseId, name: group.name, idnumber: group.idnumber ?? '', description: group.description ?? '' });
      this.#courseOf.set(id, group.courseId);
      return succeeded({ id });
    });
  }

  /** Real memberships (of users not deleted here) and those added here. */
  async findGroupMembers(input: { readonly groupIds: readonly number[]; readonly userIds: readonly number[] }): Promise<GroupMember[]> {
    const found = new Map<string, GroupMember>();
    for (const member of await this.#real.run('findGroupMembers', input)) {
      if (!this.#users.isDeleted(member.userId)) found.set(`${member.groupId}:${member.userId}`, member);
    }
    const groups = new Set(input.groupIds);
    const users = new Set(input.userIds);
    for (const [key, member] of this.#members) {
      if (groups.has(member.groupId) && users.has(member.userId) && !this.#users.isDeleted(member.userId)) found.set(key, member);
    }
    return [...found.values()];
  }

  /** Adds like the platform: the user must be enrolled in the course; a membership already there answers `added` false. */
  async addGroupMembers(members: readonly GroupMember[]): Promise<ItemResult<Added>[]> {
    const users = await this.#users.activeIds(members.map((member) => member.userId));
    const pairs = members.flatMap(({ groupId, userId }) => (this.#courseOf.has(groupId) ? [[this.#courseOf.get(groupId)!, userId] as const] : []));
    const enrolled = await this.#enrolments.enrolledInCourses(pairs);
    const existing = await this.findGroupMembers({ groupIds: members.map((member) => member.groupId), userIds: members.map((member) => member.userId) });
    const held = new Set(existing.map((member) => `${member.groupId}:${member.userId}`));
    const results = checkGroupMembers(members, {
      courseOfGroup: (groupId) => this.#courseOf.get(groupId),
      userExists: (id) => users.has(id),
      isEnrolled: (courseId, userId) => enrolled.has(`${courseId}:${userId}`),
      isMember: (groupId, userId) => held.has(`${groupId}:${userId}`),
    });
    members.forEach((member, index) => {
      if (!results[index]!.ok) return;
      this.#members.set(`${member.groupId}:${member.userId}`, { ...member, component: member.component ?? '' });
      held.add(`${member.groupId}:${member.userId}`);
    });
    return results;
  }
}
