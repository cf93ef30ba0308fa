import type { CsvRow } from '../../csv/reader.js';
import type { UserProfile } from '../../platform/operations.js';
import { DATE_FORMS } from '../dates.js';
import type { UsersMessageCode } from './users-messages.js';

/** What a row asks for one course (the `courseN`… columns of one N). */
export interface EnrolmentRequest {
  /** N of `courseN`, for messages. */
  readonly index: number;
  readonly course: string;
  readonly role?: string;
  readonly enrol?: string;
  readonly group?: string;
  /** Unix seconds; 0 when empty (no start restriction). */
  readonly start: number;
  /** Unix seconds; 0 when empty (no end). */
  readonly end: number;
}

/** A users row, read and checked: every value valid, nothing looked up yet. */
export interface UserRow {
  readonly row: CsvRow;
  /** Lower-cased. */
  readonly username: string;
  /** Profile values the row gives; an empty value is "not given" and never erases anything. */
  readonly profile: Partial<Record<keyof UserProfile, string | number>>;
  /** Absent: no password column; `''`: empty value. */
  readonly password?: string;
  readonly suspended?: boolean;
  readonly deleted: boolean;
  /** Lower-cased previous username, for a rename. */
  readonly oldusername?: string;
  readonly cohort?: { readonly name: string; readonly idnumber?: string };
  /** Custom profile field values by shortname (non-empty ones). */
  readonly customFields: Readonly<Record<string, string>>;
  readonly enrolments: readonly EnrolmentRequest[];
}

export interface RowError {
  readonly code: UsersMessageCode;
  readonly params: Record<string, string | number>;
  readonly column: string;
}

/** Moodle's rule for usernames (`core_user::clean_username` with extended characters off). */
export const USERNAME = /^[a-z0-9_\-.@]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const TEXT_FIELDS = ['firstname', 'lastname', 'email', 'idnumber', 'institution', 'department', 'city', 'phone1', 'phone2', 'address', 'url', 'description'] as const;

/** Numeric fields with the values Moodle accepts. */
const CHOICE_FIELDS: Record<string, readonly number[]> = {
  mailformat: [0, 1],
  maildisplay: [0, 1, 2],
  maildigest: [0, 1, 2],
  autosubscribe: [0, 1],
  trackforums: [0, 1],
};

const MAX_PASSWORD = 256;

const YES = new Set(['1', 'yes', 'y', 'oui', 'true']);
const NO = new Set(['0', 'no', 'n', 'non', 'false']);

/** How a row reads dates, and which `courseN` indexes the header holds. */
export interface RowContext {
  readonly readDate: (value: string) => number | null;
  readonly courseIndexes: readonly number[];
  readonly profileFields: readonly string[];
}

/**
 * Reads and checks a users row (spec 3.3, as corrected): required values, the username rule, every optional
 * column's form (country, language, time zone, numbers, yes/no, dates), custom fields and the enrolment
 * pattern. Every problem found is answered, each naming its column, so that one run shows all there is to fix.
 */
export function readUserRow(row: CsvRow, context: RowContext): UserRow | RowError[] {
  const problems: RowError[] = [];
  for (const column of ['username', 'firstname', 'lastname']) {
    if (!row.value(column)) problems.push({ code: 'USERS_VALUE_MISSING', params: { column }, column });
  }
  const username = (row.value('username') ?? '').toLowerCase();
  if (username && !USERNAME.test(username)) problems.push({ code: 'USERS_INVALID_USERNAME', params: { column: 'username', value: username }, column: 'username' });
  const mnethost = row.value('mnethostid');
  if (mnethost && mnethost !== '1') problems.push({ code: 'USERS_REMOTE_HOST', params: { value: mnethost }, column: 'mnethostid' });

  const profile: Record<string, string | number> = {};
  for (const field of TEXT_FIELDS) {
    const value = row.value(field);
    if (value) profile[field] = value;
  }
  if (profile.email !== undefined && !EMAIL.test(String(profile.email))) {
    problems.push({ code: 'USERS_INVALID_EMAIL', params: { value: profile.email }, column: 'email' });
  }
  problems.push(...readFormattedFields(row, profile));

  const password = row.value('password');
  // SHA-512 crypt costs grow with the square of the length: a runaway value must not hold a core for minutes.
  if (password && password.length > MAX_PASSWORD) {
    problems.push({ code: 'USERS_INVALID_VALUE', params: { column: 'password', value: `${password.slice(0, 12)}…`, expected: `at most ${MAX_PASSWORD} characters` }, column: 'password' });
  }
  const flags = readFlags(row, problems);
  const oldusername = row.value('oldusername')?.toLowerCase();
  if (oldusername && !USERNAME.test(oldusername)) {
    problems.push({ code: 'USERS_INVALID_USERNAME', params: { column: 'oldusername', value: oldusername }, column: 'oldusername' });
  }
  const enrolments = readEnrolments(row, context, problems);
  if (problems.length) return problems;

  const customFields: Record<string, string> = {};
  for (const shortname of context.profileFields) {
    const value = row.value(`profile_field_${shortname}`);
    if (value) customFields[shortname] = value;
  }
  const cohortName = row.value('cohort');
  return {
    row,
    username,
    profile,
    ...(row.has('password') ? { password: row.value('password') ?? '' } : {}),
    ...(flags.suspended === undefined ? {} : { suspended: flags.suspended }),
    deleted: flags.deleted,
    ...(oldusername ? { oldusername } : {}),
    ...(cohortName ? { cohort: { name: cohortName, ...(row.value('cohortid') ? { idnumber: row.value('cohortid')! } : {}) } } : {}),
    customFields,
    enrolments,
  };
}

