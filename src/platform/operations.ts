import type { ItemResult } from './item-result.js';

/** Fields a user can be found by (the original's `users_primaryidentity` choices). */
export const USER_LOOKUP_FIELDS = ['id', 'idnumber', 'username', 'email'] as const;
export type UserLookupField = (typeof USER_LOOKUP_FIELDS)[number];

/** Profile fields of a user as Moodle's `user` table holds them. */
export interface UserProfile {
  readonly firstname: string;
  readonly lastname: string;
  readonly email: string;
  readonly idnumber: string;
  readonly auth: string;
  readonly institution: string;
  readonly department: string;
  readonly city: string;
  readonly country: string;
  readonly lang: string;
  readonly timezone: string;
  readonly phone1: string;
  readonly phone2: string;
  readonly address: string;
  readonly url: string;
  readonly description: string;
  readonly mailformat: number;
  readonly maildisplay: number;
  readonly maildigest: number;
  readonly autosubscribe: number;
  readonly trackforums: number;
}

/** A user as the platform holds it. */
export interface PlatformUser extends UserProfile {
  readonly id: number;
  readonly username: string;
  readonly mnethostid: number;
  readonly suspended: boolean;
  readonly deleted: boolean;
}

/** A user to create; profile fields left out take the platform's defaults. */
export interface NewUser extends Partial<UserProfile> {
  readonly username: string;
  /** A password hash, `*NOPASS*`, or absent for no password. */
  readonly password?: string;
  readonly suspended?: boolean;
}

/** A change to an existing user: only the fields given are written. */
export interface UserChange {
  readonly id: number;
  readonly set: Partial<UserProfile> & { readonly username?: string; readonly password?: string; readonly suspended?: boolean };
}

/**
 * Finds the users matching any of the given values, by as many fields as needed in one call; deleted accounts
 * are never returned. Matching is exact except for usernames and e-mails (case-insensitive).
 */
export interface FindUsers {
  readonly by: { readonly [F in UserLookupField]?: readonly string[] };
}

/** A course as the platform holds it. */
export interface PlatformCourse {
  readonly id: number;
  readonly shortname: string;
  readonly fullname: string;
  readonly idnumber: string;
  /** Category id. */
  readonly category: number;
  readonly format: string;
  readonly visible: boolean;
  readonly startdate: number;
  readonly enddate: number;
}

/** A course category; `path` lists the ids from the top down (`/1/4/9`). */
export interface PlatformCategory {
  readonly id: number;
  readonly name: string;
  readonly idnumber: string;
  readonly parent: number;
  readonly path: string;
  readonly visible: boolean;
}

/** A role, known by its shortname (`student`, `editingteacher`…). */
export interface PlatformRole {
  readonly id: number;
  readonly shortname: string;
  readonly name: string;
}

/** A cohort, in the system context or a category's (`categoryId`). */
export interface PlatformCohort {
  readonly id: number;
  readonly name: string;
  readonly idnumber: string;
  readonly description: string;
  /** Category of its context; null for the system context. */
  readonly categoryId: number | null;
}

/** A group of a course. */
export interface PlatformGroup {
  readonly id: number;
  readonly courseId: number;
  readonly name: string;
  readonly idnumber: string;
  readonly description: string;
}

/** Lookup values by field, several fields in one call; what matches one of them is returned once. */
export type FindBy<Field extends string> = { readonly by: { readonly [F in Field]?: readonly string[] } };

/** Input and output of one operation. */
interface Operation<Input, Output> {
  readonly input: Input;
  readonly output: Output;
}

/**
 * Every operation a processor can ask of a platform. Each platform implements them all through a
 * `Record<OperationKind, …>` table, so a new operation does not compile until every platform handles it.
 * Lists in, lists out: writes answer one ItemResult per item, in the order given.
 */
export interface Operations {
  /** Every user matching one of the values, each once, in no particular order. */
  findUsers: Operation<FindUsers, readonly PlatformUser[]>;
  createUsers: Operation<readonly NewUser[], readonly ItemResult<{ readonly id: number }>[]>;
  /** Courses by id, idnumber or shortname (shortnames compare exactly, as Moodle's unique index does). */
  findCourses: Operation<FindBy<'id' | 'idnumber' | 'shortname'>, readonly PlatformCourse[]>;
  /** Categories by id, idnumber or name (a name may match several categories). */
  findCategories: Operation<FindBy<'id' | 'idnumber' | 'name'>, readonly PlatformCategory[]>;
  /** Roles by id or shortname. */
  findRoles: Operation<FindBy<'id' | 'shortname'>, readonly PlatformRole[]>;
  /** Cohorts by id, idnumber or name, in every context. */
  findCohorts: Operation<FindBy<'id' | 'idnumber' | 'name'>, readonly PlatformCohort[]>;
  /** Groups of one course by id, idnumber or name (lookups are always scoped to a course). */
  findGroups: Operation<FindBy<'id' | 'idnumber' | 'name'> & { readonly courseId: number }, readonly PlatformGroup[]>;
  updateUsers: Operation<readonly UserChange[], readonly ItemResult<null>[]>;
}

export type OperationKind = keyof Operations;
export type OperationInput<K extends OperationKind> = Operations[K]['input'];
export type OperationOutput<K extends OperationKind> = Operations[K]['output'];

/** Which operations change the platform (simulate intercepts exactly these). */
export const WRITES: Record<OperationKind, boolean> = {
  findUsers: false,
  createUsers: true,
  findCourses: false,
  findCategories: false,
  findRoles: false,
  findCohorts: false,
  findGroups: false,
  updateUsers: true,
};

/** The form a value is compared in: usernames and e-mails compare case-insensitively. */
export function lookupKey(field: UserLookupField, value: string): string {
  return field === 'username' || field === 'email' ? value.toLowerCase() : value;
}

/** Whether a user matches one of the looked-up values. */
export function matchesLookup(user: PlatformUser, by: FindUsers['by']): boolean {
  return USER_LOOKUP_FIELDS.some((field) => {
    const values = by[field];
    if (!values?.length) return false;
    const key = lookupKey(field, String(user[field]));
    return values.some((value) => lookupKey(field, value) === key);
  });
}
