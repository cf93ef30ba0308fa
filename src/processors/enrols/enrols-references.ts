import type { PlatformCourse, PlatformEnrolInstance, PlatformRole, UserLookupField } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import { CourseLookup, RoleLookup, type CourseField } from '../lookups.js';
import type { EnrolRow, RowError } from './enrols-row.js';
import { RunUsers, type EnrolUser } from './enrols-users.js';

/** A row with its user, course, role and enrolment instance found. */
export interface ResolvedRow extends EnrolRow {
  readonly user: EnrolUser;
  readonly course: PlatformCourse;
  /** Null when the command needs none (del, enable, disable) or, for del in role mode, means "every role". */
  readonly roleRecord: PlatformRole | null;
  /** The method's instance; absent in role mode. */
  readonly instance?: PlatformEnrolInstance;
}

export interface ReferencesPolicy {
  readonly courseField: CourseField;
  readonly userField: UserLookupField;
  /** `enrols_enableenrolondisabled`: disabled instances may be used too. */
  readonly useDisabledInstances: boolean;
}

/**
 * What the rows of a run name: courses, roles and enrolment instances are looked up once for the run (a file
 * names a few hundred courses over a million rows; the run never changes them), users once each (see RunUsers).
 */
export class EnrolsReferences {
  readonly #platform: Platform;
  readonly #policy: ReferencesPolicy;
  readonly #courses: CourseLookup;
  readonly #roles: RoleLookup;
  readonly #instances = new Map<number, readonly PlatformEnrolInstance[]>();
  readonly #users: RunUsers;

  constructor(platform: Platform, policy: ReferencesPolicy) {
    this.#platform = platform;
    this.#policy = policy;
    this.#courses = new CourseLookup(platform, policy.courseField);
    this.#roles = new RoleLookup(platform);
    this.#users = new RunUsers(platform, policy.userField);
  }

  get roles(): RoleLookup {
    return this.#roles;
  }

  /** Looks up, in a few calls, what a batch's rows name. */
  async load(rows: readonly EnrolRow[]): Promise<void> {
    await this.#users.load(rows.map((row) => row.uid));
    await this.#courses.load(rows.map((row) => row.cid));
    await this.#roles.load(rows.map((row) => row.role));
    const courseIds = [...new Set(rows.flatMap((row) => this.#courses.get(row.cid)?.id ?? []))].filter((id) => !this.#instances.has(id));
    if (courseIds.length) {
      const instances = await this.#platform.run('findEnrolInstances', { courseIds });
      for (const id of courseIds) this.#instances.set(id, instances.filter((instance) => instance.courseId === id));
    }
  }

  /** The row's entities, or the first problem in the original's order: user, course, role, method. */
  resolve(row: EnrolRow): ResolvedRow | RowError {
    const { userField, courseField } = this.#policy;
    if (!row.uid) return { code: 'ENROLS_NO_USER_ID', params: {}, column: 'uid' };
    const users = this.#users.get(row.uid);
    if (!users.length) return { code: 'ENROLS_NO_SUCH_USER', params: { ...about(row), field: userField }, column: 'uid' };
    if (users.length > 1) return { code: 'ENROLS_AMBIGUOUS_USER', params: { count: users.length, field: userField, user: row.uid }, column: 'uid' };
    if (!row.cid) return { code: 'ENROLS_NO_COURSE_ID', params: {}, column: 'cid' };
    const course = this.#courses.get(row.cid);
    if (!course) return { code: 'ENROLS_NO_SUCH_COURSE', params: { ...about(row), field: courseField }, column: 'cid' };
    const role = this.#role(row);
    if ('code' in role) return role;
    if (row.enrol === undefined) return resolvedRow(row, users[0]!, course, role.record, undefined);
    if (row.enrol === 'sync') return { code: 'ENROLS_SYNC_METHOD', params: {}, column: 'enrol' };
    // The first instance of the method by sortorder, as the original (spec 6.3).
    const instance = this.#instance(course.id, row.enrol);
    if (!instance) return { code: 'ENROLS_METHOD_UNAVAILABLE', params: { enrol: row.enrol, course: row.cid }, column: 'enrol' };
    return resolvedRow(row, users[0]!, course, role.record, instance);
  }

  /** The first usable instance of the method in the course (a loop: a closure per row cost more than the search). */
  #instance(courseId: number, enrol: string): PlatformEnrolInstance | undefined {
    for (const candidate of this.#instances.get(courseId) ?? []) {
      if (candidate.enrol === enrol && (candidate.enabled || this.#policy.useDisabledInstances)) return candidate;
    }
    return undefined;
  }

  /** Instances of a course the run may use (enable/disable in role mode acts on the user's enrolments in them). */
  usableInstances(courseId: number): readonly PlatformEnrolInstance[] {
    return (this.#instances.get(courseId) ?? []).filter((instance) => instance.enabled || this.#policy.useDisabledInstances);
  }

  /**
   * add and shift need a role that exists. del in role mode removes one role, or every role given by hand
   * when the value is empty or `*`; a role name that does not exist is an error, never "every role" (the
   * original removed every role on a typo). Other commands ignore the column.
   */
  #role(row: EnrolRow): { record: PlatformRole | null } | RowError {
    const needsRole = row.cmd === 'add' || row.cmd === 'shift';
    const namesRole = needsRole || (row.cmd === 'del' && row.enrol === undefined);
    if (!namesRole) return { record: null };
    if (!row.role || row.role === '*') {
      return needsRole ? { code: 'ENROLS_ROLE_REQUIRED', params: { cmd: row.cmd }, column: 'rolename' } : { record: null };
    }
    const record = this.#roles.get(row.role);
    return record ? { record } : { code: 'ENROLS_UNKNOWN_ROLE', params: { role: row.role }, column: 'rolename' };
  }
}

/** What a missing user's or course's message names; built only for those rows. */
function about(row: EnrolRow): Record<string, string> {
  return { cmd: row.cmd, role: row.role, user: row.uid, course: row.cid };
}

/** Written out rather than spread: a million rows go through here, and a literal of fixed shape is cheap. */
function resolvedRow(
  row: EnrolRow,
  user: EnrolUser,
  course: PlatformCourse,
  roleRecord: PlatformRole | null,
  instance: PlatformEnrolInstance | undefined,
): ResolvedRow {
  return {
    row: row.row,
    cmd: row.cmd,
    role: row.role,
    cid: row.cid,
    uid: row.uid,
    enrol: row.enrol,
    start: row.start,
    end: row.end,
    gcmd: row.gcmd,
    groups: row.groups,
    user,
    course,
    roleRecord,
    instance,
  };
}
