import type { PlatformCohort, PlatformCourse, PlatformRole } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import { CourseLookup, RoleLookup, type CourseField } from '../lookups.js';
import { ALL_ROLES, DEFAULT_ROLE } from './cohort-bindings-columns.js';
import type { BindingError, BindingRow } from './cohort-bindings-row.js';

/** Fields a cohort can be named by (`cohorts_cohortidentifier`). */
export type CohortField = 'id' | 'idnumber' | 'name';
/** Fields a role can be named by (`cohorts_roleidentifier`). */
export type RoleField = 'id' | 'shortname';

/** A row with its cohort, course and role found; `role` null means every role (`*`). */
export interface ResolvedBinding extends BindingRow {
  readonly cohortRecord: PlatformCohort;
  readonly courseRecord: PlatformCourse;
  readonly roleRecord: PlatformRole | null;
}

/**
 * Cohorts by one field, looked up once per value for the run (a binding file names a few cohorts); several
 * cohorts may share a name or an idnumber, so a value keeps all it names.
 */
class CohortLookup {
  readonly #platform: Platform;
  readonly field: CohortField;
  readonly #known = new Map<string, PlatformCohort[]>();

  constructor(platform: Platform, field: CohortField) {
    this.#platform = platform;
    this.field = field;
  }

  async load(values: readonly string[]): Promise<void> {
    const missing = [...new Set(values.filter((value) => value !== '' && !this.#known.has(value)))];
    if (!missing.length) return;
    const found = await this.#platform.run('findCohorts', { by: { [this.field]: missing } });
    for (const value of missing) this.#known.set(value, found.filter((cohort) => String(cohort[this.field]) === value));
  }

  get(value: string): readonly PlatformCohort[] {
    return this.#known.get(value) ?? [];
  }
}

/** The cohorts, courses and roles the rows name, per the `cohorts_*identifier` settings. */
export class BindingReferences {
  readonly cohorts: CohortLookup;
  readonly courses: CourseLookup;
  readonly roles: RoleLookup;
  readonly #roleField: RoleField;

  constructor(platform: Platform, fields: { cohort: CohortField; course: CourseField; role: RoleField }) {
    this.cohorts = new CohortLookup(platform, fields.cohort);
    this.courses = new CourseLookup(platform, fields.course);
    this.roles = new RoleLookup(platform);
    this.#roleField = fields.role;
  }

  /** Looks up, in one call per entity, what the rows name and the run has not seen yet. */
  async load(rows: readonly BindingRow[]): Promise<void> {
    await this.cohorts.load(rows.map((row) => row.cohort));
    await this.courses.load(rows.map((row) => row.course));
    const named = rows.map((row) => row.role).filter((role) => role !== '' && role !== ALL_ROLES);
    if (this.#roleField === 'id') {
      await this.roles.loadIds(named.map(Number).filter(Number.isSafeInteger));
      if (rows.some((row) => row.role === '')) await this.roles.load([DEFAULT_ROLE]);
    } else {
      await this.roles.load([...named, ...(rows.some((row) => row.role === '') ? [DEFAULT_ROLE] : [])]);
    }
  }

  /** The row's entities, or the row error naming what is missing. */
  resolve(row: BindingRow): ResolvedBinding | BindingError {
    const cohorts = this.cohorts.get(row.cohort);
    const cohortParams = { cohort: row.cohort, field: this.cohorts.field };
    if (!cohorts.length) return { code: 'COHORTBINDINGS_NO_SUCH_COHORT', params: cohortParams, column: 'cohort' };
    if (cohorts.length > 1) return { code: 'COHORTBINDINGS_AMBIGUOUS_COHORT', params: { ...cohortParams, count: cohorts.length }, column: 'cohort' };
    const course = this.courses.get(row.course);
    if (!course) return { code: 'COHORTBINDINGS_NO_SUCH_COURSE', params: { course: row.course, field: this.courses.field }, column: 'course' };
    let role: PlatformRole | null = null;
    if (row.role !== ALL_ROLES) {
      const found = row.role === '' ? this.roles.get(DEFAULT_ROLE) : this.#roleField === 'id' ? this.#roleById(row.role) : this.roles.get(row.role);
      const field = row.role === '' ? 'shortname' : this.#roleField;
      if (!found) return { code: 'COHORTBINDINGS_NO_SUCH_ROLE', params: { role: row.role || DEFAULT_ROLE, field }, column: 'role' };
      role = found;
    }
    return { ...row, cohortRecord: cohorts[0]!, courseRecord: course, roleRecord: role };
  }

  #roleById(value: string): PlatformRole | null {
    const id = Number(value);
    return /^\d+$/.test(value) && Number.isSafeInteger(id) ? (this.roles.byId(id) ?? null) : null;
  }
}
