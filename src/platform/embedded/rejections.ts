import { rejected, succeeded, type ItemResult } from '../item-result.js';
import type { Added } from '../operations.js';

/** An item a platform refuses; accepted items are `null` where a list of verdicts is given. */
export type Rejection = ItemResult<never>;

/**
 * The per-item refusals of the embedded platform, worded like Moodle's debuginfo. The simulation overlay
 * answers with the same ones, so that a simulated run reports exactly what the real run would.
 */
export const reject = {
  usernameTaken: (username: string): Rejection =>
    rejected('PLATFORM_USERNAME_TAKEN', `Username already exists: ${username}`, { username }),
  userNotFound: (id: number): Rejection => rejected('PLATFORM_USER_NOT_FOUND', `No user with id ${id}`, { id }),
  profileFieldUnknown: (shortname: string): Rejection =>
    rejected('PLATFORM_PROFILE_FIELD_UNKNOWN', `No custom profile field with shortname "${shortname}"`, { shortname }),
  profileFieldTaken: (shortname: string): Rejection =>
    rejected('PLATFORM_PROFILE_FIELD_TAKEN', `A custom profile field with shortname "${shortname}" already exists`, { shortname }),
  categoryNotFound: (categoryId: number): Rejection =>
    rejected('PLATFORM_CATEGORY_NOT_FOUND', `No course category with id ${categoryId}`, { categoryId }),
  cohortIdnumberTaken: (idnumber: string): Rejection =>
    rejected('PLATFORM_COHORT_IDNUMBER_TAKEN', `Cohort idnumber already exists: ${idnumber}`, { idnumber }),
  cohortNotFound: (cohortId: number): Rejection => rejected('PLATFORM_COHORT_NOT_FOUND', `No cohort with id ${cohortId}`, { cohortId }),
  enrolInstanceNotFound: (instanceId: number): Rejection =>
    rejected('PLATFORM_ENROL_INSTANCE_NOT_FOUND', `No enrolment instance with id ${instanceId}`, { instanceId }),
  backupNotRestorable: (filename: string): Rejection =>
    rejected('PLATFORM_BACKUP_NOT_RESTORABLE', `The embedded platform cannot restore the Moodle backup ${filename}: it keeps no activities`, { filename }),
  roleNotFound: (roleId: number): Rejection => rejected('PLATFORM_ROLE_NOT_FOUND', `No role with id ${roleId}`, { roleId }),
  courseNotFound: (courseId: number): Rejection => rejected('PLATFORM_COURSE_NOT_FOUND', `No course with id ${courseId}`, { courseId }),
  groupNameTaken: (courseId: number, name: string): Rejection =>
    rejected('PLATFORM_GROUP_NAME_TAKEN', `A group named "${name}" already exists in course ${courseId}`, { courseId, name }),
  groupIdnumberTaken: (courseId: number, idnumber: string): Rejection =>
    rejected('PLATFORM_GROUP_IDNUMBER_TAKEN', `A group with idnumber "${idnumber}" already exists in course ${courseId}`, { courseId, idnumber }),
  groupNotFound: (groupId: number): Rejection => rejected('PLATFORM_GROUP_NOT_FOUND', `No group with id ${groupId}`, { groupId }),
  groupNotInCourse: (groupId: number, courseId: number): Rejection =>
    rejected('PLATFORM_GROUP_NOT_IN_COURSE', `No group with id ${groupId} in course ${courseId}`, { groupId, courseId }),
  groupingNameTaken: (courseId: number, name: string): Rejection =>
    rejected('PLATFORM_GROUPING_NAME_TAKEN', `A grouping named "${name}" already exists in course ${courseId}`, { courseId, name }),
  groupingIdnumberTaken: (courseId: number, idnumber: string): Rejection =>
    rejected('PLATFORM_GROUPING_IDNUMBER_TAKEN', `A grouping with idnumber "${idnumber}" already exists in course ${courseId}`, { courseId, idnumber }),
  groupingNotFound: (groupingId: number): Rejection => rejected('PLATFORM_GROUPING_NOT_FOUND', `No grouping with id ${groupingId}`, { groupingId }),
  groupingCourseMismatch: (groupingId: number, groupingCourseId: number, groupId: number, groupCourseId: number): Rejection =>
    rejected(
      'PLATFORM_GROUPING_COURSE_MISMATCH',
      `Group ${groupId} of course ${groupCourseId} cannot join grouping ${groupingId} of course ${groupingCourseId}`,
      { groupingId, groupingCourseId, groupId, groupCourseId },
    ),
  courseShortnameTaken: (shortname: string): Rejection =>
    rejected('PLATFORM_COURSE_SHORTNAME_TAKEN', `Short name is already used for another course (${shortname})`, { shortname }),
  courseIdnumberTaken: (idnumber: string): Rejection =>
    rejected('PLATFORM_COURSE_IDNUMBER_TAKEN', `ID number is already used for another course (${idnumber})`, { idnumber }),
  enrolmentNotFound: (instanceId: number, userId: number): Rejection =>
    rejected('PLATFORM_ENROLMENT_NOT_FOUND', `User ${userId} is not enrolled through enrolment instance ${instanceId}`, { instanceId, userId }),
  /** As Moodle's `errorremovenotpermitted`: a membership is removed only by the component that owns it. */
  membershipProtected: (userId: number, groupId: number, component: string, requester: string): Rejection =>
    rejected(
      'PLATFORM_MEMBERSHIP_PROTECTED',
      component
        ? `Membership of user ${userId} in group ${groupId} is owned by "${component}" and cannot be removed`
        : `Membership of user ${userId} in group ${groupId} is a manual one and cannot be removed by "${requester}"`,
      { userId, groupId, component, requester },
    ),
  userNotEnrolled: (userId: number, courseId: number, groupId: number): Rejection =>
    rejected(
      'PLATFORM_USER_NOT_ENROLLED',
      `User ${userId} is not enrolled in course ${courseId}, so cannot be added to its group ${groupId}`,
      { userId, courseId, groupId },
    ),
};

/** Whether a membership verdict asks for a new row. */
export function isAdded(result: ItemResult<{ readonly added: boolean }>): boolean {
  return result.ok && result.value.added;
}

/** Whether a removal verdict asks for rows to be deleted. */
export function isRemoved(result: ItemResult<{ readonly removed: boolean }>): boolean {
  return result.ok && result.value.removed;
}

/**
 * The answers of an adding call once its refusals are known: an accepted item is `added` when it is the first of
 * the call for its pair (instance and user, group and user) and the platform held none before the call. Apart
 * from the refusals so that a platform may learn what it held from its insert itself rather than by reading first.
 */
export function addedResults<T>(
  items: readonly T[],
  rejections: readonly (Rejection | null)[],
  pairOf: (item: T) => readonly [number, number],
  held: (first: number, second: number) => boolean,
): ItemResult<Added>[] {
  const inCall = new Set<string>();
  return items.map((item, index) => {
    const rejection = rejections[index];
    if (rejection) return rejection;
    const [first, second] = pairOf(item);
    const key = `${first}:${second}`;
    const added = !inCall.has(key) && !held(first, second);
    inCall.add(key);
    return succeeded({ added });
  });
}
