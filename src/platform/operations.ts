import type {
  Added,
  CohortMember,
  CourseRoleAssignment,
  Enrolment,
  FindBy,
  FindUsers,
  GroupMember,
  NewCohort,
  NewGroup,
  NewUser,
  PasswordCheck,
  PlatformCategory,
  PlatformCohort,
  PlatformCourse,
  PlatformEnrolInstance,
  PlatformEnrolment,
  PlatformGroup,
  PlatformProfileField,
  PlatformRole,
  PlatformUser,
  UserChange,
  UserLookupField,
} from './entities.js';
import type { ItemResult } from './item-result.js';

export * from './entities.js';

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
  /**
   * Deletes users as Moodle does: the account is marked deleted and renamed so its username and e-mail are
   * free again, and its enrolments, role assignments, group and cohort memberships are removed.
   */
  deleteUsers: Operation<readonly number[], readonly ItemResult<null>[]>;
  /** Whether each clear password is the user's current one; `null` where the platform cannot tell (Moodle). */
  checkPasswords: Operation<readonly PasswordCheck[], readonly (boolean | null)[]>;
  /** Current values of custom profile fields of users (only fields that have a value), to compare before writing. */
  findUserCustomFields: Operation<
    { readonly userIds: readonly number[]; readonly shortnames: readonly string[] },
    readonly { readonly userId: number; readonly shortname: string; readonly value: string }[]
  >;
  /** Custom profile fields by shortname. */
  findProfileFields: Operation<{ readonly shortnames: readonly string[] }, readonly PlatformProfileField[]>;
  /** Creates text profile fields (shortname, name). */
  createProfileFields: Operation<readonly { readonly shortname: string; readonly name: string }[], readonly ItemResult<{ readonly id: number }>[]>;
  createCohorts: Operation<readonly NewCohort[], readonly ItemResult<{ readonly id: number }>[]>;
  addCohortMembers: Operation<readonly CohortMember[], readonly ItemResult<Added>[]>;
  /** The enrolment instances of courses, every method or one (`enrol`), in sortorder. */
  findEnrolInstances: Operation<{ readonly courseIds: readonly number[]; readonly enrol?: string }, readonly PlatformEnrolInstance[]>;
  /** Enrols users (user enrolment plus role in the course context); re-enrolling updates dates and status. */
  enrolUsers: Operation<readonly Enrolment[], readonly ItemResult<Added>[]>;
  /** User enrolments of users in courses (any method, any status): what a re-run finds already there. */
  findEnrolments: Operation<{ readonly courseIds: readonly number[]; readonly userIds: readonly number[] }, readonly PlatformEnrolment[]>;
  /** Memberships of users in cohorts. */
  findCohortMembers: Operation<{ readonly cohortIds: readonly number[]; readonly userIds: readonly number[] }, readonly CohortMember[]>;
  /** Memberships of users in groups (with their component). */
  findGroupMembers: Operation<{ readonly groupIds: readonly number[]; readonly userIds: readonly number[] }, readonly GroupMember[]>;
  /** Roles of users in courses (any component). */
  findCourseRoles: Operation<{ readonly courseIds: readonly number[]; readonly userIds: readonly number[] }, readonly CourseRoleAssignment[]>;
  /** Gives roles in course contexts without enrolment (the original's role-only mode). */
  assignCourseRoles: Operation<readonly CourseRoleAssignment[], readonly ItemResult<Added>[]>;
  createGroups: Operation<readonly NewGroup[], readonly ItemResult<{ readonly id: number }>[]>;
  addGroupMembers: Operation<readonly GroupMember[], readonly ItemResult<Added>[]>;
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
  deleteUsers: true,
  checkPasswords: false,
  findUserCustomFields: false,
  findProfileFields: false,
  createProfileFields: true,
  createCohorts: true,
  addCohortMembers: true,
  findEnrolInstances: false,
  enrolUsers: true,
  findCourseRoles: false,
  findEnrolments: false,
  findCohortMembers: false,
  findGroupMembers: false,
  assignCourseRoles: true,
  createGroups: true,
  addGroupMembers: true,
  updateUsers: true,
};
