import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { ItemResult } from '../item-result.js';
import type { Added, GroupMember, Removed } from '../operations.js';
import { activeUserIds } from './existing.js';
import { checkMemberRemovals, groupMemberRejections, memberPair } from './group-rules.js';
import { coursesOf } from './group-tables.js';
import { addedResults, isRemoved } from './rejections.js';
import { heldMemberships, insertMembersOfEnrolled, writeMembers, type MemberRow } from './member-inserts.js';
import { deleteByIds, keyOf, nowSeconds, selectPairs } from './sql-helpers.js';

/**
 * Adds users to groups: an unknown group, an unknown or deleted user, or a user with no enrolment in the
 * group's course is rejected; a member again answers `added` false. The component marks protected memberships.
 */
export async function addGroupMembers(db: Kysely<Database>, members: readonly GroupMember[], sqlite?: SQLite.Database): Promise<ItemResult<Added>[]> {
  const now = nowSeconds();
  // SQLite inserts first what it can (see insertMembersOfEnrolled): only the other items are looked up.
  const inserted = sqlite ? insertMembersOfEnrolled(sqlite, members, now) : new Set<string>();
  const fresh = members.map((member) => inserted.has(keyOf(member.groupId, member.userId)));
  const rest = members.filter((_, index) => !fresh[index]);
  const courseOf = await coursesOf(db, 'lms_groups', rest.map((member) => member.groupId), sqlite);
  const users = await activeUserIds(db, rest.map((member) => member.userId), sqlite);
  // The first item of each membership whose group and user exist is the one written (with its component); the
  // write tells which users are enrolled and which memberships were held already.
  const first = new Map<string, MemberRow>();
  for (const { groupId, userId, component = '' } of rest) {
    const courseid = courseOf.get(groupId);
    if (courseid === undefined || !users.has(userId)) continue;
    const key = keyOf(groupId, userId);
    if (!first.has(key)) first.set(key, { groupid: groupId, userid: userId, component, itemid: 0, timeadded: now, courseid });
  }
  const rows = [...first.values()];
  const { enrolled, held } = sqlite ? await heldMemberships(db, rows, sqlite) : await writeMembers(db, rows);
  const refusals = groupMemberRejections(rest, {
    courseOfGroup: (groupId) => courseOf.get(groupId),
    userExists: (userId) => users.has(userId),
    isEnrolled: (courseId, userId) => enrolled.has(keyOf(courseId, userId)),
  });
  let next = 0;
  const rejections = fresh.map((wasInserted) => (wasInserted ? null : refusals[next++]!));
  return addedResults(members, rejections, memberPair, (groupId, userId) => held.has(keyOf(groupId, userId)));
}

/**
 * Removes users from groups, a membership only when the item's component ('' when absent) owns it: one another
 * component owns is refused, as Moodle's errorremovenotpermitted; an unknown group is refused; a user who is not
 * a member answers `removed` false.
 */
export async function removeGroupMembers(db: Kysely<Database>, members: readonly GroupMember[]): Promise<ItemResult<Removed>[]> {
  const courseOf = await coursesOf(db, 'lms_groups', members.map((member) => member.groupId));
  const held = await selectPairs(members.map((member) => [member.groupId, member.userId] as const), ['groupid', 'userid'], (pairs) =>
    db.selectFrom('lms_groups_members').select(['id', 'groupid', 'userid', 'component']).where(pairs).execute(),
  );
  const memberships = new Map(held.map((row) => [keyOf(row.groupid, row.userid), row]));
  const results = checkMemberRemovals(members, {
    courseOfGroup: (groupId) => courseOf.get(groupId),
    ownerOf: (groupId, userId) => memberships.get(keyOf(groupId, userId))?.component,
  });
  const removed = members.filter((_, index) => isRemoved(results[index]!));
  await deleteByIds(db, 'lms_groups_members', removed.map((member) => memberships.get(keyOf(member.groupId, member.userId))!.id));
  return results;
}
