import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { Changed, EnrolInstanceStatus, NewCohortInstance } from '../operations.js';
import { checkCohortInstances, checkInstanceDeletions, checkInstanceStatuses, findCohortInstance, nextSortorder, type InstanceState } from './enrol-instance-rules.js';
import { enrolmentRoleOwner } from './enrolment-rules.js';
import { findEnrolInstances } from './enrolments.js';
import { existingCourseIds, existingRoleIds } from './existing.js';
import { coursesOf } from './group-tables.js';
import { chunks, nowSeconds, selectIn } from './sql-helpers.js';
import { unenrolUsers } from './unenrolments.js';

/**
 * Adds `cohort` enrolment instances as enrol_cohort's add_instance: enabled, after the course's other instances,
 * with the role, the cohort (customint1), the group (customint2, null for none) and the dates. An instance of
 * the course binding the same cohort and role is answered instead (`added` false, its status left as it is).
 * An unknown course, cohort, role or group, or a group of another course, rejects the item.
 */
export async function addCohortInstances(
  db: Kysely<Database>,
  items: readonly NewCohortInstance[],
): Promise<ItemResult<{ id: number; added: boolean }>[]> {
  const courses = await existingCourseIds(db, items.map((item) => item.courseId));
  const cohorts = new Set(
    (await selectIn(items.map((item) => item.cohortId), (part) => db.selectFrom('lms_cohort').select('id').where('id', 'in', part).execute())).map((row) => row.id),
  );
  const roles = await existingRoleIds(db, items.map((item) => item.roleId));
  const groups = await coursesOf(db, 'lms_groups', items.flatMap((item) => (item.groupId ? [item.groupId] : [])));
  const instances = await findEnrolInstances(db, { courseIds: [...courses] });
  const verdicts = checkCohortInstances(items, {
    courseExists: (id) => courses.has(id),
    cohortExists: (id) => cohorts.has(id),
    roleExists: (id) => roles.has(id),
    courseOfGroup: (id) => groups.get(id),
    instanceFor: (courseId, cohortId, roleId) => findCohortInstance(instances, courseId, cohortId, roleId)?.id,
  });
  const sortorders = new Map<number, number[]>();
  for (const instance of instances) sortorders.set(instance.courseId, [...(sortorders.get(instance.courseId) ?? []), instance.sortorder]);
  const now = nowSeconds();
  const results: ItemResult<{ id: number; added: boolean }>[] = [];
  for (const [index, item] of items.entries()) {
    const verdict = verdicts[index];
    if (verdict && 'ok' in verdict) results.push(verdict);
    else if (verdict && 'id' in verdict) results.push(succeeded({ id: verdict.id, added: false }));
    else if (verdict) results.push(succeeded({ id: idOf(results[verdict.sameAs]), added: false }));
    else {
      const sortorder = nextSortorder(sortorders.get(item.courseId) ?? []);
      sortorders.set(item.courseId, [...(sortorders.get(item.courseId) ?? []), sortorder]);
      const { id } = await db
        .insertInto('lms_enrol')
        .values({
          enrol: 'cohort',
          courseid: item.courseId,
          status: 0,
          sortorder,
          roleid: item.roleId,
          customint1: item.cohortId,
          customint2: item.groupId || null,
          enrolstartdate: item.enrolstart ?? 0,
          enrolenddate: item.enrolend ?? 0,
          timecreated: now,
          timemodified: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      results.push(succeeded({ id, added: true }));
    }
  }
  return results;
}

function idOf(result: ItemResult<{ id: number }> | undefined): number {
  if (!result?.ok) throw new Error('a repeated cohort instance refers to an item that was not accepted');
  return result.value.id;
}

/** Enables (status 0) or disables (status 1) instances, and sets their default role when given; an unknown instance rejects the item. */
export async function setEnrolInstancesStatus(db: Kysely<Database>, items: readonly EnrolInstanceStatus[]): Promise<ItemResult<Changed>[]> {
  const rows = await selectIn(items.map((item) => item.instanceId), (part) => db.selectFrom('lms_enrol').select(['id', 'status', 'roleid']).where('id', 'in', part).execute());
  const states = new Map(rows.map((row) => [row.id, { enabled: row.status === 0, roleId: row.roleid }]));
  const { results, final } = checkInstanceStatuses(items, (id) => states.get(id));
  const now = nowSeconds();
  const byState = new Map<string, { state: InstanceState; ids: number[] }>();
  for (const [id, state] of final) {
    const key = `${state.enabled}:${state.roleId}`;
    if (!byState.has(key)) byState.set(key, { state, ids: [] });
    byState.get(key)!.ids.push(id);
  }
  for (const { state: { enabled, roleId }, ids } of byState.values()) {
    for (const part of chunks(ids, 500)) {
      await db.updateTable('lms_enrol').set({ status: enabled ? 0 : 1, roleid: roleId, timemodified: now }).where('id', 'in', part).execute();
    }
  }
  return results;
}

/** Deletes instances as enrol_plugin::delete_instance; an unknown instance rejects the item. */
export async function deleteEnrolInstances(db: Kysely<Database>, ids: readonly number[]): Promise<ItemResult<null>[]> {
  const existing = new Set(
    (await selectIn(ids, (part) => db.selectFrom('lms_enrol').select('id').where('id', 'in', part).execute())).map((row) => row.id),
  );
  const verdicts = checkInstanceDeletions(ids, (id) => existing.has(id));
  await removeInstances(db, ids.filter((_, index) => !verdicts[index]));
  return verdicts.map((verdict) => verdict ?? succeeded(null));
}

/**
 * Removes instances: each user enrolled through one is unenrolled as unenrolUsers does (the roles and memberships
 * the instance gave go, and everything of the course with the user's last enrolment), then what the instance's
 * plugin still owns under its id, then the instance.
 */
export async function removeInstances(db: Kysely<Database>, instanceIds: readonly number[]): Promise<void> {
  if (!instanceIds.length) return;
  const enrolments = await selectIn(instanceIds, (part) =>
    db.selectFrom('lms_user_enrolments').select(['enrolid', 'userid']).where('enrolid', 'in', part).execute(),
  );
  await unenrolUsers(db, enrolments.map((row) => ({ instanceId: row.enrolid, userId: row.userid })));
  const instances = await selectIn(instanceIds, (part) => db.selectFrom('lms_enrol').select(['id', 'enrol']).where('id', 'in', part).execute());
  const owned = new Map<string, number[]>();
  for (const { id, enrol } of instances) {
    const { component } = enrolmentRoleOwner(enrol, id);
    if (component) owned.set(component, [...(owned.get(component) ?? []), id]);
  }
  for (const [component, ids] of owned) {
    for (const part of chunks(ids, 500)) {
      await db.deleteFrom('lms_role_assignments').where('component', '=', component).where('itemid', 'in', part).execute();
      await db.deleteFrom('lms_groups_members').where('component', '=', component).where('itemid', 'in', part).execute();
    }
  }
  for (const part of chunks([...new Set(instanceIds)], 500)) await db.deleteFrom('lms_enrol').where('id', 'in', part).execute();
}
