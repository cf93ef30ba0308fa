import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { CohortMember, GroupMember, PlatformEnrolment } from '../operations.js';
import { selectAcross } from './sql-helpers.js';

/** The user enrolments (any method, any status) of these users in these courses. */
export async function findEnrolments(
  db: Kysely<Database>,
  { courseIds, userIds }: { courseIds: readonly number[]; userIds: readonly number[] },
): Promise<PlatformEnrolment[]> {
  const rows = await selectAcross(courseIds, userIds, (courses, users) =>
    db
      .selectFrom('lms_user_enrolments as ue')
      .innerJoin('lms_enrol as e', 'e.id', 'ue.enrolid')
      .select(['ue.enrolid', 'e.courseid', 'ue.userid', 'ue.status'])
      .where('e.courseid', 'in', courses)
      .where('ue.userid', 'in', users)
      .execute(),
  );
  return rows.map((row) => ({ instanceId: row.enrolid, courseId: row.courseid, userId: row.userid, suspended: row.status === 1 }));
}

/** Memberships of these users in these cohorts. */
export async function findCohortMembers(
  db: Kysely<Database>,
  { cohortIds, userIds }: { cohortIds: readonly number[]; userIds: readonly number[] },
): Promise<CohortMember[]> {
  const rows = await selectAcross(cohortIds, userIds, (cohorts, users) =>
    db.selectFrom('lms_cohort_members').select(['cohortid', 'userid']).where('cohortid', 'in', cohorts).where('userid', 'in', users).execute(),
  );
  return rows.map((row) => ({ cohortId: row.cohortid, userId: row.userid }));
}

/** Memberships of these users in these groups, with the component that owns each. */
export async function findGroupMembers(
  db: Kysely<Database>,
  { groupIds, userIds }: { groupIds: readonly number[]; userIds: readonly number[] },
): Promise<GroupMember[]> {
  const rows = await selectAcross(groupIds, userIds, (groups, users) =>
    db.selectFrom('lms_groups_members').select(['groupid', 'userid', 'component']).where('groupid', 'in', groups).where('userid', 'in', users).execute(),
  );
  return rows.map((row) => ({ groupId: row.groupid, userId: row.userid, component: row.component }));
}
