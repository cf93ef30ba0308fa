import type {
  Added,
  Changed,
  EnrolInstanceQuery,
  CourseUserQuery,
  EnrolmentChange,
  FindInCourses,
  GroupChange,
  GroupingBinding,
  NewCourse,
  PlatformGrouping,
  Removed,
  Unenrolment,
  CohortChange,
  CohortMember,
  CohortSyncCounts,
  CourseRoleAssignment,
  EnrolInstanceStatus,
  NewCohortInstance,
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
} from './entities.js';
import type { ItemResult } from './item-result.js';
import type { FindUserPictures, HostedUsername, PictureSet, PlatformUserPicture, UserPicture } from './picture-entities.js';
import type { CourseChange, CourseDuplicate, CourseImport, CourseRecord, CourseRestore, CourseSection, NewCategory, NewEnrolInstance, SectionsChange } from './course-record.js';
import type { CourseReset, CourseResetDone, MetaLink, MetaLinkAdded, MetaLinkQuery, MetaLinkRequest, MetaSyncCounts } from './course-upkeep-entities.js';

export * from './entities.js';
export * from './picture-entities.js';
export * from './course-record.js';
export * from './course-upkeep-entities.js';

/** What courses are looked up by. */
export type CourseLookupField = 'id' | 'idnumber' | 'shortname' | 'category';
/** What categories are looked up by. */
export type CategoryLookupField = 'id' | 'idnumber' | 'name' | 'parent';

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
  /** Courses by id, idnumber, shortname (compared exactly, as Moodle's unique index does) or category id. */
  findCourses: Operation<FindBy<CourseLookupField>, readonly PlatformCourse[]>;
  /**
   * Creates courses, each with a manual enrolment instance (as Moodle does); a taken shortname, a taken
   * non-empty idnumber or an unknown category is refused.
   */
  createCourses: Operation<readonly NewCourse[], readonly ItemResult<{ readonly id: number }>[]>;
  /** Categories by id, idnumber, name (a name may match several categories) or parent id (0: the top level). */
  findCategories: Operation<FindBy<CategoryLookupField>, readonly PlatformCategory[]>;
  /** Roles by id or shortname. */
  findRoles: Operation<FindBy<'id' | 'shortname'>, readonly PlatformRole[]>;
  /** Cohorts by id, idnumber or name, in every context. */
  findCohorts: Operation<FindBy<'id' | 'idnumber' | 'name'>, readonly PlatformCohort[]>;
  /** Groups of courses, every one or those matching `by` (lookups are always scoped to courses), in id order. */
  findGroups: Operation<FindInCourses, readonly PlatformGroup[]>;
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
  /**
   * Changes cohorts, only the fields given (a null category moves it to the system context); an unknown cohort or
   * category, or a non-empty idnumber used by another cohort, is refused; `changed` false when nothing differs.
   */
  updateCohorts: Operation<readonly CohortChange[], readonly ItemResult<Changed>[]>;
  /**
   * Deletes cohorts as Moodle's cohort_delete_cohort with enrol_cohort's observer: the members and the cohort go,
   * and every `cohort` enrolment instance bound to it with its user enrolments (each as unenrolUsers would).
   */
  deleteCohorts: Operation<readonly number[], readonly ItemResult<null>[]>;
  /** Removes users from cohorts (no enrolment goes: the cohort sync does that); not a member answers `removed` false. */
  removeCohortMembers: Operation<readonly CohortMember[], readonly ItemResult<Removed>[]>;
  /**
   * Adds `cohort` enrolment instances (enabled, after the course's other instances); an instance of the course
   * with the same cohort and role is answered instead (`added` false, its status left as it is).
   */
  addCohortInstances: Operation<readonly NewCohortInstance[], readonly ItemResult<{ readonly id: number; readonly added: boolean }>[]>;
  /** Enables or disables enrolment instances; `changed` false when the instance already had that status. */
  setEnrolInstancesStatus: Operation<readonly EnrolInstanceStatus[], readonly ItemResult<Changed>[]>;
  /** Deletes enrolment instances with their user enrolments (each as unenrolUsers would), as enrol_plugin::delete_instance. */
  deleteEnrolInstances: Operation<readonly number[], readonly ItemResult<null>[]>;
  /**
   * Moodle's enrol_cohort_sync for these courses: through each enabled cohort instance, members not enrolled are
   * enrolled (role and group of the instance, owned by enrol_cohort), suspended members reactivated, users no
   * longer members unenrolled; the active enrolments of disabled cohort instances are suspended.
   */
  syncCohortEnrolments: Operation<{ readonly courseIds: readonly number[] }, CohortSyncCounts>;
  /**
   * The enrolment instances of courses (every method or one, `enrol`), or the cohort instances bound to cohorts
   * (`cohortIds`: which courses a changed cohort enrols into), by course and sortorder.
   */
  findEnrolInstances: Operation<EnrolInstanceQuery, readonly PlatformEnrolInstance[]>;
  /** Enrols users (user enrolment plus role in the course context); re-enrolling updates dates and status. */
  enrolUsers: Operation<readonly Enrolment[], readonly ItemResult<Added>[]>;
  /** Changes status or dates of existing user enrolments (a user not enrolled in the instance is rejected). */
  updateEnrolments: Operation<readonly EnrolmentChange[], readonly ItemResult<Changed>[]>;
  /**
   * Unenrols users from instances as Moodle's enrol_plugin::unenrol_user: the enrolment goes with the roles the
   * instance gave; when it was the user's last enrolment in the course, every role of the user in the course
   * and every group membership in the course go too. Not enrolled answers `removed` false.
   */
  unenrolUsers: Operation<readonly Unenrolment[], readonly ItemResult<Removed>[]>;
  /**
   * User enrolments (any method, any status) of users in courses, every course with every user or exact pairs
   * (a batch's pairs: far cheaper than the combinations of its courses and users): what a re-run finds there;
   * or every user enrolment of instances (`instanceIds`).
   */
  findEnrolments: Operation<CourseUserQuery, readonly PlatformEnrolment[]>;
  /** Memberships in cohorts: those of the users given, or every member of the cohorts when `userIds` is absent. */
  findCohortMembers: Operation<{ readonly cohortIds: readonly number[]; readonly userIds?: readonly number[] }, readonly CohortMember[]>;
  /**
   * Memberships in groups (with their component), in no particular order: those of the users given, or every
   * member of the groups when `userIds` is absent (as Moodle's core_group_get_group_members answers).
   */
  findGroupMembers: Operation<{ readonly groupIds: readonly number[]; readonly userIds?: readonly number[] }, readonly GroupMember[]>;
  /** Roles in courses (any component), of the users given or of everyone, of the roles given or of all. */
  findCourseRoles: Operation<
    { readonly courseIds: readonly number[]; readonly userIds?: readonly number[]; readonly roleIds?: readonly number[] },
    readonly CourseRoleAssignment[]
  >;
  /** Gives roles in course contexts without enrolment (the original's role-only mode). */
  assignCourseRoles: Operation<readonly CourseRoleAssignment[], readonly ItemResult<Added>[]>;
  /** Removes roles given in course contexts by the item's component ('' when absent), whatever their item id. */
  unassignCourseRoles: Operation<readonly CourseRoleAssignment[], readonly ItemResult<Removed>[]>;
  createGroups: Operation<readonly NewGroup[], readonly ItemResult<{ readonly id: number }>[]>;
  /** Renames groups or changes their idnumber or description; a name or idnumber used by another group of the course is refused. */
  updateGroups: Operation<readonly GroupChange[], readonly ItemResult<Changed>[]>;
  /** Deletes groups with their memberships and grouping bindings. */
  deleteGroups: Operation<readonly number[], readonly ItemResult<null>[]>;
  /** Groups of the courses that have no member. */
  findEmptyGroups: Operation<{ readonly courseIds: readonly number[] }, readonly PlatformGroup[]>;
  addGroupMembers: Operation<readonly GroupMember[], readonly ItemResult<Added>[]>;
  /**
   * Removes memberships owned by the item's component ('' when absent); a membership another component owns
   * is refused (as Moodle refuses to remove a plugin's memberships); not a member answers `removed` false.
   */
  removeGroupMembers: Operation<readonly GroupMember[], readonly ItemResult<Removed>[]>;
  /** Groupings of courses, every one or those matching `by`, in id order. */
  findGroupings: Operation<FindInCourses, readonly PlatformGrouping[]>;
  /** Creates groupings; a name or non-empty idnumber already used in the course is refused. */
  createGroupings: Operation<readonly NewGroup[], readonly ItemResult<{ readonly id: number }>[]>;
  updateGroupings: Operation<readonly GroupChange[], readonly ItemResult<Changed>[]>;
  /** Deletes groupings (their groups stay). */
  deleteGroupings: Operation<readonly number[], readonly ItemResult<null>[]>;
  /** Groupings of the courses that hold no group. */
  findEmptyGroupings: Operation<{ readonly courseIds: readonly number[] }, readonly PlatformGrouping[]>;
  /**
   * The groups bound to groupings, in grouping then group order (as Moodle's core_group_get_groupings with
   * `returngroups` answers); an unknown grouping has none.
   */
  findGroupingGroups: Operation<{ readonly groupingIds: readonly number[] }, readonly GroupingBinding[]>;
  /** Binds groups to groupings of their course; bound already answers `added` false. */
  assignGroupings: Operation<readonly GroupingBinding[], readonly ItemResult<Added>[]>;

  // User pictures (the userpictures processor).
  /** Users of MNet hosts by `username@mnethostid`, deleted accounts never (Moodle matches usernames per host). */
  findHostedUsers: Operation<readonly HostedUsername[], readonly PlatformUser[]>;
  /** The pictures the users have (users without one are left out), with the bytes of one variant when asked. */
  findUserPictures: Operation<FindUserPictures, readonly PlatformUserPicture[]>;
  /**
   * Gives users a picture, every variant at once, replacing the former one whole (Moodle's `process_new_icon`
   * then `user.picture` set); an unknown or deleted user is refused.
   */
  setUserPictures: Operation<readonly UserPicture[], readonly ItemResult<PictureSet>[]>;

  // Course creation and update file (courses/create).
  /** Every setting of courses, by id (unknown ids are left out), in id order. */
  findCourseRecords: Operation<{ readonly courseIds: readonly number[] }, readonly CourseRecord[]>;
  /**
   * Writes settings of existing courses (only those given); an unknown course or category, or a shortname or
   * non-empty idnumber held by another course (or earlier in the call), is refused.
   */
  updateCourses: Operation<readonly CourseChange[], readonly ItemResult<null>[]>;
  /** Creates categories (context, depth and path computed, sortorder after the others); an unknown parent is refused. */
  createCategories: Operation<readonly NewCategory[], readonly ItemResult<{ readonly id: number }>[]>;
  /** The sections of courses, by course then section number. */
  findCourseSections: Operation<{ readonly courseIds: readonly number[] }, readonly CourseSection[]>;
  /** Writes sections of courses (see SectionsChange); an unknown course is refused. */
  saveCourseSections: Operation<readonly SectionsChange[], readonly ItemResult<null>[]>;
  /**
   * Restores Moodle backups (`.mbz`) into new courses, one at a time, named as given (the backup's own names are
   * replaced), or into existing courses (`into`); a taken shortname or an unknown course is refused. Only where the capability `supportsMbzTemplates` is on (Moodle, through
   * the companion plugin); elsewhere every item is refused.
   */
  restoreCourses: Operation<readonly CourseRestore[], readonly ItemResult<{ readonly id: number }>[]>;
  /**
   * New courses copied from template courses, one at a time: the template's settings, sections, groups and groupings
   * (on Moodle also its activities, blocks and filters: a backup and restore), never its users nor its enrolment
   * methods beyond the new course's default ones. A taken shortname or an unknown template is refused.
   */
  duplicateCourses: Operation<readonly CourseDuplicate[], readonly ItemResult<{ readonly id: number }>[]>;
  /**
   * Adds a template's content to existing courses, one at a time: the sections they lack (by number), the groups
   * and groupings they lack (by name); on Moodle also the template's activities and blocks. Users stay.
   */
  importCourseContent: Operation<readonly CourseImport[], readonly ItemResult<null>[]>;
  /**
   * Replaces the content of existing courses by a template's: their sections, groups and groupings (and on Moodle
   * activities and blocks) give way to the template's. Their users and enrolment methods stay.
   */
  replaceCourseContent: Operation<readonly CourseImport[], readonly ItemResult<null>[]>;
  /** Adds enrolment instances of plain methods (self, guest…) after the course's others; an unknown course or role is refused. */
  addEnrolInstances: Operation<readonly NewEnrolInstance[], readonly ItemResult<{ readonly id: number }>[]>;

  // Course deletion, reset, metacourses and category cleaning (courses/delete, courses/reset, courses/metas, utilities).
  /**
   * Deletes courses as Moodle's delete_course: every enrolment instance with its user enrolments (each as
   * unenrolUsers would), the meta links of other courses to it (with their enrolments), every role in its
   * context, its groups with their memberships, its groupings, its sections, its context, then the course.
   * An unknown course is refused.
   */
  deleteCourses: Operation<readonly number[], readonly ItemResult<null>[]>;
  /**
   * Resets courses, one after the other, as the reset file asks (spec 5.9). Where the capability
   * `supportsFullCourseReset` is off, the reset is made of the port's operations (course-reset.ts: enrolments by role,
   * groups, groupings) and answers what it removed; where it is on (Moodle), the platform resets the course whole
   * (reset_course_userdata: events, grades, activities… too) and answers its own status lines. A refused part
   * stops the course's reset with the reason; an unknown course is refused.
   */
  resetCourses: Operation<readonly CourseReset[], readonly ItemResult<CourseResetDone>[]>;
  /** Metacourse links held by courses or mirroring parent courses, by meta course then instance id. */
  findMetaLinks: Operation<MetaLinkQuery, readonly MetaLink[]>;
  /**
   * Links meta courses to parent courses as enrol_meta's add_instance, then syncs them: a disabled link is enabled
   * again (`restored`), an enabled one is left (`unchanged`); an unknown course or a course linked to itself is refused.
   */
  addMetaLinks: Operation<readonly MetaLinkRequest[], readonly ItemResult<MetaLinkAdded>[]>;
  /** Removes metacourse links with the enrolments they made (as deleteEnrolInstances); no such link answers `removed` false. */
  removeMetaLinks: Operation<readonly MetaLinkRequest[], readonly ItemResult<Removed>[]>;
  /**
   * Moodle's enrol_meta sync for these meta courses: through each enabled link, the users enrolled in the parent
   * (through its enabled instances other than meta ones) are enrolled, active when one of their parent enrolments
   * is, with the roles they hold there (owned by enrol_meta); users who left the parent leave the meta course.
   */
  syncMetaEnrolments: Operation<{ readonly courseIds: readonly number[] }, MetaSyncCounts>;
  /** Takes groups out of groupings; not bound answers `removed` false. */
  unassignGroupings: Operation<readonly GroupingBinding[], readonly ItemResult<Removed>[]>;
  /** Deletes categories that hold no course and no sub-category (with their context); any other is refused. */
  deleteCategories: Operation<readonly number[], readonly ItemResult<null>[]>;
}

