import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { CohortMember, CourseUser, CourseUserQuery, GroupMember, PlatformEnrolment } from '../operations.js';
import { selectIn, selectPairs } from './sql-helpers.js';

/** The user enrolments (any method, any status) of users in courses: by exact pairs, or every combination. */
export async function findEnrolments(db: Kysely<Database>, query: CourseUserQuery, sqlite?: SQLite.Database): Promise<PlatformEnrolment[]> {
  if ('pairs' in query) return enrolmentsOfPairs(db, query.pairs, sqlite);
  if ('instanceIds' in query) return enrolmentsOfInstances(db, query.instanceIds);
  const { courseIds, userIds } = query;
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

/** Every user enrolment of the instances. */
async function enrolmentsOfInstances(db: Kysely<Database>, instanceIds: readonly number[]): Promise<PlatformEnrolment[]> {
  const rows = await selectIn(instanceIds, (part) =>
    db
      .selectFrom('lms_user_enrolments as ue')
      .innerJoin('lms_enrol as e', 'e.id', 'ue.enrolid')
      .select(['ue.enrolid', 'e.courseid', 'ue.userid', 'ue.status', 'ue.timestart', 'ue.timeend'])
      .where('ue.enrolid', 'in', part)
      .execute(),
  );
  return rows.map((row) => ({ instanceId: row.enrolid, courseId: row.courseid, userId: row.userid, suspended: row.status === 1, timestart: row.timestart, timeend: row.timeend }));
}

/**
 * The (instance, user) pairs that stand for (course, user) pairs: one per instance of the course. A user is
 * enrolled in a course when enrolled through one of its instances; `courseOf` maps the instances back.
 */
export async function instancePairsOf(
  db: Kysely<Database>,
  pairs: readonly CourseUser[],
  sqlite?: SQLite.Database,
): Promise<{ pairs: (readonly [number, number])[]; courseOf: Map<number, number> }> {
  const instances = await selectIn(
    pairs.map((pair) => pair.courseId),
    (part) => db.selectFrom('lms_enrol').select(['id', 'courseid']).where('courseid', 'in', part).execute(),
    sqlite,
  );
  const instancesOf = new Map<number, number[]>();
  for (const row of instances) instancesOf.set(row.courseid, [...(instancesOf.get(row.courseid) ?? []), row.id]);
  return {
    pairs: pairs.flatMap((pair) => (instancesOf.get(pair.courseId) ?? []).map((instanceId) => [instanceId, pair.userId] as const)),
    courseOf: new Map(instances.map((row) => [row.id, row.courseid])),
  };
}

/** Each pair's enrolments through every instance of its course, probed by the (instance, user) index. */
async function enrolmentsOfPairs(db: Kysely<Database>, pairs: readonly CourseUser[], sqlite?: SQLite.Database): Promise<PlatformEnrolment[]> {
  const { pairs: probes, courseOf } = await instancePairsOf(db, pairs, sqlite);
  const rows = await selectPairs(
    probes,
    ['enrolid', 'userid'],
    (condition) => db.selectFrom('lms_user_enrolments').select(['enrolid', 'userid', 'status', 'timestart', 'timeend']).where(condition).execute(),
    sqlite,
  );
  return rows.map((row) => ({
    instanceId: row.enrolid,
    courseId: courseOf.get(row.enrolid)!,
    userId: row.userid,
    suspended: row.status === 1,
    timestart: row.timestart,
    timeend: row.timeend,
  }));
}

/** Memberships in these cohorts: of these users, or every member of the cohorts when `userIds` is absent. */
export async function findCohortMembers(
  db: Kysely<Database>,
  { cohortIds, userIds }: { cohortIds: readonly number[]; userIds?: readonly number[] },
): Promise<CohortMember[]> {
  if (!userIds) {
    const rows = await selectIn(cohortIds, (cohorts) =>
      db.selectFrom('lms_cohort_members').select(['cohortid', 'userid']).where('cohortid', 'in', cohorts).execute(),
    );
    return rows.map((row) => ({ cohortId: row.cohortid, userId: row.userid }));
  }
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
