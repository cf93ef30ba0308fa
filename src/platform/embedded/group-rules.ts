import { succeeded, type ItemResult } from '../item-result.js';
import type { Added, Changed, GroupChange, GroupingBinding, GroupMember, NewGroup, PlatformGroup, Removed } from '../operations.js';
import { addedResults, reject, type Rejection } from './rejections.js';

/** The refusals of groups and of groupings: the same rules, each with its own codes. */
export interface GroupKind {
  notFound(id: number): Rejection;
  nameTaken(courseId: number, name: string): Rejection;
  idnumberTaken(courseId: number, idnumber: string): Rejection;
}

export const GROUP: GroupKind = { notFound: reject.groupNotFound, nameTaken: reject.groupNameTaken, idnumberTaken: reject.groupIdnumberTaken };
export const GROUPING: GroupKind = { notFound: reject.groupingNotFound, nameTaken: reject.groupingNameTaken, idnumberTaken: reject.groupingIdnumberTaken };

/** What checking new groups (or groupings) needs to know about the platform. */
export interface NewGroupView {
  courseExists(courseId: number): boolean;
  nameTaken(courseId: number, name: string): boolean;
  /** Whether a group of the course has this (non-empty) idnumber. */
  idnumberTaken(courseId: number, idnumber: string): boolean;
}

/** As Moodle's groups_create_group: a name or a non-empty idnumber already used in the course is refused. */
export function checkNewGroups(groups: readonly NewGroup[], view: NewGroupView, kind: GroupKind = GROUP): (Rejection | null)[] {
  const names = new Set<string>();
  const idnumbers = new Set<string>();
  return groups.map(({ courseId, name, idnumber }) => {
    if (!view.courseExists(courseId)) return reject.courseNotFound(courseId);
    const nameKey = JSON.stringify([courseId, name]);
    if (view.nameTaken(courseId, name) || names.has(nameKey)) return kind.nameTaken(courseId, name);
    const idnumberKey = JSON.stringify([courseId, idnumber]);
    if (idnumber && (view.idnumberTaken(courseId, idnumber) || idnumbers.has(idnumberKey))) {
      return kind.idnumberTaken(courseId, idnumber);
    }
    names.add(nameKey);
    if (idnumber) idnumbers.add(idnumberKey);
    return null;
  });
}

/** What checking changes of groups (or groupings) needs to know about the platform. */
export interface GroupChangeView {
  /** The group as the platform holds it; undefined for an unknown one. */
  group(id: number): PlatformGroup | undefined;
  /** The ids of the groups of the course holding this name. */
  named(courseId: number, name: string): readonly number[];
  /** The ids of the groups of the course holding this (non-empty) idnumber. */
  numbered(courseId: number, idnumber: string): readonly number[];
}

/**
 * As Moodle's groups_update_group, in order: a name or a non-empty idnumber given that another group of the
 * course holds (before, or after an earlier item of the call) is refused; `changed` is false when the values
 * given are those held. `final` is the state each accepted item left its group in (what to write).
 */
export function checkGroupChanges(
  changes: readonly GroupChange[],
  view: GroupChangeView,
  kind: GroupKind = GROUP,
): { results: ItemResult<Changed>[]; final: Map<number, PlatformGroup> } {
  const final = new Map<number, PlatformGroup>();
  const takenByAnother = (id: number, courseId: number, field: 'name' | 'idnumber', value: string) => {
    const holders = new Set(field === 'name' ? view.named(courseId, value) : view.numbered(courseId, value));
    for (const [held, group] of final) {
      if (group.courseId === courseId && group[field] === value) holders.add(held);
      else holders.delete(held);
    }
    holders.delete(id);
    return holders.size > 0;
  };
  const results = changes.map((change): ItemResult<Changed> => {
    const current = final.get(change.id) ?? view.group(change.id);
    if (!current) return kind.notFound(change.id);
    const { name = current.name, idnumber = current.idnumber, description = current.description } = change;
    if (change.name !== undefined && takenByAnother(change.id, current.courseId, 'name', name)) return kind.nameTaken(current.courseId, name);
    if (idnumber && change.idnumber !== undefined && takenByAnother(change.id, current.courseId, 'idnumber', idnumber)) {
      return kind.idnumberTaken(current.courseId, idnumber);
    }
    const changed = name !== current.name || idnumber !== current.idnumber || description !== current.description;
    final.set(change.id, { ...current, name, idnumber, description });
    return succeeded({ changed });
  });
  return { results, final };
}

