import { succeeded, type ItemResult } from '../item-result.js';
import type { Added, CohortMember, NewCohort } from '../operations.js';
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
