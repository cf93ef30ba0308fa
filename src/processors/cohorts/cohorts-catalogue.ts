import type { PlatformCategory, PlatformCohort } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import type { CohortField } from './cohorts-columns.js';

const NUMERIC = /^\d+$/;

/**
 * The cohorts a run names, by id, idnumber or name, looked up once per value and kept up to date by the run's
 * own writes (`remember`, `forget`), so that later rows see what earlier rows created, renamed or deleted.
 */
export class CohortCatalogue {
  readonly #platform: Platform;
  readonly #asked: Record<CohortField, Set<string>> = { id: new Set(), idnumber: new Set(), name: new Set() };
  readonly #cohorts = new Map<number, PlatformCohort>();
  /** The known cohorts by each field's value: a row finds its cohort without scanning them all. */
  readonly #index: Record<CohortField, Map<string, PlatformCohort[]>> = { id: new Map(), idnumber: new Map(), name: new Map() };

  constructor(platform: Platform) {
    this.#platform = platform;
  }

  /** Looks up, in one call, the values not asked yet (ids that are not numbers name no cohort). */
  async load(wanted: Partial<Record<CohortField, readonly string[]>>): Promise<void> {
    const by: Partial<Record<CohortField, string[]>> = {};
    for (const [field, values] of Object.entries(wanted) as [CohortField, readonly string[]][]) {
      const missing = [...new Set(values)].filter((value) => value !== '' && !this.#asked[field].has(value));
      for (const value of missing) this.#asked[field].add(value);
      const asked = field === 'id' ? missing.filter((value) => NUMERIC.test(value)) : missing;
      if (asked.length) by[field] = asked;
    }
    if (!Object.keys(by).length) return;
    for (const cohort of await this.#platform.run('findCohorts', { by })) this.remember(cohort);
  }

  /** The cohort a loaded value names; of several (a shared name), the oldest. */
  find(field: CohortField, value: string): PlatformCohort | undefined {
    if (value === '') return undefined;
    let found: PlatformCohort | undefined;
    for (const cohort of this.#index[field].get(value) ?? []) if (!found || cohort.id < found.id) found = cohort;
    return found;
  }

  /** Records a cohort the run created or changed. */
  remember(cohort: PlatformCohort): void {
    this.forget(cohort.id);
    this.#cohorts.set(cohort.id, cohort);
    for (const field of FIELDS) {
      const key = String(cohort[field]);
      this.#index[field].set(key, [...(this.#index[field].get(key) ?? []), cohort]);
    }
  }

  /** Records that the run deleted a cohort. */
  forget(id: number): void {
    const known = this.#cohorts.get(id);
    if (!known) return;
    this.#cohorts.delete(id);
    for (const field of FIELDS) {
      const key = String(known[field]);
      const rest = (this.#index[field].get(key) ?? []).filter((cohort) => cohort.id !== id);
      if (rest.length) this.#index[field].set(key, rest);
      else this.#index[field].delete(key);
    }
  }
}

const FIELDS: readonly CohortField[] = ['id', 'idnumber', 'name'];

/** Categories by id (`ccatcontext`) or idnumber (`ccatcontextidnumber`), looked up once per value for the run. */
export class CategoryLookup {
  readonly #platform: Platform;
  readonly #known = new Map<string, PlatformCategory | null>();

  constructor(platform: Platform) {
    this.#platform = platform;
  }

  async load(wanted: { readonly id: readonly string[]; readonly idnumber: readonly string[] }): Promise<void> {
    const ids = [...new Set(wanted.id)].filter((value) => !this.#known.has(`id:${value}`));
    const idnumbers = [...new Set(wanted.idnumber)].filter((value) => value !== '' && !this.#known.has(`idnumber:${value}`));
    const numeric = ids.filter((value) => NUMERIC.test(value));
    const found = numeric.length || idnumbers.length
      ? await this.#platform.run('findCategories', { by: { ...(numeric.length ? { id: numeric } : {}), ...(idnumbers.length ? { idnumber: idnumbers } : {}) } })
      : [];
    for (const value of ids) this.#known.set(`id:${value}`, found.find((category) => String(category.id) === value) ?? null);
    for (const value of idnumbers) this.#known.set(`idnumber:${value}`, found.find((category) => category.idnumber === value) ?? null);
  }

  get(field: 'id' | 'idnumber', value: string): PlatformCategory | null {
    return this.#known.get(`${field}:${value}`) ?? null;
  }
}
