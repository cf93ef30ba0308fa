import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { CohortSyncCounts } from '../operations.js';
import { insertRows } from './bulk-insert.js';
import { planCohortSync, type SyncInstance } from './enrol-instance-rules.js';
import { enrolUsers, findEnrolInstances } from './enrolments.js';
import { activeUserIds } from './existing.js';
import { coursesOf } from './group-tables.js';
import { findCohortMembers } from './memberships.js';
import { chunks, keyOf, nowSeconds, selectIn, selectPairs } from './sql-helpers.js';
import { unenrolUsers } from './unenrolments.js';

/**
 * Moodle's enrol_cohort_sync for the `cohort` instances of these courses (see planCohortSync). New enrolments get
 * the instance's role and, when it names a group of the course, a membership of it, both owned by enrol_cohort
 * under the instance's id; unenrolments go as unenrolUsers does. Answers the counts of user enrolments.
 */
export async function syncCohortEnrolments(
  db: Kysely<Database>,
  { courseIds }: { courseIds: readonly number[] },
  sqlite?: SQLite.Database,
): Promise<CohortSyncCounts> {
  const instances: SyncInstance[] = (await findEnrolInstances(db, { courseIds, enrol: 'cohort' })).flatMap((instance) =>
    instance.cohortId === null ? [] : [{ ...instance, cohortId: instance.cohortId }],
  );
  const members = await findCohortMembers(db, { cohortIds: instances.filter((instance) => instance.enabled).map((instance) => instance.cohortId) });
  const active = await activeUserIds(db, members.map((member) => member.userId));
  const membersOf = new Map<number, number[]>();
  for (const { cohortId, userId } of members) if (active.has(userId)) membersOf.set(cohortId, [...(membersOf.get(cohortId) ?? []), userId]);
  const enrolments = await selectIn(instances.map((instance) => instance.id), (part) =>
    db.selectFrom('lms_user_enrolments').select(['id', 'enrolid', 'userid', 'status']).where('enrolid', 'in', part).execute(),
  );
  const enrolmentsOf = new Map<number, { userId: number; suspended: boolean }[]>();
  for (const row of enrolments) enrolmentsOf.set(row.enrolid, [...(enrolmentsOf.get(row.enrolid) ?? []), { userId: row.userid, suspended: row.status === 1 }]);
  const plan = planCohortSync(instances, { members: (id) => membersOf.get(id) ?? [], enrolments: (id) => enrolmentsOf.get(id) ?? [] });

  const enrolled = await enrolUsers(
    db,
    plan.enrol.map(({ instance, userId }) => ({ instanceId: instance.id, userId, roleId: instance.roleId, timestart: 0, timeend: 0 })),
    sqlite,
  );
  await addSyncMemberships(db, sqlite, plan.enrol.filter((_, index) => enrolled[index]!.ok));
  const unenrolled = await unenrolUsers(db, plan.unenrol);
  const ids = new Map(enrolments.map((row) => [keyOf(row.enrolid, row.userid), row.id]));
  const now = nowSeconds();
  for (const [status, items] of [[1, plan.suspend], [0, plan.reactivate]] as const) {
    for (const part of chunks(items.map((item) => ids.get(keyOf(item.instanceId, item.userId))!), 500)) {
      await db.updateTable('lms_user_enrolments').set({ status, timemodified: now }).where('id', 'in', part).execute();
    }
  }
  return {
    enrolled: enrolled.filter((result) => result.ok).length,
    unenrolled: unenrolled.filter((result) => result.ok && result.value.removed).length,
    suspended: plan.suspend.length,
    reactivated: plan.reactivate.length,
  };
}

/** Memberships of the instances' groups (groups of their course only) for the users just enrolled, unless members already. */
async function addSyncMemberships(
  db: Kysely<Database>,
  sqlite: SQLite.Database | undefined,
  enrolled: readonly { readonly instance: SyncInstance; readonly userId: number }[],
): Promise<void> {
  const wanted = enrolled.filter(({ instance }) => instance.groupId !== null);
  if (!wanted.length) return;
  const courseOf = await coursesOf(db, 'lms_groups', wanted.map(({ instance }) => instance.groupId!));
  const valid = wanted.filter(({ instance }) => courseOf.get(instance.groupId!) === instance.courseId);
  const existing = await selectPairs(valid.map(({ instance, userId }) => [instance.groupId!, userId] as const), ['groupid', 'userid'], (pairs) =>
    db.selectFrom('lms_groups_members').select(['groupid', 'userid']).where(pairs).execute(),
  );
  const held = new Set(existing.map((row) => keyOf(row.groupid, row.userid)));
  const now = nowSeconds();
  const rows = new Map(
    valid
      .filter(({ instance, userId }) => !held.has(keyOf(instance.groupId!, userId)))
      .map(({ instance, userId }) => [
        keyOf(instance.groupId!, userId),
        { groupid: instance.groupId!, userid: userId, component: 'enrol_cohort', itemid: instance.id, timeadded: now },
      ]),
  );
  await insertRows(db, sqlite, 'lms_groups_members', [...rows.values()]);
}