/** Country, language, time zone, auth and the numeric choices, normalised as Moodle stores them; the problems of those that are not. */
function readFormattedFields(row: CsvRow, profile: Record<string, string | number>): RowError[] {
  const problems: RowError[] = [];
  const invalid = (column: string, value: string, expected: string): RowError => ({
    code: 'USERS_INVALID_VALUE',
    params: { column, value, expected },
    column,
  });
  const country = row.value('country');
  if (country) {
    if (!/^[a-z]{2}$/i.test(country)) problems.push(invalid('country', country, 'a two-letter ISO country code such as FR'));
    else profile.country = country.toUpperCase();
  }
  const lang = row.value('lang');
  if (lang) {
    const code = lang.toLowerCase().replace(/_utf8$/, '');
    if (!/^[a-z]{2,3}(_[a-z0-9]+)*$/.test(code)) problems.push(invalid('lang', lang, 'a language code such as fr or en_us'));
    else profile.lang = code;
  }
  const timezone = row.value('timezone');
  if (timezone) {
    if (timezone !== '99' && !isTimeZone(timezone)) problems.push(invalid('timezone', timezone, '99 (the site\'s) or a zone such as Europe/Paris'));
    else profile.timezone = timezone;
  }
  const auth = row.value('auth');
  if (auth) {
    if (!/^[a-z0-9_]+$/.test(auth)) problems.push(invalid('auth', auth, 'an authentication plugin name such as manual, ldap or cas'));
    else profile.auth = auth;
  }
  for (const [field, allowed] of Object.entries(CHOICE_FIELDS)) {
    const value = row.value(field);
    if (!value) continue;
    if (!allowed.includes(Number(value)) || !/^\d$/.test(value)) problems.push(invalid(field, value, allowed.join(', ')));
    else profile[field] = Number(value);
  }
  return problems;
}

/** The yes/no columns; a value that is neither adds a problem. */
function readFlags(row: CsvRow, problems: RowError[]): { suspended?: boolean; deleted: boolean } {
  const flag = (column: string): boolean | undefined => {
    const value = row.value(column)?.toLowerCase();
    if (!value) return undefined;
    if (YES.has(value)) return true;
    if (NO.has(value)) return false;
    problems.push({ code: 'USERS_INVALID_VALUE', params: { column, value, expected: '1 or 0 (yes or no)' }, column });
    return undefined;
  };
  const suspended = flag('suspended');
  const deleted = flag('deleted');
  return { ...(suspended === undefined ? {} : { suspended }), deleted: deleted ?? false };
}

/** Each N on its own (the original read `enrol1` for every N); a course left empty means nothing for that N. A date that reads as none adds a problem. */
function readEnrolments(row: CsvRow, context: RowContext, problems: RowError[]): EnrolmentRequest[] {
  const requests: EnrolmentRequest[] = [];
  for (const index of context.courseIndexes) {
    const course = row.value(`course${index}`);
    if (!course) continue;
    const dates: number[] = [];
    for (const name of ['start', 'end']) {
      const column = `${name}${index}`;
      const value = row.value(column);
      if (!value) {
        dates.push(0);
        continue;
      }
      const date = context.readDate(value);
      if (date === null) problems.push({ code: 'USERS_INVALID_DATE', params: { column, value, forms: DATE_FORMS }, column });
      dates.push(date ?? 0);
    }
    const optional = (name: string) => (row.value(`${name}${index}`) ? { [name]: row.value(`${name}${index}`)! } : {});
    requests.push({ index, course, ...optional('role'), ...optional('enrol'), ...optional('group'), start: dates[0]!, end: dates[1]! });
  }
  return requests;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