/** An unknown group (or grouping) is refused, so is the second deletion of one in a call. */
export function checkGroupDeletions(ids: readonly number[], exists: (id: number) => boolean, kind: GroupKind = GROUP): (Rejection | null)[] {
  const deleted = new Set<number>();
  return ids.map((id) => {
    if (deleted.has(id) || !exists(id)) return kind.notFound(id);
    deleted.add(id);
    return null;
  });
}

/** What checking group members needs to know about the platform. */
export interface GroupMemberView {
  /** The course of a group; undefined for an unknown group. */
  courseOfGroup(groupId: number): number | undefined;
  /** Whether the user exists and is not deleted. */
  userExists(userId: number): boolean;
  /** Whether the user has a user enrolment (any method, any status) in the course. */
  isEnrolled(courseId: number, userId: number): boolean;
  isMember(groupId: number, userId: number): boolean;
}

/** As Moodle's groups_add_member: the user must be enrolled in the group's course; a member again is not added. */
export function checkGroupMembers(members: readonly GroupMember[], view: GroupMemberView): ItemResult<Added>[] {
  return addedResults(members, groupMemberRejections(members, view), memberPair, view.isMember);
}

/** The pair a membership's `added` is told by. */
export const memberPair = ({ groupId, userId }: GroupMember): readonly [number, number] => [groupId, userId];

/** The refusal of each item (unknown group, unknown or deleted user, user not enrolled), null for an accepted one. */
export function groupMemberRejections(members: readonly GroupMember[], view: Omit<GroupMemberView, 'isMember'>): (Rejection | null)[] {
  return members.map(({ groupId, userId }) => {
    const courseId = view.courseOfGroup(groupId);
    if (courseId === undefined) return reject.groupNotFound(groupId);
    if (!view.userExists(userId)) return reject.userNotFound(userId);
    if (!view.isEnrolled(courseId, userId)) return reject.userNotEnrolled(userId, courseId, groupId);
    return null;
  });
}

/** What checking membership removals needs to know about the platform. */
export interface MemberRemovalView {
  /** The course of a group; undefined for an unknown group. */
  courseOfGroup(groupId: number): number | undefined;
  /** The component owning the membership ('' for a manual one); undefined when the user is not a member. */
  ownerOf(groupId: number, userId: number): string | undefined;
}

/**
 * A membership is removed only by the component owning it (the item's, '' when absent), as Moodle refuses to
 * remove a plugin's memberships; not a member (before or after an earlier item) answers `removed` false.
 */
export function checkMemberRemovals(members: readonly GroupMember[], view: MemberRemovalView): ItemResult<Removed>[] {
  const removed = new Set<string>();
  return members.map(({ groupId, userId, component = '' }) => {
    if (view.courseOfGroup(groupId) === undefined) return reject.groupNotFound(groupId);
    const key = `${groupId}:${userId}`;
    const owner = removed.has(key) ? undefined : view.ownerOf(groupId, userId);
    if (owner === undefined) return succeeded({ removed: false });
    if (owner !== component) return reject.membershipProtected(userId, groupId, owner, component);
    removed.add(key);
    return succeeded({ removed: true });
  });
}

/** What checking grouping bindings needs to know about the platform. */
export interface GroupingBindingView {
  /** The course of a grouping; undefined for an unknown grouping. */
  courseOfGrouping(groupingId: number): number | undefined;
  courseOfGroup(groupId: number): number | undefined;
  isBound(groupingId: number, groupId: number): boolean;
}

/** Grouping and group must exist in the same course; a group bound already (or earlier in the call) is not added. */
export function checkGroupingBindings(bindings: readonly GroupingBinding[], view: GroupingBindingView): ItemResult<Added>[] {
  const inCall = new Set<string>();
  return bindings.map(({ groupingId, groupId }) => {
    const groupingCourse = view.courseOfGrouping(groupingId);
    if (groupingCourse === undefined) return reject.groupingNotFound(groupingId);
    const groupCourse = view.courseOfGroup(groupId);
    if (groupCourse === undefined) return reject.groupNotFound(groupId);
    if (groupCourse !== groupingCourse) return reject.groupingCourseMismatch(groupingId, groupingCourse, groupId, groupCourse);
    const key = `${groupingId}:${groupId}`;
    const added = !inCall.has(key) && !view.isBound(groupingId, groupId);
    inCall.add(key);
    return succeeded({ added });
  });
}
