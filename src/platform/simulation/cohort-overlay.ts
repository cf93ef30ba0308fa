import { checkCohortChanges, checkCohortDeletions, checkCohortMemberRemovals, checkCohortMembers, checkNewCohorts, type CohortMemberView } from '../embedded/cohort-rules.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { Added, Changed, CohortChange, CohortMember, FindBy, NewCohort, PlatformCohort, Removed } from '../operations.js';
import type { Platform } from '../platform.js';
import { compareSimulatedIds, matchesFindBy } from './find-by.js';
import type { UserOverlay } from './user-overlay.js';

/** What deleting a cohort needs of the enrolment overlay (wired by SimulatedPlatform): its instances go. */
export interface CohortInstanceCleanup {
  removeCohortInstances(cohortIds: readonly number[]): Promise<void>;
}

/**
 * Cohorts written during a simulation: created (negative ids), changed, deleted (real ones are hidden), and the
 * memberships added or removed. Deleting a cohort removes the `cohort` instances bound to it that the simulation
 * knows (those it has listed or added: the port finds instances by course only).
 */
export class CohortOverlay {
  readonly #real: Platform;
  readonly #users: UserOverlay;
  readonly #instances: CohortInstanceCleanup;
  readonly #created: PlatformCohort[] = [];
  /** Real cohorts as changed here, by id. */
  readonly #changed = new Map<number, PlatformCohort>();
  readonly #deleted = new Set<number>();
  /** Memberships added here, by `cohort:user`. */
  readonly #members = new Set<string>();
  /** Memberships removed here (real ones are hidden), by `cohort:user`. */
  readonly #removed = new Set<string>();

  constructor(real: Platform, users: UserOverlay, instances: CohortInstanceCleanup) {
    this.#real = real;
    this.#users = users;
    this.#instances = instances;
  }

  /** Real cohorts as changed here and those created here, that match now and are not deleted; in id order. */
  async findCohorts(input: FindBy<'id' | 'idnumber' | 'name'>): Promise<PlatformCohort[]> {
    const found = new Map<number, PlatformCohort>();
    for (const cohort of await this.#real.run('findCohorts', input)) found.set(cohort.id, this.#changed.get(cohort.id) ?? cohort);
    for (const cohort of [...this.#changed.values(), ...this.#created]) found.set(cohort.id, cohort);
    return [...found.values()].filter((cohort) => !this.#deleted.has(cohort.id) && matchesFindBy(cohort, input.by)).sort(compareSimulatedIds);
  }

  /** The ids, among these, of cohorts that exist in the simulation. */
  async existingIds(ids: readonly number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    return new Set((await this.findCohorts({ by: { id: [...new Set(ids)].map(String) } })).map((cohort) => cohort.id));
  }

  /** Changes like the platform: only the fields given; an idnumber held by another cohort refused. */
  async updateCohorts(changes: readonly CohortChange[]): Promise<ItemResult<Changed>[]> {
    const cohorts = new Map((await this.findCohorts({ by: { id: changes.map((change) => String(change.id)) } })).map((cohort) => [cohort.id, cohort]));
    const categoryIds = changes.flatMap((change) => (change.categoryId ? [String(change.categoryId)] : []));
    const categories = new Set(categoryIds.length ? (await this.#real.run('findCategories', { by: { id: categoryIds } })).map((category) => category.id) : []);
    const owners = new Map<string, number[]>();
    const idnumbers = changes.flatMap((change) => (change.idnumber ? [change.idnumber] : []));
    for (const cohort of await this.findCohorts({ by: { idnumber: idnumbers } })) owners.set(cohort.idnumber, [...(owners.get(cohort.idnumber) ?? []), cohort.id]);
    const { results, final } = checkCohortChanges(changes, {
      cohort: (id) => cohorts.get(id),
      categoryExists: (id) => categories.has(id),
      idnumberOwners: (idnumber) => owners.get(idnumber) ?? [],
    });
    for (const cohort of final.values()) {
      const created = this.#created.findIndex((held) => held.id === cohort.id);
      if (created >= 0) this.#created[created] = cohort;
      else this.#changed.set(cohort.id, cohort);
    }
    return results;
  }

  /** Deletes like the platform: the cohort's known instances go (their users unenrolled), then its members and itself. */
  async deleteCohorts(ids: readonly number[]): Promise<ItemResult<null>[]> {
    const existing = await this.existingIds(ids);
    const verdicts = checkCohortDeletions(ids, (id) => existing.has(id));
    const deleted = ids.filter((_, index) => !verdicts[index]);
    await this.#instances.removeCohortInstances(deleted);
    for (const id of deleted) this.#deleted.add(id);
    return verdicts.map((verdict) => verdict ?? succeeded(null));
  }

  /** Removes like the platform: not a member (real or simulated) answers `removed` false. */
  async removeCohortMembers(members: readonly CohortMember[]): Promise<ItemResult<Removed>[]> {
    const results = checkCohortMemberRemovals(members, await this.#memberView(members));
    members.forEach(({ cohortId, userId }, index) => {
      const result = results[index]!;
      if (!result.ok || !result.value.removed) return;
      this.#members.delete(`${cohortId}:${userId}`);
      this.#removed.add(`${cohortId}:${userId}`);
    });
    return results;
  }

  async #memberView(members: readonly CohortMember[]): Promise<CohortMemberView & { held: Set<string> }> {
    const cohorts = await this.existingIds(members.map((member) => member.cohortId));
    const users = await this.#users.activeIds(members.map((member) => member.userId));
    const existing = await this.findCohortMembers({ cohortIds: members.map((member) => member.cohortId), userIds: members.map((member) => member.userId) });
    const held = new Set(existing.map((member) => `${member.cohortId}:${member.userId}`));
    return {
      held,
      cohortExists: (id) => cohorts.has(id),
      userExists: (id) => users.has(id),
      isMember: (cohortId, userId) => held.has(`${cohortId}:${userId}`),
    };
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

  /**
   * Real memberships (not removed here, of users and cohorts not deleted here) and those added here: of the users
   * given, or every member of the cohorts when `userIds` is absent.
   */
  async findCohortMembers(input: { readonly cohortIds: readonly number[]; readonly userIds?: readonly number[] }): Promise<CohortMember[]> {
    const live = ({ cohortId, userId }: CohortMember) => !this.#users.isDeleted(userId) && !this.#deleted.has(cohortId);
    const real = (await this.#real.run('findCohortMembers', input)).filter((member) => live(member) && !this.#removed.has(`${member.cohortId}:${member.userId}`));
    const cohorts = new Set(input.cohortIds);
    const users = input.userIds && new Set(input.userIds);
    const keys = new Set(real.map((member) => `${member.cohortId}:${member.userId}`));
    const added = [...this.#members]
      .filter((key) => !keys.has(key))
      .map((key) => key.split(':').map(Number) as [number, number])
      .map(([cohortId, userId]) => ({ cohortId, userId }))
      .filter((member) => cohorts.has(member.cohortId) && (!users || users.has(member.userId)) && live(member));
    return [...real, ...added];
  }

  /** Adds like the platform: a membership already there, real or simulated, answers `added` false. */
  async addCohortMembers(members: readonly CohortMember[]): Promise<ItemResult<Added>[]> {
    const view = await this.#memberView(members);
    const results = checkCohortMembers(members, view);
    members.forEach(({ cohortId, userId }, index) => {
      if (!results[index]!.ok) return;
      this.#members.add(`${cohortId}:${userId}`);
      this.#removed.delete(`${cohortId}:${userId}`);
      view.held.add(`${cohortId}:${userId}`);
    });
    return results;
  }
}
