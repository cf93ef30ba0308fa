import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { Changed, CohortChange, CohortMember, Removed } from '../operations.js';
import { removeInstances } from './cohort-instances.js';
import { checkCohortChanges, checkCohortDeletions, checkCohortMemberRemovals } from './cohort-rules.js';
import { CONTEXT_LEVEL, ensureContexts, systemContextId } from './contexts.js';
import { activeUserIds } from './existing.js';
import { findCohorts } from './references.js';
import { isRemoved } from './rejections.js';
import { chunks, keyOf, nowSeconds, selectIn, selectPairs } from './sql-helpers.js';

/**
 * Changes cohorts, only the fields given, in order; a null category moves the cohort to the system context. An
 * unknown cohort or category, or a non-empty idnumber held by another cohort, rejects the item.
 */
export async function updateCohorts(db: Kysely<Database>, changes: readonly CohortChange[]): Promise<ItemResult<Changed>[]> {
  const cohorts = new Map((await findCohorts(db, { by: { id: changes.map((change) => String(change.id)) } })).map((cohort) => [cohort.id, cohort]));
  const categoryIds = changes.flatMap((change) => (change.categoryId ? [change.categoryId] : []));
  const categories = new Set(
    (await selectIn(categoryIds, (part) => db.selectFrom('lms_course_categories').select('id').where('id', 'in', part).execute())).map((row) => row.id),
  );
  const idnumbers = changes.flatMap((change) => (change.idnumber ? [change.idnumber] : []));
  const owners = new Map<string, number[]>();
  for (const cohort of await findCohorts(db, { by: { idnumber: idnumbers } })) owners.set(cohort.idnumber, [...(owners.get(cohort.idnumber) ?? []), cohort.id]);
  const { results, final } = checkCohortChanges(changes, {
    cohort: (id) => cohorts.get(id),
    categoryExists: (id) => categories.has(id),
    idnumberOwners: (idnumber) => owners.get(idnumber) ?? [],
  });
  if (!final.size) return results;
  const contexts = await ensureContexts(db, CONTEXT_LEVEL.category, [...final.values()].flatMap((cohort) => (cohort.categoryId ? [cohort.categoryId] : [])));
  const system = await systemContextId(db);
  const now = nowSeconds();
  // Each cohort ends in its own values: one statement each.
  for (const cohort of final.values()) {
    await db
      .updateTable('lms_cohort')
      .set({
        name: cohort.name,
        idnumber: cohort.idnumber,
        description: cohort.description,
        contextid: cohort.categoryId ? contexts.get(cohort.categoryId)! : system,
        timemodified: now,
      })
      .where('id', '=', cohort.id)
      .execute();
  }
  return results;
}

/**
 * Deletes cohorts as Moodle's cohort_delete_cohort with enrol_cohort's observer: every `cohort` instance bound to
 * the cohort goes as enrol_plugin::delete_instance (its users unenrolled as unenrolUsers does), then the members
 * and the cohort. An unknown cohort rejects the item.
 */
export async function deleteCohorts(db: Kysely<Database>, ids: readonly number[]): Promise<ItemResult<null>[]> {
  const existing = new Set((await selectIn(ids, (part) => db.selectFrom('lms_cohort').select('id').where('id', 'in', part).execute())).map((row) => row.id));
  const verdicts = checkCohortDeletions(ids, (id) => existing.has(id));
  const deleted = ids.filter((_, index) => !verdicts[index]);
  const instances = await selectIn(deleted, (part) =>
    db.selectFrom('lms_enrol').select('id').where('enrol', '=', 'cohort').where('customint1', 'in', part).execute(),
  );
  await removeInstances(db, instances.map((row) => row.id));
  for (const part of chunks(deleted, 500)) {
    await db.deleteFrom('lms_cohort_members').where('cohortid', 'in', part).execute();
    await db.deleteFrom('lms_cohort').where('id', 'in', part).execute();
  }
  return verdicts.map((verdict) => verdict ?? succeeded(null));
}

/** Removes users from cohorts; an unknown cohort or user is refused, not a member answers `removed` false. */
export async function removeCohortMembers(db: Kysely<Database>, members: readonly CohortMember[]): Promise<ItemResult<Removed>[]> {
  const cohorts = new Set(
    (await selectIn(members.map((member) => member.cohortId), (part) => db.selectFrom('lms_cohort').select('id').where('id', 'in', part).execute())).map((row) => row.id),
  );
  const users = await activeUserIds(db, members.map((member) => member.userId));
  const existing = await selectPairs(members.map((member) => [member.cohortId, member.userId] as const), ['cohortid', 'userid'], (pairs) =>
    db.selectFrom('lms_cohort_members').select(['id', 'cohortid', 'userid']).where(pairs).execute(),
  );
  const rows = new Map(existing.map((row) => [keyOf(row.cohortid, row.userid), row.id]));
  const results = checkCohortMemberRemovals(members, {
    cohortExists: (id) => cohorts.has(id),
    userExists: (id) => users.has(id),
    isMember: (cohortId, userId) => rows.has(keyOf(cohortId, userId)),
  });
  const gone = members.filter((_, index) => isRemoved(results[index]!)).map((member) => rows.get(keyOf(member.cohortId, member.userId))!);
  for (const part of chunks(gone, 500)) await db.deleteFrom('lms_cohort_members').where('id', 'in', part).execute();
  return results;
}
