import { succeeded, type ItemResult } from '../item-result.js';
import type { Added, GroupMember, NewGroup } from '../operations.js';
import { reject, type Rejection } from './rejections.js';

/** What checking new groups needs to know about the platform. */
export interface NewGroupView {
  courseExists(courseId: number): boolean;
  nameTaken(courseId: number, name: string): boolean;
  /** Whether a group of the course has this (non-empty) idnumber. */
  idnumberTaken(courseId: number, idnumber: string): boolean;
}

/** As Moodle's groups_create_group: a name or a non-empty idnumber already used in the course is refused. */
export function checkNewGroups(groups: readonly NewGroup[], view: NewGroupView): (Rejection | null)[] {
  const names = new Set<string>();
  const idnumbers = new Set<string>();
  return groups.map(({ courseId, name, idnumber }) => {
    if (!view.courseExists(courseId)) return reject.courseNotFound(courseId);
    const nameKey = JSON.stringify([courseId, name]);
    if (view.nameTaken(courseId, name) || names.has(nameKey)) return reject.groupNameTaken(courseId, name);
    const idnumberKey = JSON.stringify([courseId, idnumber]);
    if (idnumber && (view.idnumberTaken(courseId, idnumber) || idnumbers.has(idnumberKey))) {
      return reject.groupIdnumberTaken(courseId, idnumber);
    }
    names.add(nameKey);
    if (idnumber) idnumbers.add(idnumberKey);
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
  const inCall = new Set<string>();
  return members.map(({ groupId, userId }) => {
    const courseId = view.courseOfGroup(groupId);
    if (courseId === undefined) return reject.groupNotFound(groupId);
    if (!view.userExists(userId)) return reject.userNotFound(userId);
    if (!view.isEnrolled(courseId, userId)) return reject.userNotEnrolled(userId, courseId, groupId);
    const key = `${groupId}:${userId}`;
    const added = !inCall.has(key) && !view.isMember(groupId, userId);
    inCall.add(key);
    return succeeded({ added });
  });
}
