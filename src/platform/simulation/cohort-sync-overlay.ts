import { planCohortSync, type SyncInstance } from '../embedded/enrol-instance-rules.js';
import type { CohortSyncCounts } from '../operations.js';
import type { CohortOverlay } from './cohort-overlay.js';
import type { EnrolmentOverlay } from './enrolment-overlay.js';
import type { GroupOverlay } from './group-overlay.js';
import type { UserOverlay } from './user-overlay.js';

/**
 * The cohort sync of a simulation: planned with the platform's own rule (planCohortSync) over the instances,
 * cohort members and enrolments as the simulation sees them, then written through the overlays (enrolments with
 * their roles, group memberships, unenrolments, statuses), so later reads see its effects.
 */
export class CohortSyncOverlay {
  readonly #users: UserOverlay;
  readonly #cohorts: CohortOverlay;
  readonly #enrolments: EnrolmentOverlay;
  readonly #groups: GroupOverlay;

  constructor(users: UserOverlay, cohorts: CohortOverlay, enrolments: EnrolmentOverlay, groups: GroupOverlay) {
    this.#users = users;
    this.#cohorts = cohorts;
    this.#enrolments = enrolments;
    this.#groups = groups;
  }

  async syncCohortEnrolments({ courseIds }: { readonly courseIds: readonly number[] }): Promise<CohortSyncCounts> {
    const instances: SyncInstance[] = (await this.#enrolments.findEnrolInstances({ courseIds, enrol: 'cohort' })).flatMap((instance) =>
      instance.cohortId === null ? [] : [{ ...instance, cohortId: instance.cohortId }],
    );
    const enabledCohorts = instances.filter((instance) => instance.enabled).map((instance) => instance.cohortId);
    const members = enabledCohorts.length ? await this.#cohorts.findCohortMembers({ cohortIds: enabledCohorts }) : [];
    const active = await this.#users.activeIds(members.map((member) => member.userId));
    const membersOf = new Map<number, number[]>();
    for (const { cohortId, userId } of members) if (active.has(userId)) membersOf.set(cohortId, [...(membersOf.get(cohortId) ?? []), userId]);
    const enrolments = instances.length ? await this.#enrolments.findEnrolments({ instanceIds: instances.map((instance) => instance.id) }) : [];
    const enrolmentsOf = new Map<number, { userId: number; suspended: boolean }[]>();
    for (const { instanceId, userId, suspended } of enrolments) enrolmentsOf.set(instanceId, [...(enrolmentsOf.get(instanceId) ?? []), { userId, suspended }]);
    const plan = planCohortSync(instances, { members: (id) => membersOf.get(id) ?? [], enrolments: (id) => enrolmentsOf.get(id) ?? [] });

    const enrolled = plan.enrol.length
      ? await this.#enrolments.enrolUsers(plan.enrol.map(({ instance, userId }) => ({ instanceId: instance.id, userId, roleId: instance.roleId, timestart: 0, timeend: 0 })))
      : [];
    const grouped = plan.enrol.filter(({ instance }, index) => enrolled[index]!.ok && instance.groupId !== null);
    if (grouped.length) {
      // Listing the courses' groups makes them known; a group of another course gets no member, as on the platform.
      await this.#groups.findGroups({ courseIds: [...new Set(grouped.map(({ instance }) => instance.courseId))] });
      await this.#groups.addGroupMembers(
        grouped
          .filter(({ instance }) => this.#groups.courseOf(instance.groupId!) === instance.courseId)
          .map(({ instance, userId }) => ({ groupId: instance.groupId!, userId, component: 'enrol_cohort' })),
      );
    }
    const unenrolled = plan.unenrol.length ? await this.#enrolments.unenrolUsers(plan.unenrol) : [];
    const statuses = [
      ...plan.suspend.map((item) => ({ ...item, suspended: true })),
      ...plan.reactivate.map((item) => ({ ...item, suspended: false })),
    ];
    if (statuses.length) await this.#enrolments.updateEnrolments(statuses);
    return {
      enrolled: enrolled.filter((result) => result.ok).length,
      unenrolled: unenrolled.filter((result) => result.ok && result.value.removed).length,
      suspended: plan.suspend.length,
      reactivated: plan.reactivate.length,
    };
  }
}
