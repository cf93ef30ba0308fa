import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { Added, CohortMember, NewCohort } from '../operations.js';
import { checkCohortMembers, checkNewCohorts } from './cohort-rules.js';
import { CONTEXT_LEVEL, ensureContexts, systemContextId } from './contexts.js';
import { activeUserIds } from './existing.js';
import { isAdded } from './rejections.js';
import { chunks, keyOf, nowSeconds, selectIn, selectPairs } from './sql-helpers.js';

/**
 * Creates cohorts in the system context, or in a category's (its context created if missing); an unknown
 * category or a non-empty idnumber already used (by any cohort, or earlier in the call) rejects that item.
 */
export async function createCohorts(db: Kysely<Database>, cohorts: readonly NewCohort[]): Promise<ItemResult<{ id: number }>[]> {
  const categoryIds = cohorts.flatMap((cohort) => (cohort.categoryId ? [cohort.categoryId] : []));
  const categories = new Set(
    (await selectIn(categoryIds, (part) => db.selectFrom('lms_course_categories').select('id').where('id', 'in', part).execute())).map((row) => row.id),
  );
  const idnumbers = cohorts.flatMap((cohort) => (cohort.idnumber ? [cohort.idnumber] : []));
  const taken = new Set(
    (await selectIn(idnumbers, (part) => db.selectFrom('lms_cohort').select('idnumber').where('idnumber', 'in', part).execute())).map((row) => row.idnumber),
  );
  const verdicts = checkNewCohorts(cohorts, { categoryExists: (id) => categories.has(id), idnumberTaken: (idnumber) => taken.has(idnumber) });
  const accepted = cohorts.filter((_, index) => !verdicts[index]);
  const contexts = await ensureContexts(db, CONTEXT_LEVEL.category, accepted.flatMap((cohort) => (cohort.categoryId ? [cohort.categoryId] : [])));
  const system = await systemContextId(db);
  const now = nowSeconds();
  const results: ItemResult<{ id: number }>[] = [];
  for (const [index, cohort] of cohorts.entries()) {
    const verdict = verdicts[index];
    if (verdict) {
      results.push(verdict);
      continue;
    }
    const { id } = await db
      .insertInto('lms_cohort')
      .values({
        contextid: cohort.categoryId ? contexts.get(cohort.categoryId)! : system,
        name: cohort.name,
        idnumber: cohort.idnumber ?? '',
        description: cohort.description ?? '',
        component: cohort.component ?? '',
        timecreated: now,
        timemodified: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    results.push(succeeded({ id }));
  }
  return results;
}

/** Adds users to cohorts; an unknown cohort or user is rejected, a member again answers `added` false. */
export async function addCohortMembers(db: Kysely<Database>, members: readonly CohortMember[]): Promise<ItemResult<Added>[]> {
  const cohorts = new Set((await selectIn(members.map((member) => member.cohortId), (part) => db.selectFrom('lms_cohort').select('id').where('id', 'in', part).execute())).map((row) => row.id));
  const users = await activeUserIds(db, members.map((member) => member.userId));
  const existing = await selectPairs(members.map((member) => [member.cohortId, member.userId] as const), ['cohortid', 'userid'], (pairs) =>
    db.selectFrom('lms_cohort_members').select(['cohortid', 'userid']).where(pairs).execute(),
  );
  const memberships = new Set(existing.map((row) => keyOf(row.cohortid, row.userid)));
  const results = checkCohortMembers(members, {
    cohortExists: (id) => cohorts.has(id),
    userExists: (id) => users.has(id),
    isMember: (cohortId, userId) => memberships.has(keyOf(cohortId, userId)),
  });
  const now = nowSeconds();
  const rows = members.filter((_, index) => isAdded(results[index]!)).map(({ cohortId, userId }) => ({ cohortid: cohortId, userid: userId, timeadded: now }));
  for (const part of chunks(rows, 500)) await db.insertInto('lms_cohort_members').values(part).execute();
  return results;
}

