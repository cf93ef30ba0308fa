import {
  lookupKey,
  type PlatformCourse,
  type PlatformGroup,
  type PlatformGrouping,
  type PlatformRole,
  type PlatformUser,
  type UserLookupField,
} from '../platform/operations.js';
import type { Platform } from '../platform/platform.js';

/** Fields a course can be named by in a file (`*_courseidentifier` settings). */
export type CourseField = 'id' | 'idnumber' | 'shortname';
/** Fields a group or grouping can be named by (`groups_groupidentifier`, `groups_groupingidentifier`). */
export type GroupField = 'id' | 'idnumber' | 'name';

/**
 * Courses named by one field, looked up once per value for the whole run: files name a few hundred courses
 * over millions of rows. The run's own writes never change a course, so the cache stays true.
 */
export class CourseLookup {
  readonly #platform: Platform;
  readonly field: CourseField;
  readonly #known = new Map<string, PlatformCourse | null>();

  constructor(platform: Platform, field: CourseField) {
    this.#platform = platform;
    this.field = field;
  }

  /** Looks up, in one call, the values not seen yet. */
  async load(values: readonly string[]): Promise<void> {
    const missing = [...new Set(values.filter((value) => value !== '' && !this.#known.has(value)))];
    if (!missing.length) return;
    const found = await this.#platform.run('findCourses', { by: { [this.field]: missing } });
    for (const value of missing) this.#known.set(value, found.find((course) => String(course[this.field]) === value) ?? null);
  }

  /** The course a loaded value names; null when there is none. */
  get(value: string): PlatformCourse | null {
    return this.#known.get(value) ?? null;
  }
}

/** Roles by shortname or id, looked up once for the run (a site has a dozen roles). */
export class RoleLookup {
  readonly #platform: Platform;
  readonly #known = new Map<string, PlatformRole | null>();
  readonly #byId = new Map<number, PlatformRole>();

  constructor(platform: Platform) {
    this.#platform = platform;
  }

  async load(shortnames: readonly string[]): Promise<void> {
    const missing = [...new Set(shortnames.filter((name) => name !== '' && !this.#known.has(name)))];
    if (!missing.length) return;
    const found = await this.#platform.run('findRoles', { by: { shortname: missing } });
    for (const role of found) this.#byId.set(role.id, role);
    for (const name of missing) this.#known.set(name, found.find((role) => role.shortname === name) ?? null);
  }

  /** Looks up the roles of these ids not known yet (to name the roles found on users). */
  async loadIds(ids: readonly number[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.#byId.has(id));
    if (!missing.length) return;
    for (const role of await this.#platform.run('findRoles', { by: { id: missing.map(String) } })) {
      this.#byId.set(role.id, role);
      this.#known.set(role.shortname, role);
    }
  }

  get(shortname: string): PlatformRole | null {
    return this.#known.get(shortname) ?? null;
  }

  byId(id: number): PlatformRole | undefined {
    return this.#byId.get(id);
  }
}

/** The users a batch names by one field: none, one, or several (an e-mail shared by accounts). */
export class UserMatches {
  readonly field: UserLookupField;
  readonly #byKey = new Map<string, PlatformUser[]>();

  constructor(field: UserLookupField, users: readonly PlatformUser[]) {
    this.field = field;
    for (const user of users) {
      const key = lookupKey(field, String(user[field]));
      this.#byKey.set(key, [...(this.#byKey.get(key) ?? []), user]);
    }
  }

  /** Every active account the value names (usernames and e-mails compare case-insensitively). */
  get(value: string): readonly PlatformUser[] {
    return this.#byKey.get(lookupKey(this.field, value)) ?? [];
  }
}

/** Finds, in one call, the active accounts that a batch's values name by one field (deleted ones never match). */
export async function findUsersBy(platform: Platform, field: UserLookupField, values: readonly string[]): Promise<UserMatches> {
  const asked = [...new Set(values.filter((value) => value !== ''))];
  const users = asked.length ? await platform.run('findUsers', { by: { [field]: asked } }) : [];
  return new UserMatches(field, users);
}

/** Groups or groupings as the run knows them, per course: what the platform held plus what the run changed. */
type Grouped = PlatformGroup | PlatformGrouping;
const NONE: readonly never[] = [];

/**
 * The groups (or groupings) of the courses a run touches, loaded whole once per course and kept up to date
 * by the run's own writes (`remember`, `forget`), so that later rows see groups created by earlier ones.
 * A course holds a few dozen groups: loading them whole is one call and makes every lookup field free.
 */
export class GroupCatalogue<T extends Grouped> {
  readonly #load: (courseIds: readonly number[]) => Promise<readonly T[]>;
  readonly #byCourse = new Map<number, T[]>();

  constructor(load: (courseIds: readonly number[]) => Promise<readonly T[]>) {
    this.#load = load;
  }

  static groups(platform: Platform): GroupCatalogue<PlatformGroup> {
    return new GroupCatalogue((courseIds) => platform.run('findGroups', { courseIds }));
  }

  static groupings(platform: Platform): GroupCatalogue<PlatformGrouping> {
    return new GroupCatalogue((courseIds) => platform.run('findGroupings', { courseIds }));
  }

  /** Loads the courses not loaded yet, in one call. */
  async load(courseIds: readonly number[]): Promise<void> {
    const missing = [...new Set(courseIds)].filter((id) => !this.#byCourse.has(id));
    if (!missing.length) return;
    for (const id of missing) this.#byCourse.set(id, []);
    for (const item of await this.#load(missing)) this.#byCourse.get(item.courseId)?.push(item);
  }

  /** The first (oldest) item of a loaded course whose field equals the value; ids compare as numbers. */
  find(courseId: number, field: GroupField, value: string): T | undefined {
    if (value === '') return undefined;
    // A loop rather than `find` with a closure: asked a few times per row of the enrolment file.
    for (const item of this.#byCourse.get(courseId) ?? NONE) if (String(item[field]) === value) return item;
    return undefined;
  }

  /** Every item of a loaded course. */
  inCourse(courseId: number): readonly T[] {
    return this.#byCourse.get(courseId) ?? [];
  }

  /** Records an item the run created or changed (replacing the one with its id). */
  remember(item: T): void {
    const list = this.#byCourse.get(item.courseId) ?? [];
    const index = list.findIndex((known) => known.id === item.id);
    if (index >= 0) list[index] = item;
    else list.push(item);
    this.#byCourse.set(item.courseId, list);
  }

  /** Records that the run deleted an item. */
  forget(courseId: number, id: number): void {
    const list = this.#byCourse.get(courseId);
    if (list) this.#byCourse.set(courseId, list.filter((item) => item.id !== id));
  }
}
