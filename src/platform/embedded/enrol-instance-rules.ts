import { succeeded, type ItemResult } from '../item-result.js';
import type { Changed, EnrolInstanceStatus, NewCohortInstance, PlatformEnrolInstance } from '../operations.js';
import { reject, type Rejection } from './rejections.js';

/** What checking new cohort instances needs to know about the platform. */
export interface CohortInstanceView {
  courseExists(courseId: number): boolean;
  cohortExists(cohortId: number): boolean;
  roleExists(roleId: number): boolean;
  /** The course of a group; undefined for an unknown group. */
  courseOfGroup(groupId: number): number | undefined;
  /** The first `cohort` instance of the course (sortorder, id) binding this cohort with this role. */
  instanceFor(courseId: number, cohortId: number, roleId: number): number | undefined;
}

/**
 * What to do with each new cohort instance: a rejection; `{ id }` an existing instance answered (`added` false);
 * `{ sameAs }` the instance an earlier item of the call adds (by index); `null` an instance to insert.
 */
export type CohortInstanceVerdict = Rejection | { readonly id: number } | { readonly sameAs: number } | null;

/** Course, cohort, role and group (a group of that course) must exist, checked in that order. */
export function checkCohortInstances(items: readonly NewCohortInstance[], view: CohortInstanceView): CohortInstanceVerdict[] {
  const inCall = new Map<string, number>();
  return items.map(({ courseId, cohortId, roleId, groupId }, index): CohortInstanceVerdict => {
    if (!view.courseExists(courseId)) return reject.courseNotFound(courseId);
    if (!view.cohortExists(cohortId)) return reject.cohortNotFound(cohortId);
    if (!view.roleExists(roleId)) return reject.roleNotFound(roleId);
    // Unknown or of another course: one refusal, which a simulation (that knows groups by course) can tell too.
    if (groupId && view.courseOfGroup(groupId) !== courseId) return reject.groupNotInCourse(groupId, courseId);
    const existing = view.instanceFor(courseId, cohortId, roleId);
    if (existing !== undefined) return { id: existing };
    const key = `${courseId}:${cohortId}:${roleId}`;
    const earlier = inCall.get(key);
    if (earlier !== undefined) return { sameAs: earlier };
    inCall.set(key, index);
    return null;
  });
}

/** The first instance, by sortorder then id, of a course's `cohort` instances binding the cohort with the role. */
export function findCohortInstance(
  instances: readonly PlatformEnrolInstance[],
  courseId: number,
  cohortId: number,
  roleId: number,
): PlatformEnrolInstance | undefined {
  return [...instances]
    .filter((instance) => instance.enrol === 'cohort' && instance.courseId === courseId && instance.cohortId === cohortId && instance.roleId === roleId)
    .sort((a, b) => a.sortorder - b.sortorder || a.id - b.id)[0];
}

/** The sortorder of an instance added after the course's others (Moodle: max + 1, 0 for the first). */
export function nextSortorder(sortorders: readonly number[]): number {
  return sortorders.length ? Math.max(...sortorders) + 1 : 0;
}

/** What a status change sets on an instance. */
export interface InstanceState {
  readonly enabled: boolean;
  readonly roleId: number;
}

/**
 * Statuses apply in order: an unknown instance is refused; `changed` is false when it had that status (and role,
 * when one is given) already. `final` holds the state each instance ends in, only for those that change.
 */
export function checkInstanceStatuses(
  items: readonly EnrolInstanceStatus[],
  stateOf: (instanceId: number) => InstanceState | undefined,
): { results: ItemResult<Changed>[]; final: Map<number, InstanceState> } {
  const current = new Map<number, InstanceState>();
  const results = items.map(({ instanceId, enabled, roleId }): ItemResult<Changed> => {
    const before = current.get(instanceId) ?? stateOf(instanceId);
    if (before === undefined) return reject.enrolInstanceNotFound(instanceId);
    const after = { enabled, roleId: roleId ?? before.roleId };
    current.set(instanceId, after);
    return succeeded({ changed: before.enabled !== after.enabled || before.roleId !== after.roleId });
  });
  const changes = (id: number, state: InstanceState) => {
    const was = stateOf(id);
    return was?.enabled !== state.enabled || was.roleId !== state.roleId;
  };
  const final = new Map([...current].filter(([id, state]) => changes(id, state)));
  return { results, final };
}

/** An unknown instance, or one deleted earlier in the call, is refused. */
export function checkInstanceDeletions(ids: readonly number[], exists: (id: number) => boolean): (Rejection | null)[] {
  const deleted = new Set<number>();
  return ids.map((id) => {
    if (deleted.has(id) || !exists(id)) return reject.enrolInstanceNotFound(id);
    deleted.add(id);
    return null;
  });
}

/** A cohort instance as the sync needs it. */
export interface SyncInstance {
  readonly id: number;
  readonly courseId: number;
  readonly enabled: boolean;
  readonly cohortId: number;
  readonly roleId: number;
  readonly groupId: number | null;
}

/** What the cohort sync needs to know about the platform. */
export interface CohortSyncView {
  /** The members (users not deleted) of a cohort. */
  members(cohortId: number): readonly number[];
  /** The user enrolments through an instance: user and whether it is suspended. */
  enrolments(instanceId: number): readonly { readonly userId: number; readonly suspended: boolean }[];
}

/** What the cohort sync writes. */
export interface CohortSyncPlan {
  readonly enrol: readonly { readonly instance: SyncInstance; readonly userId: number }[];
  readonly unenrol: readonly { readonly instanceId: number; readonly userId: number }[];
  readonly suspend: readonly { readonly instanceId: number; readonly userId: number }[];
  readonly reactivate: readonly { readonly instanceId: number; readonly userId: number }[];
}

/**
 * Moodle's enrol_cohort_sync over these instances: through an enabled one, members not enrolled are enrolled,
 * suspended members reactivated and users no longer members unenrolled; through a disabled one, the active
 * enrolments are suspended.
 */
export function planCohortSync(instances: readonly SyncInstance[], view: CohortSyncView): CohortSyncPlan {
  const plan = { enrol: [] as CohortSyncPlan['enrol'][number][], unenrol: [] as { instanceId: number; userId: number }[], suspend: [] as { instanceId: number; userId: number }[], reactivate: [] as { instanceId: number; userId: number }[] };
  for (const instance of instances) {
    const enrolments = view.enrolments(instance.id);
    if (!instance.enabled) {
      for (const enrolment of enrolments) if (!enrolment.suspended) plan.suspend.push({ instanceId: instance.id, userId: enrolment.userId });
      continue;
    }
    const members = new Set(view.members(instance.cohortId));
    const enrolled = new Set(enrolments.map((enrolment) => enrolment.userId));
    for (const userId of [...members].sort((a, b) => a - b)) if (!enrolled.has(userId)) plan.enrol.push({ instance, userId });
    for (const enrolment of enrolments) {
      const item = { instanceId: instance.id, userId: enrolment.userId };
      if (!members.has(enrolment.userId)) plan.unenrol.push(item);
      else if (enrolment.suspended) plan.reactivate.push(item);
    }
  }
  return plan;
}
