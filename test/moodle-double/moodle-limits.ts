/**
 * The tests a Moodle reached through its web services cannot pass, by title, each with the reason: a limit of core
 * Moodle (spec/moodle-ws.md), not a defect of tool-sync. They are skipped on the Moodle platform only (the
 * contract suite's Moodle entries, and `npm run test:moodle`); src/platform/moodle/moodle-limits.test.ts checks
 * what Moodle does instead.
 */
export const MOODLE_LIMITS: Readonly<Record<string, string>> = {
  // Platform contract.
  'writes custom fields and preferences, rejecting an unknown field by its shortname':
    'core_user_create_users silently ignores a custom field it does not know (4.2.1)',
  'checks clear passwords against what was stored: hashes, *NOPASS* as is, no password never matches':
    'no web service checks a password: checkPasswords answers null on Moodle',
  'deletes users as Moodle does: gone from lookups, username and e-mail free again, unknown or deleted ids rejected':
    'it ends by checking the password of a deleted user, which Moodle cannot tell (null)',
  'creates courses with settings and updates them, refusing taken names and unknown categories; lookups see the new names':
    'core_course_create_courses takes no timecreated: Moodle stamps the time of creation itself (4.4)',
  // Processors.
  'stores every optional column, and rejects a bad value of each with the column and the form expected':
    'core_course_create_courses takes no marker nor legacyfiles (4.4): a course giving them non-zero is refused, naming them',
  'hashes passwords as Moodle 5 does, keeps *NOPASS*, and finds an unchanged password unchanged':
    'Moodle cannot tell whether a password is unchanged: it is sent again and reported as changed',
  'generates a password for a new account without one when asked, never for an existing account':
    'Moodle creates no internal account without a password: one made without is created with createpassword, which forces a change',
  'writes every optional column, normalised as Moodle stores it':
    'core_user_create_users takes no maildigest, autosubscribe nor trackforums (4.2.1)',
  'creates in a category, then updates description, category, and the name through the column that is not the identifier':
    'no core function records the component of a cohort (4.10)',
  'finds users by e-mail, refusing an address several accounts share, and by id and idnumber':
    'core_user_get_users_by_field matches e-mails exactly on a PostgreSQL Moodle: TWINS@ and twins@ are not one address there (4.2.4)',
};
