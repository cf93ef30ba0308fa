import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { ItemResult } from '../item-result.js';
import type { Added, GroupMember, Removed } from '../operations.js';
import { insertRows } from './bulk-insert.js';
import { activeUserIds } from './existing.js';
import { checkGroupMembers, checkMemberRemovals } from './group-rules.js';
import { coursesOf } from './group-tables.js';
import { isAdded, isRemoved } from './rejections.js';
import { instancePairsOf } from './memberships.js';
import { deleteByIds, keyOf, nowSeconds, selectPairs } from './sql-helpers.js';

/**
 * Adds users to groups: an unknown group, an unknown or deleted user, or a user with no enrolment in the
 * group's course is rejected; a member again answers `added` false. The component marks protected memberships.
 */
export async function addGroupMembers(db: Kysely<Database>, members: readonly GroupMember[], sqlite?: SQLite.Database): Promise<ItemResult<Added>[]> {
  const courseOf = await coursesOf(db, 'lms_groups', members.map((member) => member.groupId), sqlite);
  const users = await activeUserIds(db, members.map((member) => member.userId), sqlite);
  const coursePairs = members.flatMap((member) => (courseOf.has(member.groupId) ? [[courseOf.get(member.groupId)!, member.userId] as const] : []));
  // Only the pair columns are read: the (instance, user) index answers them without reading the rows.
  const { pairs: instancePairs, courseOf: instanceCourses } = await instancePairsOf(
    db,
    coursePairs.map(([courseId, userId]) => ({ courseId, userId })),
    sqlite,
  );
  const enrolments = await selectPairs(
    instancePairs,
    ['enrolid', 'userid'],
    (pairs) => db.selectFrom('lms_user_enrolments').select(['enrolid', 'userid']).where(pairs).execute(),
    sqlite,
  );
  const enrolled = new Set(enrolments.map((row) => keyOf(instanceCourses.get(row.enrolid)!, row.userid)));
  const existing = await selectPairs(
    members.map((member) => [member.groupId, member.userId] as const),
    ['groupid', 'userid'],
    (pairs) => db.selectFrom('lms_groups_members').select(['groupid', 'userid']).where(pairs).execute(),
    sqlite,
  );
  const memberships = new Set(existing.map((row) => keyOf(row.groupid, row.userid)));
  const results = checkGroupMembers(members, {
    courseOfGroup: (groupId) => courseOf.get(groupId),
    userExists: (userId) => users.has(userId),
    isEnrolled: (courseId, userId) => enrolled.has(keyOf(courseId, userId)),
    isMember: (groupId, userId) => memberships.has(keyOf(groupId, userId)),
  });
  const now = nowSeconds();
  const rows = members
    .filter((_, index) => isAdded(results[index]!))
    .map(({ groupId, userId, component = '' }) => ({ groupid: groupId, userid: userId, component, itemid: 0, timeadded: now }));
  await insertRows(db, sqlite, 'lms_groups_members', rows);
  return results;
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
