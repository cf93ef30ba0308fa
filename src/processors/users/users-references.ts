import type { PlatformCourse, PlatformEnrolInstance, PlatformRole } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import type { RowError, UserRow } from './users-row.js';

/** How `courseN` values name courses (`courses_primaryidentity`). */
export type CourseIdentity = 'id' | 'idnumber' | 'shortname';

/** One `courseN` of a row, resolved: what to do in which course. */
export interface ResolvedEnrolment {
  readonly index: number;
  readonly course: PlatformCourse;
  /** The value the row named the course by, for messages. */
  readonly courseLabel: string;
  readonly role: PlatformRole;
  /** Absent: a role in the course without enrolment (the original's role-only mode). */
  readonly instance?: PlatformEnrolInstance;
  readonly group?: string;
  readonly start: number;
  readonly end: number;
}

const STUDENT = 'student';

/**
 * What the users file refers to besides users, looked up once per batch for the values not seen yet and kept
 * for the run: courses, roles and enrolment instances do not change during a users run; cohorts and groups
 * this run creates are added by the writer, so later rows find them.
 */
export class UsersReferences {
  readonly #platform: Platform;
  readonly #courseIdentity: CourseIdentity;
  readonly #courses = new Map<string, PlatformCourse | null>();
  readonly #roles = new Map<string, PlatformRole | null>();
  readonly #instances = new Map<number, readonly PlatformEnrolInstance[]>();
  /** Cohort id by name (null: none yet). */
  readonly cohorts = new Map<string, number | null>();
  /** Group id by `courseId/name` (null: none yet). */
  readonly groups = new Map<string, number | null>();

  constructor(platform: Platform, courseIdentity: CourseIdentity) {
    this.#platform = platform;
    this.#courseIdentity = courseIdentity;
  }

  /** Looks up, in a few calls, what the rows of a batch name and the run does not know yet. */
  async load(rows: readonly UserRow[]): Promise<void> {
    const requests = rows.flatMap((row) => row.enrolments);
    const courseValues = unknown(this.#courses, requests.map((request) => request.course));
    if (courseValues.length) {
      const found = await this.#platform.run('findCourses', { by: { [this.#courseIdentity]: courseValues } });
      for (const value of courseValues) this.#courses.set(value, found.find((course) => String(course[this.#courseIdentity]) === value) ?? null);
    }
    const roleNames = unknown(this.#roles, [STUDENT, ...requests.flatMap((request) => (request.role ? [request.role] : []))]);
    if (roleNames.length) {
      const found = await this.#platform.run('findRoles', { by: { shortname: roleNames } });
      for (const name of roleNames) this.#roles.set(name, found.find((role) => role.shortname === name) ?? null);
    }
    const courseIds = [...new Set([...this.#courses.values()].flatMap((course) => (course && !this.#instances.has(course.id) ? [course.id] : [])))];
    if (courseIds.length) {
      const instances = await this.#platform.run('findEnrolInstances', { courseIds });
      for (const id of courseIds) this.#instances.set(id, instances.filter((instance) => instance.courseId === id));
    }
    await this.#loadCohorts(rows);
    await this.#loadGroups(requests.flatMap((request) => {
      const course = this.#courses.get(request.course);
      return course && request.group ? [{ courseId: course.id, name: request.group }] : [];
    }));
  }

  /** The row's enrolment requests resolved, or the first problem (unknown course, role or method) as a row error. */
  resolve(row: UserRow): ResolvedEnrolment[] | RowError {
    const resolved: ResolvedEnrolment[] = [];
    for (const request of row.enrolments) {
      const { index } = request;
      const course = this.#courses.get(request.course);
      if (!course) {
        return { code: 'USERS_UNKNOWN_COURSE', params: { column: `course${index}`, identity: this.#courseIdentity, value: request.course }, column: `course${index}` };
      }
      if (!request.role && !request.enrol) {
        return {
          code: 'USERS_ENROL_INCOMPLETE',
          params: { column: `course${index}`, course: request.course, role: `role${index}`, enrol: `enrol${index}` },
          column: `course${index}`,
        };
      }
      const role = this.#roles.get(request.role ?? STUDENT);
      if (!role) return { code: 'USERS_UNKNOWN_ROLE', params: { column: `role${index}`, value: request.role ?? STUDENT }, column: `role${index}` };
      let instance: PlatformEnrolInstance | undefined;
      if (request.enrol) {
        // The original takes the first enabled instance of the method, by sortorder (spec 3.8).
        instance = (this.#instances.get(course.id) ?? []).find((candidate) => candidate.enrol === request.enrol && candidate.enabled);
        if (!instance) {
          return { code: 'USERS_UNAVAILABLE_ENROL', params: { column: `enrol${index}`, course: request.course, value: request.enrol }, column: `enrol${index}` };
        }
      }
      resolved.push({
        index,
        course,
        courseLabel: request.course,
        role,
        ...(instance ? { instance } : {}),
        ...(request.group ? { group: request.group } : {}),
        start: request.start,
        end: request.end,
      });
    }
    return resolved;
  }

  async #loadCohorts(rows: readonly UserRow[]): Promise<void> {
    const names = unknown(this.cohorts, rows.flatMap((row) => (row.cohort ? [row.cohort.name] : [])));
    if (!names.length) return;
    const found = await this.#platform.run('findCohorts', { by: { name: names } });
    // Several cohorts may share a name in different contexts: the oldest one is the one meant.
    const sorted = [...found].sort((a, b) => a.id - b.id);
    for (const name of names) this.cohorts.set(name, sorted.find((cohort) => cohort.name === name)?.id ?? null);
  }

  async #loadGroups(wanted: readonly { courseId: number; name: string }[]): Promise<void> {
    const missing = wanted.filter((group) => !this.groups.has(groupKey(group.courseId, group.name)));
    if (!missing.length) return;
    // One lookup for every course: a name found in another course of the batch is told apart by its course.
    const courseIds = [...new Set(missing.map((group) => group.courseId))];
    const found = await this.#platform.run('findGroups', { courseIds, by: { name: [...new Set(missing.map((group) => group.name))] } });
    const first = new Map<string, number>();
    for (const group of found) if (!first.has(groupKey(group.courseId, group.name))) first.set(groupKey(group.courseId, group.name), group.id);
    for (const { courseId, name } of missing) this.groups.set(groupKey(courseId, name), first.get(groupKey(courseId, name)) ?? null);
  }
}

export function groupKey(courseId: number, name: string): string {
  return `${courseId}/${name}`;
}

function unknown<T>(cache: ReadonlyMap<string, T>, values: readonly string[]): string[] {
  return [...new Set(values)].filter((value) => !cache.has(value));
}
