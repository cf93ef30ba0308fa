import type { CourseSettings } from './course-record.js';

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

/** Values of custom profile fields by field shortname (`profile_field_dept` → `dept`). */
export type CustomFieldValues = Readonly<Record<string, string>>;

/** The password `*NOPASS*`: stored as is, it lets nobody log in with the internal authentication. */
export const NO_PASSWORD = '*NOPASS*';

/** A user to create; profile fields left out take the platform's defaults. */
export interface NewUser extends Partial<UserProfile> {
  readonly username: string;
  /**
   * The password in clear, hashed by the platform as Moodle does (SHA-512 crypt); `*NOPASS*` is stored as is;
   * absent for no password.
   */
  readonly password?: string;
  readonly suspended?: boolean;
  readonly customFields?: CustomFieldValues;
  /** User preferences to set, such as `auth_forcepasswordchange` = `1`. */
  readonly preferences?: Readonly<Record<string, string>>;
}

/** A change to an existing user: only the fields given are written. */
export interface UserChange {
  readonly id: number;
  readonly set: Partial<UserProfile> & {
    readonly username?: string;
    /** In clear, hashed by the platform; `*NOPASS*` stored as is. */
    readonly password?: string;
    readonly suspended?: boolean;
    /** Only the fields given; other custom fields keep their values. */
    readonly customFields?: CustomFieldValues;
    readonly preferences?: Readonly<Record<string, string>>;
  };
}

/** A user to check a clear password against. */
export interface PasswordCheck {
  readonly id: number;
  readonly password: string;
}

