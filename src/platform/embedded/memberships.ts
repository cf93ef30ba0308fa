import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { CohortMember, GroupMember, PlatformEnrolment } from '../operations.js';
import { selectIn } from './sql-helpers.js';

/** The user enrolments (any method, any status) of these users in these courses. */
export async function findEnrolments(
  db: Kysely<Database>,
  { courseIds, userIds }: { courseIds: readonly number[]; userIds: readonly number[] },
): Promise<PlatformEnrolment[]> {
  const courses = new Set(courseIds);
  const rows = await selectIn(courses.size ? userIds : [], (users) =>
    db
      .selectFrom('lms_user_enrolments as ue')
      .innerJoin('lms_enrol as e', 'e.id', 'ue.enrolid')
      .select(['ue.enrolid', 'e.courseid', 'ue.userid', 'ue.status', 'ue.timestart', 'ue.timeend'])
      .where('ue.userid', 'in', users)
      .execute(),
  );
  // By users only (indexed, few rows each), the things filtered here: see selectPairs.
  return rows
    .filter((row) => courses.has(row.courseid))
    .map((row) => ({ instanceId: row.enrolid, courseId: row.courseid, userId: row.userid, suspended: row.status === 1, timestart: row.timestart, timeend: row.timeend }));
}

/** Memberships of these users in these cohorts. */
export async function findCohortMembers(
  db: Kysely<Database>,
  { cohortIds, userIds }: { cohortIds: readonly number[]; userIds: readonly number[] },
): Promise<CohortMember[]> {
  const cohorts = new Set(cohortIds);
  const rows = await selectIn(cohorts.size ? userIds : [], (users) =>
    db.selectFrom('lms_cohort_members').select(['cohortid', 'userid']).where('userid', 'in', users).execute(),
  );
  return rows.filter((row) => cohorts.has(row.cohortid)).map((row) => ({ cohortId: row.cohortid, userId: row.userid }));
}

/**
 * Memberships in these groups, with the component that owns each: of these users, or every member of the groups
 * when `userIds` is absent.
 */
export async function findGroupMembers(
  db: Kysely<Database>,
  { groupIds, userIds }: { groupIds: readonly number[]; userIds?: readonly number[] },
): Promise<GroupMember[]> {
  if (!userIds) {
    const rows = await selectIn(groupIds, (groups) =>
      db.selectFrom('lms_groups_members').select(['groupid', 'userid', 'component']).where('groupid', 'in', groups).execute(),
    );
    return rows.map(toGroupMember);
  }
  const groups = new Set(groupIds);
  const rows = await selectIn(groups.size ? userIds : [], (users) =>
    db.selectFrom('lms_groups_members').select(['groupid', 'userid', 'component']).where('userid', 'in', users).execute(),
  );
  return rows.filter((row) => groups.has(row.groupid)).map(toGroupMember);
}

function toGroupMember(row: { groupid: number; userid: number; component: string }): GroupMember {
  return { groupId: row.groupid, userId: row.userid, component: row.component };
}
