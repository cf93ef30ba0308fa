import { succeeded, type ItemResult } from '../item-result.js';
import type { Added, Changed, CohortChange, CohortMember, NewCohort, PlatformCohort, Removed } from '../operations.js';
import { reject, type Rejection } from './rejections.js';

/** What checking new cohorts needs to know about the platform. */
export interface NewCohortView {
  categoryExists(categoryId: number): boolean;
  /** Whether a cohort of any context has this (non-empty) idnumber. */
  idnumberTaken(idnumber: string): boolean;
}

/** As Moodle's create_cohorts: the category must exist, then a non-empty idnumber must be free. */
export function checkNewCohorts(cohorts: readonly NewCohort[], view: NewCohortView): (Rejection | null)[] {
  const inCall = new Set<string>();
  return cohorts.map(({ categoryId, idnumber }) => {
    if (categoryId && !view.categoryExists(categoryId)) return reject.categoryNotFound(categoryId);
    if (idnumber) {
      if (view.idnumberTaken(idnumber) || inCall.has(idnumber)) return reject.cohortIdnumberTaken(idnumber);
      inCall.add(idnumber);
    }
    return null;
  });
}

/** What checking cohort members needs to know about the platform. */
export interface CohortMemberView {
  cohortExists(cohortId: number): boolean;
  /** Whether the user exists and is not deleted. */
  userExists(userId: number): boolean;
  isMember(cohortId: number, userId: number): boolean;
}

/** Unknown cohort or user: refused; already a member (before or earlier in the call): `added` false. */
export function checkCohortMembers(members: readonly CohortMember[], view: CohortMemberView): ItemResult<Added>[] {
  const inCall = new Set<string>();
  return members.map(({ cohortId, userId }) => {
    if (!view.cohortExists(cohortId)) return reject.cohortNotFound(cohortId);
    if (!view.userExists(userId)) return reject.userNotFound(userId);
    const key = `${cohortId}:${userId}`;
    const added = !inCall.has(key) && !view.isMember(cohortId, userId);
    inCall.add(key);
    return succeeded({ added });
  });
}

/** What checking cohort changes needs to know about the platform. */
export interface CohortChangeView {
  cohort(cohortId: number): PlatformCohort | undefined;
  categoryExists(categoryId: number): boolean;
  /** The cohorts (any context) holding this non-empty idnumber. */
  idnumberOwners(idnumber: string): readonly number[];
}

/**
 * Changes apply in order, each over what the earlier items left: an unknown cohort or category is refused, then a
 * non-empty idnumber held by another cohort (as it stands at that point of the call). `final` holds the state
 * each changed cohort ends in (what to write); `changed` is false when the values given are those held.
 */
export function checkCohortChanges(
  changes: readonly CohortChange[],
  view: CohortChangeView,
): { results: ItemResult<Changed>[]; final: Map<number, PlatformCohort> } {
  const final = new Map<number, PlatformCohort>();
  const current = (id: number) => final.get(id) ?? view.cohort(id);
  const holders = (idnumber: string) => {
    const ids = new Set(view.idnumberOwners(idnumber));
    for (const [id, cohort] of final) if (cohort.idnumber === idnumber) ids.add(id);
    // A holder the call changed holds it only if it still does; the others (not read by id) hold it as found.
    return [...ids].filter((id) => (final.get(id)?.idnumber ?? idnumber) === idnumber);
  };
  const results = changes.map(({ id, ...set }): ItemResult<Changed> => {
    const before = current(id);
    if (!before) return reject.cohortNotFound(id);
    if (set.categoryId && !view.categoryExists(set.categoryId)) return reject.categoryNotFound(set.categoryId);
    if (set.idnumber && holders(set.idnumber).some((holder) => holder !== id)) return reject.cohortIdnumberTaken(set.idnumber);
    const after: PlatformCohort = {
      id,
      name: set.name ?? before.name,
      idnumber: set.idnumber ?? before.idnumber,
      description: set.description ?? before.description,
      categoryId: set.categoryId === undefined ? before.categoryId : set.categoryId || null,
    };
    const changed =
      after.name !== before.name || after.idnumber !== before.idnumber || after.description !== before.description || after.categoryId !== before.categoryId;
    if (changed) final.set(id, after);
    return succeeded({ changed });
  });
  return { results, final };
}

/** An unknown cohort, or one deleted earlier in the call, is refused. */
export function checkCohortDeletions(ids: readonly number[], exists: (id: number) => boolean): (Rejection | null)[] {
  const deleted = new Set<number>();
  return ids.map((id) => {
    if (deleted.has(id) || !exists(id)) return reject.cohortNotFound(id);
    deleted.add(id);
    return null;
  });
}

/** Unknown cohort or user: refused; not a member (before, or after an earlier item): `removed` false. */
export function checkCohortMemberRemovals(members: readonly CohortMember[], view: CohortMemberView): ItemResult<Removed>[] {
  const inCall = new Set<string>();
  return members.map(({ cohortId, userId }) => {
    if (!view.cohortExists(cohortId)) return reject.cohortNotFound(cohortId);
    if (!view.userExists(userId)) return reject.userNotFound(userId);
    const key = `${cohortId}:${userId}`;
    const removed = !inCall.has(key) && view.isMember(cohortId, userId);
    inCall.add(key);
    return succeeded({ removed });
  });
}
