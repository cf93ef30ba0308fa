import type { ColumnSpec } from '../../csv/header-check.js';

/** Columns of the main users file (spec 3.3). */
export const USERS_COLUMNS: ColumnSpec = {
  required: ['username', 'firstname', 'lastname'],
  optional: [
    'mnethostid', 'institution', 'department', 'city', 'country', 'lang', 'timezone', 'idnumber', 'email', 'auth',
    'icq', 'phone1', 'phone2', 'address', 'url', 'description', 'mailformat', 'maildisplay', 'maildigest',
    'htmleditor', 'autosubscribe', 'trackforums', 'password', 'suspended', 'deleted', 'oldusername', 'cohort',
    'cohortid',
  ],
  // Anchored, unlike the original's substring match that let `gender` or `legend` pass (spec 2.7).
  patterns: [/course\d+/, /group\d+/, /role\d+/, /enrol\d+/, /start\d+/, /end\d+/, /wwwroot\d+/, /profile_field_\w+/],
};
