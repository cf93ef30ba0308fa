import type { NewCourse } from '../operations.js';
import { reject, type Rejection } from './rejections.js';

/** The role Moodle's manual enrolment instances give by default (enrol_manual's `roleid`: the student role). */
export const MANUAL_INSTANCE_ROLE = 'student';

/** What checking new courses needs to know about the platform. */
export interface NewCourseView {
  categoryExists(categoryId: number): boolean;
  /** Whether a course holds this shortname (compared exactly, as the unique index does). */
  shortnameTaken(shortname: string): boolean;
  /** Whether a course holds this (non-empty) idnumber. */
  idnumberTaken(idnumber: string): boolean;
}

/**
 * As Moodle's create_course, in its order: the category must exist, then the shortname and a non-empty
 * idnumber must be free (on the platform and among the courses accepted earlier in the call).
 */
export function checkNewCourses(courses: readonly NewCourse[], view: NewCourseView): (Rejection | null)[] {
  const shortnames = new Set<string>();
  const idnumbers = new Set<string>();
  return courses.map(({ categoryId, shortname, idnumber }) => {
    if (!view.categoryExists(categoryId)) return reject.categoryNotFound(categoryId);
    if (view.shortnameTaken(shortname) || shortnames.has(shortname)) return reject.courseShortnameTaken(shortname);
    if (idnumber && (view.idnumberTaken(idnumber) || idnumbers.has(idnumber))) return reject.courseIdnumberTaken(idnumber);
    shortnames.add(shortname);
    if (idnumber) idnumbers.add(idnumber);
    return null;
  });
}