export type OperationKind = keyof Operations;
export type OperationInput<K extends OperationKind> = Operations[K]['input'];
export type OperationOutput<K extends OperationKind> = Operations[K]['output'];

/** Which operations change the platform (simulate intercepts exactly these). */
export const WRITES: Record<OperationKind, boolean> = {
  findUsers: false,
  createUsers: true,
  findCourses: false,
  createCourses: true,
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
  updateCohorts: true,
  deleteCohorts: true,
  removeCohortMembers: true,
  addCohortInstances: true,
  setEnrolInstancesStatus: true,
  deleteEnrolInstances: true,
  syncCohortEnrolments: true,
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
  updateEnrolments: true,
  unenrolUsers: true,
  unassignCourseRoles: true,
  updateGroups: true,
  deleteGroups: true,
  findEmptyGroups: false,
  removeGroupMembers: true,
  findGroupings: false,
  createGroupings: true,
  updateGroupings: true,
  deleteGroupings: true,
  findEmptyGroupings: false,
  findGroupingGroups: false,
  assignGroupings: true,
  findHostedUsers: false,
  findUserPictures: false,
  setUserPictures: true,
  findCourseRecords: false,
  updateCourses: true,
  createCategories: true,
  findCourseSections: false,
  saveCourseSections: true,
  restoreCourses: true,
  duplicateCourses: true,
  importCourseContent: true,
  replaceCourseContent: true,
  addEnrolInstances: true,
  deleteCourses: true,
  resetCourses: true,
  findMetaLinks: false,
  addMetaLinks: true,
  removeMetaLinks: true,
  syncMetaEnrolments: true,
  unassignGroupings: true,
  deleteCategories: true,
};
