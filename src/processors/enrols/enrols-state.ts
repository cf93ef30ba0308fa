import type { CourseRoleAssignment, GroupMember, PlatformEnrolment } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import type { GroupCatalogue } from '../lookups.js';
import type { PlatformGroup } from '../../platform/operations.js';

/** A (course, user) pair as a string key (PendingKeys). */
export function pairKey(courseId: number, userId: number): string {
  return `${courseId}:${userId}`;
}

/** A (course, user) pair. */
export interface Pair {
  readonly courseId: number;
  readonly userId: number;
}

/** What a batch needs to know of the pairs it touches. */
export interface StateNeeds {
  readonly pairs: readonly Pair[];
  /** Pairs whose group memberships matter (greplace, gdel). */
  readonly memberPairs: readonly Pair[];
}

/**
 * The current enrolments, course roles and group memberships of the (course, user) pairs of a batch, read in
 * one call each. Reloaded for a pair when an earlier row of the batch wrote it (see PendingKeys).
 */
export class EnrolsState {
  readonly #platform: Platform;
  readonly #groups: GroupCatalogue<PlatformGroup>;
  readonly #enrolments = new PairMap<PlatformEnrolment[]>();
  readonly #roles = new PairMap<CourseRoleAssignment[]>();
  readonly #members = new PairMap<(GroupMember & { courseId: number })[]>();

  constructor(platform: Platform, groups: GroupCatalogue<PlatformGroup>) {
    this.#platform = platform;
    this.#groups = groups;
  }

  async load(needs: StateNeeds): Promise<void> {
    const ids = (pairs: readonly Pair[]) => ({
      courseIds: [...new Set(pairs.map((pair) => pair.courseId))],
      userIds: [...new Set(pairs.map((pair) => pair.userId))],
    });
    fill(this.#enrolments, needs.pairs, await this.#platform.run('findEnrolments', { pairs: needs.pairs }));
    if (needs.memberPairs.length) {
      const { courseIds, userIds } = ids(needs.memberPairs);
      await this.#groups.load(courseIds);
      const groups = courseIds.flatMap((courseId) => this.#groups.inCourse(courseId));
      const courseOf = new Map(groups.map((group) => [group.id, group.courseId]));
      const members = await this.#platform.run('findGroupMembers', { groupIds: groups.map((group) => group.id), userIds });
      fill(this.#members, needs.memberPairs, members.map((member) => ({ ...member, courseId: courseOf.get(member.groupId)! })));
    }
  }

  /** Reads the roles of pairs (role mode, shift, re-enrolment): a separate call, skipped when no row needs it. */
  async loadRoles(pairs: readonly Pair[]): Promise<void> {
    if (!pairs.length) return;
    const courseIds = [...new Set(pairs.map((pair) => pair.courseId))];
    const userIds = [...new Set(pairs.map((pair) => pair.userId))];
    fill(this.#roles, pairs, await this.#platform.run('findCourseRoles', { courseIds, userIds }));
  }

  /** The user's enrolments in the course (any instance, any status). */
  enrolments(courseId: number, userId: number): readonly PlatformEnrolment[] {
    return this.#enrolments.get(courseId, userId) ?? NONE;
  }

  enrolment(courseId: number, userId: number, instanceId: number): PlatformEnrolment | undefined {
    for (const enrolment of this.enrolments(courseId, userId)) if (enrolment.instanceId === instanceId) return enrolment;
    return undefined;
  }

  /** The user's roles in the course, with the component that gave each. */
  roles(courseId: number, userId: number): readonly CourseRoleAssignment[] {
    return this.#roles.get(courseId, userId) ?? NONE;
  }

  /** The user's memberships in the groups of the course. */
  memberships(courseId: number, userId: number): readonly GroupMember[] {
    return this.#members.get(courseId, userId) ?? NONE;
  }
}

/** Replaces what is known of the pairs asked by what was found (a pair found nothing for is known empty). */
function fill<T extends Pair>(into: PairMap<T[]>, pairs: readonly Pair[], found: readonly T[]): void {
  for (const pair of pairs) into.set(pair.courseId, pair.userId, []);
  for (const item of found) into.get(item.courseId, item.userId)?.push(item);
}

const NONE: readonly never[] = [];

/**
 * Values by (course, user) pair, in a map of maps: a pair is looked up several times per row, and a key string
 * built for each lookup was a large part of what a row allocated.
 */
class PairMap<T> {
  readonly #byCourse = new Map<number, Map<number, T>>();

  get(courseId: number, userId: number): T | undefined {
    return this.#byCourse.get(courseId)?.get(userId);
  }

  set(courseId: number, userId: number, value: T): void {
    const byUser = this.#byCourse.get(courseId);
    if (byUser) byUser.set(userId, value);
    else this.#byCourse.set(courseId, new Map([[userId, value]]));
  }
}
