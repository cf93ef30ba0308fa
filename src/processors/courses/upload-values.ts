import type { CourseNumberField, CourseTextField } from '../../platform/operations.js';
import { DATE_FORMS } from '../dates.js';

/** Why a value was refused: a message code of the catalogue and its parameters. */
export interface ValueProblem {
  readonly code: 'COURSES_UPLOAD_BAD_FLAG' | 'COURSES_UPLOAD_BAD_NUMBER' | 'COURSES_UPLOAD_BAD_CHOICE' | 'COURSES_UPLOAD_TOO_LONG' | 'COURSES_UPLOAD_BAD_DATE';
  readonly params: Readonly<Record<string, string | number>>;
}

/** How a column's value is read: into a course setting, or refused with the form expected. */
type Rule =
  | { readonly kind: 'text'; readonly field: CourseTextField; readonly max?: number }
  | { readonly kind: 'choice'; readonly field: CourseTextField; readonly choices: readonly string[] }
  | { readonly kind: 'number'; readonly field: CourseNumberField; readonly min: number; readonly max: number }
  | { readonly kind: 'date'; readonly field: CourseNumberField };

const flag = (field: CourseNumberField): Rule => ({ kind: 'number', field, min: 0, max: 1 });
const whole = (field: CourseNumberField, max: number): Rule => ({ kind: 'number', field, min: 0, max });

/** The course formats the platform offers (Moodle's standard ones). */
export const COURSE_FORMATS = ['topics', 'weeks', 'social', 'singleactivity'] as const;

/**
 * The rule of each setting column (spec 5.3, with decision 35: a bad value rejects the row). `marker` is a
 * section number (the original validated it as a date); `coursedisplay`, `enablecompletion` and
 * `defaultgroupingid`, which the original could not validate, are flags or whole numbers as in Moodle.
 */
export const VALUE_RULES: Readonly<Record<string, Rule>> = {
  summary: { kind: 'text', field: 'summary' },
  idnumber: { kind: 'text', field: 'idnumber', max: 100 },
  lang: { kind: 'text', field: 'lang', max: 50 },
  theme: { kind: 'text', field: 'theme', max: 50 },
  format: { kind: 'choice', field: 'format', choices: COURSE_FORMATS },
  sortorder: whole('sortorder', 4_294_967_295),
  showgrades: flag('showgrades'),
  newsitems: whole('newsitems', 10),
  marker: whole('marker', 52),
  maxbytes: whole('maxbytes', Number.MAX_SAFE_INTEGER),
  legacyfiles: flag('legacyfiles'),
  showreports: flag('showreports'),
  visible: flag('visible'),
  visibleold: flag('visibleold'),
  coursedisplay: flag('coursedisplay'),
  groupmode: whole('groupmode', 2),
  enablecompletion: flag('enablecompletion'),
  groupmodeforce: flag('groupmodeforce'),
  defaultgroupingid: whole('defaultgroupingid', Number.MAX_SAFE_INTEGER),
  startdate: { kind: 'date', field: 'startdate' },
  enddate: { kind: 'date', field: 'enddate' },
  timecreated: { kind: 'date', field: 'timecreated' },
  timemodified: { kind: 'date', field: 'timemodified' },
};

/** The value of a setting column, or the problem with it. */
export function readValue(rule: Rule, value: string, readDate: (value: string) => number | null): { value: string | number } | ValueProblem {
  switch (rule.kind) {
    case 'text':
      return rule.max !== undefined && [...value].length > rule.max ? { code: 'COURSES_UPLOAD_TOO_LONG', params: { max: rule.max } } : { value };
    case 'choice':
      return rule.choices.includes(value) ? { value } : { code: 'COURSES_UPLOAD_BAD_CHOICE', params: { choices: rule.choices.join(', ') } };
    case 'number': {
      const number = /^\d+$/.test(value) ? Number(value) : NaN;
      if (number >= rule.min && number <= rule.max) return { value: number };
      return rule.max === 1 ? { code: 'COURSES_UPLOAD_BAD_FLAG', params: {} } : { code: 'COURSES_UPLOAD_BAD_NUMBER', params: { min: rule.min, max: rule.max } };
    }
    case 'date': {
      const date = readDate(value);
      return date === null ? { code: 'COURSES_UPLOAD_BAD_DATE', params: { forms: DATE_FORMS } } : { value: date };
    }
  }
}

/** A 0/1 column (`self`, `guest`) read as a boolean, or the problem with it. */
export function readFlag(value: string): { value: boolean } | ValueProblem {
  return value === '0' || value === '1' ? { value: value === '1' } : { code: 'COURSES_UPLOAD_BAD_FLAG', params: {} };
}
