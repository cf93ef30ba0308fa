import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { ItemResult } from '../item-result.js';
import type { Removed, Unenrolment } from '../operations.js';
import { CONTEXT_LEVEL, contextsOf } from './contexts.js';
import { instanceOwnership, planUnenrolments, type Removal } from './enrolment-rules.js';
import { instanceFacts } from './enrolments.js';
import { deleteByIds, keyOf, selectIn } from './sql-helpers.js';

/**
 * Unenrols users as Moodle's enrol_plugin::unenrol_user, in order: the group memberships and roles the
 * instance's plugin gave under its id go, then the user enrolment; when that was the user's last enrolment in
 * the course, every role of the user in the course context and every membership of the course's groups go too.
 * An unknown instance rejects the item; a user not enrolled through it answers `removed` false. The rows are
 * read by user and deleted by id, a few statements for the whole call.
 */
export async function unenrolUsers(db: Kysely<Database>, items: readonly Unenrolment[]): Promise<ItemResult<Removed>[]> {
  const instances = await instanceFacts(db, items.map((item) => item.instanceId));
  const enrolments = await selectIn(items.map((item) => item.userId), (users) =>
    db
      .selectFrom('lms_user_enrolments as ue')
      .innerJoin('lms_enrol as e', 'e.id', 'ue.enrolid')
      .select(['ue.id', 'ue.enrolid', 'ue.userid', 'e.courseid'])
      .where('ue.userid', 'in', users)
      .execute(),
  );
  const enrolled = new Map<string, number[]>();
  for (const row of enrolments) enrolled.set(keyOf(row.courseid, row.userid), [...(enrolled.get(keyOf(row.courseid, row.userid)) ?? []), row.enrolid]);
  const { results, removals } = planUnenrolments(items, {
    instance: (id) => instances.get(id),
    enrolledInstances: (courseId, userId) => enrolled.get(keyOf(courseId, userId)) ?? [],
  });
  if (!removals.length) return results;
  const gone = new Set(removals.map((removal) => keyOf(removal.instanceId, removal.userId)));
  await deleteByIds(db, 'lms_user_enrolments', enrolments.filter((row) => gone.has(keyOf(row.enrolid, row.userid))).map((row) => row.id));
  await deleteRoles(db, removals);
  await deleteMemberships(db, removals);
  return results;
}

/** The roles the instances gave (in the course context), and every role in the course of users it leaves. */
async function deleteRoles(db: Kysely<Database>, removals: readonly Removal[]): Promise<void> {
  const contexts = await contextsOf(db, CONTEXT_LEVEL.course, removals.map((removal) => removal.courseId));
  const owned = new Set<string>();
  const emptied = new Set<string>();
  for (const removal of removals) {
    const context = contexts.get(removal.courseId);
    if (context === undefined) continue;
    const { component, itemid } = instanceOwnership(removal.enrol, removal.instanceId);
    owned.add(keyOf(context, removal.userId, component, itemid));
    if (!removal.remaining.length) emptied.add(keyOf(context, removal.userId));
  }
  const roles = await selectIn(removals.map((removal) => removal.userId), (users) =>
    db.selectFrom('lms_role_assignments').select(['id', 'contextid', 'userid', 'component', 'itemid']).where('userid', 'in', users).execute(),
  );
  const ids = roles.filter((row) => owned.has(keyOf(row.contextid, row.userid, row.component, row.itemid)) || emptied.has(keyOf(row.contextid, row.userid)));
  await deleteByIds(db, 'lms_role_assignments', ids.map((row) => row.id));
}

/** The memberships the instances gave, and every membership in the course's groups of users it leaves. */
async function deleteMemberships(db: Kysely<Database>, removals: readonly Removal[]): Promise<void> {
  const owned = new Set(removals.map((removal) => {
    const { component, itemid } = instanceOwnership(removal.enrol, removal.instanceId);
    return keyOf(removal.userId, component, itemid);
  }));
  const emptied = new Set(removals.filter((removal) => !removal.remaining.length).map((removal) => keyOf(removal.courseId, removal.userId)));
  const memberships = await selectIn(removals.map((removal) => removal.userId), (users) =>
    db
      .selectFrom('lms_groups_members as gm')
      .innerJoin('lms_groups as g', 'g.id', 'gm.groupid')
      .select(['gm.id', 'gm.userid', 'gm.component', 'gm.itemid', 'g.courseid'])
      .where('gm.userid', 'in', users)
      .execute(),
  );
  const ids = memberships.filter((row) => owned.has(keyOf(row.userid, row.component, row.itemid)) || emptied.has(keyOf(row.courseid, row.userid)));
  await deleteByIds(db, 'lms_groups_members', ids.map((row) => row.id));
}
