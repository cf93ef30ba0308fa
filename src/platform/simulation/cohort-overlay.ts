import { checkCohortMembers, checkNewCohorts } from '../embedded/cohort-rules.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { Added, CohortMember, FindBy, NewCohort, PlatformCohort } from '../operations.js';
import type { Platform } from '../platform.js';
import { matchesFindBy } from './find-by.js';
import type { UserOverlay } from './user-overlay.js';

/** Cohorts created during a simulation (negative ids) and the memberships added. */
export class CohortOverlay {
  readonly #real: Platform;
  readonly #users: UserOverlay;
  readonly #created: PlatformCohort[] = [];
  readonly #members = new Set<string>();

  constructor(real: Platform, users: UserOverlay) {
    this.#real = real;
    this.#users = users;
  }

  async findCohorts(input: FindBy<'id' | 'idnumber' | 'name'>): Promise<PlatformCohort[]> {
    const real = await this.#real.run('findCohorts', input);
    return [...real, ...this.#created.filter((cohort) => matchesFindBy(cohort, input.by))];
  }

  async createCohorts(cohorts: readonly NewCohort[]): Promise<ItemResult<{ id: number }>[]> {
    const categoryIds = cohorts.flatMap((cohort) => (cohort.categoryId ? [String(cohort.categoryId)] : []));
    const categories = new Set(categoryIds.length ? (await this.#real.run('findCategories', { by: { id: categoryIds } })).map((category) => category.id) : []);
    const idnumbers = cohorts.flatMap((cohort) => (cohort.idnumber ? [cohort.idnumber] : []));
    const taken = new Set((await this.findCohorts({ by: { idnumber: idnumbers } })).map((cohort) => cohort.idnumber));
    const verdicts = checkNewCohorts(cohorts, { categoryExists: (id) => categories.has(id), idnumberTaken: (idnumber) => taken.has(idnumber) });
    return cohorts.map((cohort, index) => {
      const verdict = verdicts[index];
      if (verdict) return verdict;
      const id = -(this.#created.length + 1);
      this.#created.push({
        id,
        name: cohort.name,
        idnumber: cohort.idnumber ?? '',
        description: cohort.description ?? '',
        categoryId: cohort.categoryId || null,
      });
      return succeeded({ id });
    });
  }

  /** Real memberships (of users not deleted here) and those added here. */
  async findCohortMembers(input: { readonly cohortIds: readonly number[]; readonly userIds: readonly number[] }): Promise<CohortMember[]> {
    const real = (await this.#real.run('findCohortMembers', input)).filter((member) => !this.#users.isDeleted(member.userId));
    const cohorts = new Set(input.cohortIds);
    const users = new Set(input.userIds);
    const keys = new Set(real.map((member) => `${member.cohortId}:${member.userId}`));
    const added = [...this.#members]
      .filter((key) => !keys.has(key))
      .map((key) => key.split(':').map(Number) as [number, number])
      .filter(([cohortId, userId]) => cohorts.has(cohortId) && users.has(userId) && !this.#users.isDeleted(userId))
      .map(([cohortId, userId]) => ({ cohortId, userId }));
    return [...real, ...added];
  }

  /** Adds like the platform: a membership already there, real or simulated, answers `added` false. */
  async addCohortMembers(members: readonly CohortMember[]): Promise<ItemResult<Added>[]> {
    const cohortIds = members.map((member) => String(member.cohortId));
    const cohorts = new Set(cohortIds.length ? (await this.findCohorts({ by: { id: cohortIds } })).map((cohort) => cohort.id) : []);
    const users = await this.#users.activeIds(members.map((member) => member.userId));
    const existing = await this.findCohortMembers({ cohortIds: members.map((member) => member.cohortId), userIds: members.map((member) => member.userId) });
    const held = new Set(existing.map((member) => `${member.cohortId}:${member.userId}`));
    const results = checkCohortMembers(members, {
      cohortExists: (id) => cohorts.has(id),
      userExists: (id) => users.has(id),
      isMember: (cohortId, userId) => held.has(`${cohortId}:${userId}`),
    });
    members.forEach(({ cohortId, userId }, index) => {
      if (!results[index]!.ok) return;
      this.#members.add(`${cohortId}:${userId}`);
      held.add(`${cohortId}:${userId}`);
    });
    return results;
  }
}
