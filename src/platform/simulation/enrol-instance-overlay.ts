import { checkCohortInstances, checkInstanceDeletions, checkInstanceStatuses, findCohortInstance, nextSortorder } from '../embedded/enrol-instance-rules.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { Changed, EnrolInstanceStatus, NewCohortInstance } from '../operations.js';
import type { Platform } from '../platform.js';
import type { CohortOverlay } from './cohort-overlay.js';
import type { CourseOverlay } from './course-overlay.js';
import type { EnrolmentOverlay } from './enrolment-overlay.js';
import type { GroupOverlay } from './group-overlay.js';

/**
 * Enrolment instances written during a simulation: cohort instances added (negative ids, listed by
 * findEnrolInstances), statuses changed, instances deleted with their user enrolments. The instances themselves
 * are held by the enrolment overlay, which knows those the simulation has listed or added.
 */
export class EnrolInstanceOverlay {
  readonly #real: Platform;
  readonly #courses: CourseOverlay;
  readonly #cohorts: CohortOverlay;
  readonly #groups: GroupOverlay;
  readonly #enrolments: EnrolmentOverlay;

  constructor(real: Platform, courses: CourseOverlay, cohorts: CohortOverlay, groups: GroupOverlay, enrolments: EnrolmentOverlay) {
    this.#real = real;
    this.#courses = courses;
    this.#cohorts = cohorts;
    this.#groups = groups;
    this.#enrolments = enrolments;
  }

  /** Adds like the platform: an instance of the course with the same cohort and role is answered instead. */
  async addCohortInstances(items: readonly NewCohortInstance[]): Promise<ItemResult<{ id: number; added: boolean }>[]> {
    const courses = await this.#courses.existingIds(items.map((item) => item.courseId));
    const cohorts = await this.#cohorts.existingIds(items.map((item) => item.cohortId));
    const roleIds = [...new Set(items.map((item) => String(item.roleId)))];
    const roles = new Set((await this.#real.run('findRoles', { by: { id: roleIds } })).map((role) => role.id));
    // Listing the courses' instances and groups makes them known to the overlays.
    const instances = await this.#enrolments.findEnrolInstances({ courseIds: [...courses] });
    const groupIds = items.flatMap((item) => (item.groupId ? [item.groupId] : []));
    if (groupIds.length) await this.#groups.findGroups({ courseIds: [...courses], by: { id: groupIds.map(String) } });
    const verdicts = checkCohortInstances(items, {
      courseExists: (id) => courses.has(id),
      cohortExists: (id) => cohorts.has(id),
      roleExists: (id) => roles.has(id),
      courseOfGroup: (id) => this.#groups.courseOf(id),
      instanceFor: (courseId, cohortId, roleId) => findCohortInstance(instances, courseId, cohortId, roleId)?.id,
    });
    const sortorders = new Map<number, number[]>();
    for (const instance of instances) sortorders.set(instance.courseId, [...(sortorders.get(instance.courseId) ?? []), instance.sortorder]);
    const results: ItemResult<{ id: number; added: boolean }>[] = [];
    for (const [index, item] of items.entries()) {
      const verdict = verdicts[index];
      if (verdict && 'ok' in verdict) results.push(verdict);
      else if (verdict && 'id' in verdict) results.push(succeeded({ id: verdict.id, added: false }));
      else if (verdict) {
        const earlier = results[verdict.sameAs];
        results.push(earlier?.ok ? succeeded({ id: earlier.value.id, added: false }) : earlier!);
      } else {
        const sortorder = nextSortorder(sortorders.get(item.courseId) ?? []);
        sortorders.set(item.courseId, [...(sortorders.get(item.courseId) ?? []), sortorder]);
        const instance = {
          courseId: item.courseId,
          enrol: 'cohort',
          enabled: true,
          sortorder,
          roleId: item.roleId,
          cohortId: item.cohortId,
          groupId: item.groupId || null,
        };
        const id = this.#courses.addInstance(instance);
        this.#enrolments.changeInstance({ id, ...instance });
        results.push(succeeded({ id, added: true }));
      }
    }
    return results;
  }

  /** Changes like the platform: an unknown instance refused; the instance as changed is what later reads list. */
  async setEnrolInstancesStatus(items: readonly EnrolInstanceStatus[]): Promise<ItemResult<Changed>[]> {
    const { results, final } = checkInstanceStatuses(items, (id) => this.#enrolments.knownInstance(id));
    for (const [id, state] of final) this.#enrolments.changeInstance({ ...this.#enrolments.knownInstance(id)!, ...state });
    return results;
  }

  /** Deletes like the platform: the users enrolled through the instance are unenrolled, then it goes. */
  async deleteEnrolInstances(ids: readonly number[]): Promise<ItemResult<null>[]> {
    const verdicts = checkInstanceDeletions(ids, (id) => this.#enrolments.knownInstance(id) !== undefined);
    await this.#enrolments.removeInstances(ids.filter((_, index) => !verdicts[index]));
    return verdicts.map((verdict) => verdict ?? succeeded(null));
  }
}
