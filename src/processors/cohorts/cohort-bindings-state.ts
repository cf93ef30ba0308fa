import type { PlatformEnrolInstance } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';

/**
 * The `cohort` enrolment instances of the courses a run touches, loaded once per course and kept up to date by
 * the run's own writes, so that a row sees what earlier rows of the file did (add then del of one binding).
 */
export class CohortInstances {
  readonly #platform: Platform;
  readonly #byCourse = new Map<number, PlatformEnrolInstance[]>();

  constructor(platform: Platform) {
    this.#platform = platform;
  }

  /** Loads the courses not loaded yet, in one call. */
  async load(courseIds: readonly number[]): Promise<void> {
    const missing = [...new Set(courseIds)].filter((id) => !this.#byCourse.has(id));
    if (!missing.length) return;
    for (const id of missing) this.#byCourse.set(id, []);
    for (const instance of await this.#platform.run('findEnrolInstances', { courseIds: missing, enrol: 'cohort' })) {
      this.#byCourse.get(instance.courseId)?.push(instance);
    }
  }

  /** The instances binding the cohort to the course, with the role or (null) with any role, in sort order. */
  matching(courseId: number, cohortId: number, roleId: number | null): readonly PlatformEnrolInstance[] {
    return (this.#byCourse.get(courseId) ?? [])
      .filter((instance) => instance.cohortId === cohortId && (roleId === null || instance.roleId === roleId))
      .sort((a, b) => a.sortorder - b.sortorder || a.id - b.id);
  }

  /** Every loaded instance's role id (to name the roles of `*` rows). */
  roleIds(): number[] {
    return [...this.#byCourse.values()].flat().map((instance) => instance.roleId);
  }

  remember(instance: PlatformEnrolInstance): void {
    const list = (this.#byCourse.get(instance.courseId) ?? []).filter((known) => known.id !== instance.id);
    this.#byCourse.set(instance.courseId, [...list, instance]);
  }

  setEnabled(instance: PlatformEnrolInstance, enabled: boolean): void {
    this.remember({ ...instance, enabled });
  }

  forget(instance: PlatformEnrolInstance): void {
    const list = this.#byCourse.get(instance.courseId);
    if (list) this.#byCourse.set(instance.courseId, list.filter((known) => known.id !== instance.id));
  }
}
