import type { CourseChange, NewCategory, NewEnrolInstance } from '../course-record.js';
import { reject, type Rejection } from './rejections.js';

/** What checking course changes needs to know about the platform. */
export interface CourseChangeView {
  courseExists(courseId: number): boolean;
  categoryExists(categoryId: number): boolean;
  /** The course holding a shortname, if any (compared exactly). */
  shortnameHolder(shortname: string): number | undefined;
  /** The course holding a non-empty idnumber, if any. */
  idnumberHolder(idnumber: string): number | undefined;
}

/**
 * As Moodle's update_course: the course must exist, a new category must exist, and a new shortname or non-empty
 * idnumber must not be held by another course (nor claimed by an earlier item of the call).
 */
export function checkCourseChanges(changes: readonly CourseChange[], view: CourseChangeView): (Rejection | null)[] {
  const shortnames = new Map<string, number>();
  const idnumbers = new Map<string, number>();
  return changes.map(({ id, set }) => {
    if (!view.courseExists(id)) return reject.courseNotFound(id);
    if (set.category !== undefined && !view.categoryExists(set.category)) return reject.categoryNotFound(set.category);
    const { shortname, idnumber } = set;
    if (shortname !== undefined && [view.shortnameHolder(shortname), shortnames.get(shortname)].some((holder) => holder !== undefined && holder !== id)) {
      return reject.courseShortnameTaken(shortname);
    }
    if (idnumber && [view.idnumberHolder(idnumber), idnumbers.get(idnumber)].some((holder) => holder !== undefined && holder !== id)) {
      return reject.courseIdnumberTaken(idnumber);
    }
    if (shortname !== undefined) shortnames.set(shortname, id);
    if (idnumber) idnumbers.set(idnumber, id);
    return null;
  });
}

/** A new category needs an existing parent (0 is the top level). */
export function checkNewCategories(categories: readonly NewCategory[], parentExists: (id: number) => boolean): (Rejection | null)[] {
  return categories.map(({ parent }) => (parent === 0 || parentExists(parent) ? null : reject.categoryNotFound(parent)));
}

/** A new enrolment instance needs an existing course, and an existing role when one is given. */
export function checkNewEnrolInstances(
  items: readonly NewEnrolInstance[],
  view: { courseExists(id: number): boolean; roleExists(id: number): boolean },
): (Rejection | null)[] {
  return items.map(({ courseId, roleId }) => {
    if (!view.courseExists(courseId)) return reject.courseNotFound(courseId);
    if (roleId && !view.roleExists(roleId)) return reject.roleNotFound(roleId);
    return null;
  });
}

/** The role an instance of a plain method gives when none is asked: student for self (as enrol_self), none otherwise. */
export const DEFAULT_INSTANCE_ROLE: Readonly<Record<string, string>> = { self: 'student', manual: 'student' };
