import type { ColumnSpec } from '../../csv/header-check.js';
import type { Settings } from '../../settings/settings-store.js';

/** Course fields the creation file can name courses by (`courses_fileuploadidentifier`). */
export type CourseUploadField = 'id' | 'idnumber' | 'shortname';

/** The optional columns of the course creation file (spec 5.3), `enddate` being an extension. */
export const COURSE_OPTIONAL_COLUMNS = [
  'category',
  'sortorder',
  'summary',
  'format',
  'idnumber',
  'showgrades',
  'newsitems',
  'startdate',
  'enddate',
  'marker',
  'maxbytes',
  'legacyfiles',
  'showreports',
  'visible',
  'visibleold',
  'coursedisplay',
  'groupmode',
  'enablecompletion',
  'groupmodeforce',
  'defaultgroupingid',
  'lang',
  'theme',
  'timecreated',
  'timemodified',
  'self',
  'guest',
  'template',
] as const;

/** `topic0` … `topic52`: sections; a higher number is an unknown column. */
export const TOPIC_COLUMN = /topic([0-9]|[1-4][0-9]|5[0-2])/;
/** `teacher1_account`, `teacher1_role`, `teacher2_account`… */
export const TEACHER_COLUMN = /teacher([1-9][0-9]*)_(account|role)/;

/** The field the settings name rows by. */
export function courseUploadField(settings: Settings): CourseUploadField {
  return settings.choice('courses_fileuploadidentifier') as CourseUploadField;
}

/**
 * The columns of the creation file: `fullname` and `shortname` always, and the identifier column when it is
 * not the shortname (`idnumber`, or `id`, which only an update can use).
 */
export function coursesColumns(settings: Settings): ColumnSpec {
  const field = courseUploadField(settings);
  const required = field === 'shortname' ? ['fullname', 'shortname'] : ['fullname', 'shortname', field];
  return {
    required,
    optional: COURSE_OPTIONAL_COLUMNS.filter((column) => !required.includes(column)),
    patterns: [TOPIC_COLUMN, TEACHER_COLUMN],
  };
}
