import type { Bilingual } from '../../errors.js';

/** Report wording of the course deletion file (spec 5.7, the original's wording where it had one). */
export const COURSE_DELETE_MESSAGES = {
  COURSEDELETE_NOT_FOUND: {
    en: 'Course {course} does not exist in this platform (no course has {field} "{course}")',
    fr: 'Le cours {course} n’existe pas sur cette plateforme (aucun cours n’a {field} « {course} »)',
  },
  COURSEDELETE_DELETED: {
    en: 'Course {course} deleted ({fullname}, id {id}): {enrolments} enrolment(s), {roles} role assignment(s), {groups} group(s) with {members} membership(s), {groupings} grouping(s) removed with it',
    fr: 'Cours {course} supprimé ({fullname}, id {id}) : {enrolments} inscription(s), {roles} attribution(s) de rôle, {groups} groupe(s) avec {members} appartenance(s), {groupings} groupement(s) supprimés avec lui',
  },
  COURSEDELETE_META_LINKS: {
    en: 'Metacourse links of {count} course(s) to it removed, with their {enrolments} enrolment(s): {courses}',
    fr: 'Liaisons de métacours de {count} cours vers lui supprimées, avec leurs {enrolments} inscription(s) : {courses}',
  },
  COURSEDELETE_PLATFORM_REJECTED: {
    en: 'Course {course} could not be deleted: refused by the platform: {reason}',
    fr: 'Le cours {course} n’a pas pu être supprimé : refusé par la plateforme : {reason}',
  },
  COURSEDELETE_TOTALS: {
    en: 'Deleted {courses} course(s), with {enrolments} enrolment(s), {roles} role assignment(s), {groups} group(s), {members} group membership(s), {groupings} grouping(s) and {metaEnrolments} enrolment(s) of metacourse links',
    fr: '{courses} cours supprimé(s), avec {enrolments} inscription(s), {roles} attribution(s) de rôle, {groups} groupe(s), {members} appartenance(s) à des groupes, {groupings} groupement(s) et {metaEnrolments} inscription(s) de liaisons de métacours',
  },
} satisfies Record<string, Bilingual>;

export type CourseDeleteMessageCode = keyof typeof COURSE_DELETE_MESSAGES;
