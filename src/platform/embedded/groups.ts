import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { Added, GroupMember, NewGroup } from '../operations.js';
import { existingCourseIds, activeUserIds } from './existing.js';
import { checkGroupMembers, checkNewGroups } from './group-rules.js';
import { isAdded } from './rejections.js';
import { chunks, keyOf, nowSeconds, selectIn, selectPairs } from './sql-helpers.js';

/**
 * Creates groups; an unknown course, a name already used in the course or a non-empty idnumber already used in
 * the course (before or earlier in the call) rejects that item.
 */
export async function createGroups(db: Kysely<Database>, groups: readonly NewGroup[]): Promise<ItemResult<{ id: number }>[]> {
  const courses = await existingCourseIds(db, groups.map((group) => group.courseId));
  const held = await selectIn([...courses], (part) => db.selectFrom('lms_groups').select(['courseid', 'name', 'idnumber']).where('courseid', 'in', part).execute());
  const names = new Set(held.map((row) => keyOf(row.courseid, row.name)));
  const idnumbers = new Set(held.filter((row) => row.idnumber).map((row) => keyOf(row.courseid, row.idnumber)));
  const verdicts = checkNewGroups(groups, {
    courseExists: (id) => courses.has(id),
    nameTaken: (courseId, name) => names.has(keyOf(courseId, name)),
    idnumberTaken: (courseId, idnumber) => idnumbers.has(keyOf(courseId, idnumber)),
  });
  const now = nowSeconds();
  const results: ItemResult<{ id: number }>[] = [];
  for (const [index, group] of groups.entries()) {
    const verdict = verdicts[index];
    if (verdict) {
      results.push(verdict);
      continue;
    }
    const { id } = await db
      .insertInto('lms_groups')
      .values({
        courseid: group.courseId,
        name: group.name,
        idnumber: group.idnumber ?? '',
        description: group.description ?? '',
        timecreated: now,
        timemodified: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    results.push(succeeded({ id }));
  }
  return results;
}

/**
 * Adds users to groups: an unknown group, an unknown or deleted user, or a user with no enrolment in the
 * group's course is rejected; a member again answers `added` false. The component marks protected memberships.
 */
export async function addGroupMembers(db: Kysely<Database>, members: readonly GroupMember[]): Promise<ItemResult<Added>[]> {
  const groupRows = await selectIn(members.map((member) => member.groupId), (part) =>
    db.selectFrom('lms_groups').select(['id', 'courseid']).where('id', 'in', part).execute(),
  );
  const courseOf = new Map(groupRows.map((row) => [row.id, row.courseid]));
  const users = await activeUserIds(db, members.map((member) => member.userId));
  const coursePairs = members.flatMap((member) => (courseOf.has(member.groupId) ? [[courseOf.get(member.groupId)!, member.userId] as const] : []));
  const enrolments = await selectPairs(coursePairs, (userIds) =>
    db
      .selectFrom('lms_user_enrolments as ue')
      .innerJoin('lms_enrol as e', 'e.id', 'ue.enrolid')
      .select(['e.courseid', 'ue.userid'])
      .distinct()
      .where('ue.userid', 'in', userIds)
      .execute(),
  );
  const enrolled = new Set(enrolments.map((row) => keyOf(row.courseid, row.userid)));
  const existing = await selectPairs(members.map((member) => [member.groupId, member.userId] as const), (userIds) =>
    db.selectFrom('lms_groups_members').select(['groupid', 'userid']).where('userid', 'in', userIds).execute(),
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
  for (const part of chunks(rows, 500)) await db.insertInto('lms_groups_members').values(part).execute();
  return results;
}