/** A custom user profile field. */
export interface PlatformProfileField {
  readonly id: number;
  readonly shortname: string;
  readonly name: string;
  /** Moodle's datatype: `text`, `menu`, `checkbox`, `datetime`, `textarea`. */
  readonly datatype: string;
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

/** A course to create; Moodle gives every new course a manual enrolment instance, and so does the embedded store. */
export interface NewCourse {
  readonly fullname: string;
  readonly shortname: string;
  readonly categoryId: number;
  readonly idnumber?: string;
  readonly summary?: string;
  readonly format?: string;
  readonly visible?: boolean;
  readonly startdate?: number;
  readonly enddate?: number;
  /** Further settings of the course (those of the creation file: showgrades, newsitems, lang…). */
  readonly settings?: CourseSettings;
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


/** A cohort to create: in the system context unless a category is given. */
export interface NewCohort {
  readonly name: string;
  readonly idnumber?: string;
  readonly description?: string;
  readonly categoryId?: number | null;
  /** The plugin that owns the cohort (`auth_ldap`…); empty for cohorts managed by hand. */
  readonly component?: string;
}

/** A change to an existing cohort: only the fields given are written. */
export interface CohortChange {
  readonly id: number;
  readonly name?: string;
  readonly idnumber?: string;
  readonly description?: string;
  /** Category of its context; null moves it to the system context. */
  readonly categoryId?: number | null;
}

/** Membership of a user in a cohort. */
export interface CohortMember {
  readonly cohortId: number;
  readonly userId: number;
}

/** An enrolment instance of a course: `manual`, `self`, `guest`, `cohort`, `meta`…; enabled or not. */
export interface PlatformEnrolInstance {
  readonly id: number;
  readonly courseId: number;
  readonly enrol: string;
  readonly enabled: boolean;
  /** Order of the instances of a course (the first enabled one of a method is the one used). */
  readonly sortorder: number;
  /** Default role of the instance (0 when none). */
  readonly roleId: number;
  /** The cohort a `cohort` instance enrols (customint1); null for other methods. */
  readonly cohortId: number | null;
  /** The group a `cohort` instance puts its members in (customint2); null when none or for other methods. */
  readonly groupId: number | null;
}

/** A `cohort` enrolment instance to add to a course (found instead when one binds the same cohort and role). */
export interface NewCohortInstance {
  readonly courseId: number;
  readonly cohortId: number;
  readonly roleId: number;
  /** A group of the course the sync puts members in; absent or null for none. */
  readonly groupId?: number | null;
  /** Unix seconds; 0 (absent) for none. */
  readonly enrolstart?: number;
  /** Unix seconds; 0 (absent) for none. */
  readonly enrolend?: number;
}

/** Enables or disables an enrolment instance, and sets its default role when one is given. */
export interface EnrolInstanceStatus {
  readonly instanceId: number;
  readonly enabled: boolean;
  /** The role the method gives by default (Moodle's enrol.roleid); absent leaves it as it is. */
  readonly roleId?: number;
}

/** What a cohort sync did, as counts of user enrolments. */
export interface CohortSyncCounts {
  readonly enrolled: number;
  readonly unenrolled: number;
  readonly suspended: number;
  readonly reactivated: number;
}

/** Which enrolment instances to list: those of courses, or the cohort instances bound to cohorts (or both filters). */
export type EnrolInstanceQuery =
  | { readonly courseIds: readonly number[]; readonly cohortIds?: readonly number[]; readonly enrol?: string }
  | { readonly courseIds?: undefined; readonly cohortIds: readonly number[]; readonly enrol?: string };

/** Whether an instance answers a query (for overlays that filter what they hold). */
export function matchesInstanceQuery(instance: PlatformEnrolInstance, query: EnrolInstanceQuery): boolean {
  if (query.courseIds && !query.courseIds.includes(instance.courseId)) return false;
  if (query.cohortIds && !(instance.enrol === 'cohort' && instance.cohortId !== null && query.cohortIds.includes(instance.cohortId))) return false;
  return query.enrol === undefined || instance.enrol === query.enrol;
}

/** Enrols a user through an instance with a role; an existing enrolment is updated (dates, status). */
export interface Enrolment {
  readonly instanceId: number;
  readonly userId: number;
  /** Role given in the course context with the enrolment. */
  readonly roleId: number;
  /** Unix seconds; 0 for "from now on" as Moodle does for an empty start. */
  readonly timestart: number;
  /** Unix seconds; 0 for no end. */
  readonly timeend: number;
  /** Whether the enrolment is suspended (Moodle's status 1). */
  readonly suspended?: boolean;
}

/**
 * The component owning the roles an enrolment method gives, as Moodle's enrol_plugin::enrol_user does: manual
 * and self give plain roles (''), every other method owns its roles (`enrol_cohort`…).
 */
export function enrolmentRoleComponent(enrol: string): string {
  return enrol === 'manual' || enrol === 'self' ? '' : `enrol_${enrol}`;
}

/** A user enrolment as the platform holds it. */
export interface PlatformEnrolment {
  readonly instanceId: number;
  readonly courseId: number;
  readonly userId: number;
  readonly suspended: boolean;
  /** Unix seconds; 0 when none. */
  readonly timestart: number;
  /** Unix seconds; 0 when none. */
  readonly timeend: number;
}

/** A course and a user. */
export interface CourseUser {
  readonly courseId: number;
  readonly userId: number;
}

/**
 * Which user enrolments a lookup is about: every course with every user, exact (course, user) pairs, or every
 * user enrolment of instances.
 */
export type CourseUserQuery =
  | { readonly courseIds: readonly number[]; readonly userIds: readonly number[] }
  | { readonly pairs: readonly CourseUser[] }
  | { readonly instanceIds: readonly number[] };

/** The enrolments a query asks about, as a test (for overlays that filter what they hold). */
export function courseUserTest(query: CourseUserQuery): (courseId: number, userId: number, instanceId: number) => boolean {
  if ('instanceIds' in query) {
    const instances = new Set(query.instanceIds);
    return (_courseId, _userId, instanceId) => instances.has(instanceId);
  }
  if ('pairs' in query) {
    const asked = new Set(query.pairs.map((pair) => `${pair.courseId}:${pair.userId}`));
    return (courseId, userId) => asked.has(`${courseId}:${userId}`);
  }
  const courses = new Set(query.courseIds);
  const users = new Set(query.userIds);
  return (courseId, userId) => courses.has(courseId) && users.has(userId);
}

/** A change to an existing user enrolment: only the fields given are written (dates kept when absent). */
export interface EnrolmentChange {
  readonly instanceId: number;
  readonly userId: number;
  readonly suspended?: boolean;
  readonly timestart?: number;
  readonly timeend?: number;
}

/** A user enrolment to remove. */
export interface Unenrolment {
  readonly instanceId: number;
  readonly userId: number;
}

/** A role of a user in a course context. */
export interface CourseRoleAssignment {
  readonly courseId: number;
  readonly userId: number;
  readonly roleId: number;
  /** Plugin owning the assignment (`enrol_cohort`…); empty for manual ones. */
  readonly component?: string;
}

/** A group to create in a course (a grouping to create has the same shape). */
export interface NewGroup {
  readonly courseId: number;
  readonly name: string;
  readonly idnumber?: string;
  readonly description?: string;
}

/** A grouping of a course: a set of its groups. */
export interface PlatformGrouping {
  readonly id: number;
  readonly courseId: number;
  readonly name: string;
  readonly idnumber: string;
  readonly description: string;
}

/** A change to a group or a grouping: only the fields given are written. */
export interface GroupChange {
  readonly id: number;
  readonly name?: string;
  readonly idnumber?: string;
  readonly description?: string;
}

/** A group bound to a grouping of the same course. */
export interface GroupingBinding {
  readonly groupingId: number;
  readonly groupId: number;
}

/** Groups or groupings of courses, all of them or those matching `by`; lookups are always scoped to courses. */
export interface FindInCourses {
  readonly courseIds: readonly number[];
  readonly by?: FindBy<'id' | 'idnumber' | 'name'>['by'];
}

/** Membership of a user in a group; a component marks memberships a plugin owns (protected ones). */
export interface GroupMember {
  readonly groupId: number;
  readonly userId: number;
  readonly component?: string;
}

/** What a membership write did: `false` when the user already was a member (not an error). */
export interface Added {
  readonly added: boolean;
}

/** What a removal did: `false` when there was nothing to remove (not an error). */
export interface Removed {
  readonly removed: boolean;
}

/** What a change did: `false` when the values given were already there (nothing written). */
export interface Changed {
  readonly changed: boolean;
}

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
