import type { CsvRow } from '../../csv/reader.js';
import type { CourseSettings } from '../../platform/operations.js';
import type { CourseUploadField } from './upload-columns.js';
import { readFlag, readValue, VALUE_RULES, type ValueProblem } from './upload-values.js';
import type { UploadMessageCode } from './upload-messages.js';

/** A section a `topicN` column writes. */
export interface TopicValue {
  readonly section: number;
  readonly name: string;
  readonly summary: string;
}

/** A teacher a `teacherN_account` column names, with the role of `teacherN_role` (editingteacher when empty). */
export interface TeacherValue {
  readonly column: string;
  readonly account: string;
  readonly roleColumn: string;
  readonly role: string;
}

/** A row of the course creation file, read and checked; nothing looked up yet. */
export interface CourseRow {
  readonly row: CsvRow;
  /** The identifier column and its value (never empty). */
  readonly column: string;
  readonly identifier: string;
  readonly fullname: string;
  readonly shortname: string;
  /** Every setting the row gives (fullname and shortname included); absent columns and empty number or date values give none. */
  readonly settings: CourseSettings;
  /** The `category` value; empty when the column is absent or the value empty. */
  readonly category: string;
  /** `self` and `guest`: undefined when the column is absent (existing instances are then left alone). */
  readonly self?: boolean;
  readonly guest?: boolean;
  readonly template: string;
  /** Non-empty topics, by section number. */
  readonly topics: readonly TopicValue[];
  readonly teachers: readonly TeacherValue[];
}

/** A row problem found before any lookup. */
export interface RowError {
  readonly code: UploadMessageCode;
  readonly params: Readonly<Record<string, string | number>>;
  readonly column: string;
}

const FULLNAME_MAX = 254;
const SHORTNAME_MAX = 150;
const TOPIC_NAME_MAX = 255;

/** The pattern columns of a file's header: its `topicN` section numbers and `teacherN_account` columns, in order of N. */
export interface RowLayout {
  readonly topics: readonly number[];
  readonly teachers: readonly string[];
  /** The setting columns the header holds, with their rules. */
  readonly settings: readonly (readonly [string, (typeof VALUE_RULES)[string]])[];
}

export function rowLayout(columns: readonly string[]): RowLayout {
  const numbered = (pattern: RegExp) =>
    columns.flatMap((column) => (pattern.exec(column) ? [Number(pattern.exec(column)![1])] : [])).sort((a, b) => a - b);
  return {
    topics: numbered(/^topic(\d+)$/),
    teachers: numbered(/^teacher(\d+)_account$/).map((index) => `teacher${index}_account`),
    settings: Object.entries(VALUE_RULES).filter(([column]) => columns.includes(column)),
  };
}

/** Reads a row: required names, every setting column by its rule, topics and teachers; or every problem found, each naming its column. */
export function readCourseRow(row: CsvRow, field: CourseUploadField, layout: RowLayout, readDate: (value: string) => number | null): CourseRow | RowError[] {
  const value = (name: string) => (row.value(name) ?? '').trim();
  const problems: RowError[] = [];
  const problem = (column: string, found: ValueProblem) => problems.push({ code: found.code, params: { ...found.params, column, value: value(column) }, column });
  const empty = (column: string) => problems.push({ code: 'COURSES_UPLOAD_EMPTY', params: { column }, column });
  for (const [column, max] of [
    ['fullname', FULLNAME_MAX],
    ['shortname', SHORTNAME_MAX],
  ] as const) {
    if (value(column) === '') empty(column);
    else if ([...value(column)].length > max) problem(column, { code: 'COURSES_UPLOAD_TOO_LONG', params: { max } });
  }
  const identifier = value(field);
  // A shortname identifier was checked above.
  if (identifier === '' && field !== 'shortname') empty(field);
  if (field === 'id' && identifier !== '' && !/^\d+$/.test(identifier)) problem('id', { code: 'COURSES_UPLOAD_BAD_NUMBER', params: { min: 1, max: Number.MAX_SAFE_INTEGER } });

  const settings: Record<string, string | number> = { fullname: value('fullname'), shortname: value('shortname') };
  for (const [column, rule] of layout.settings) {
    const given = value(column);
    // An empty text clears the setting; an empty number, date or choice gives nothing (the default, or no change).
    if (given === '' && rule.kind !== 'text') continue;
    const read = readValue(rule, given, readDate);
    if ('code' in read) problem(column, read);
    else settings[rule.field] = read.value;
  }
  const flags: { self?: boolean; guest?: boolean } = {};
  for (const column of ['self', 'guest'] as const) {
    if (!row.has(column) || value(column) === '') continue;
    const read = readFlag(value(column));
    if ('code' in read) problem(column, read);
    else flags[column] = read.value;
  }
  const topics: TopicValue[] = [];
  for (const section of layout.topics) {
    const text = value(`topic${section}`);
    if (text === '') continue;
    const [name = '', ...rest] = text.split('|');
    if ([...name.trim()].length > TOPIC_NAME_MAX) problem(`topic${section}`, { code: 'COURSES_UPLOAD_TOO_LONG', params: { max: TOPIC_NAME_MAX } });
    else topics.push({ section, name: name.trim(), summary: rest.join('|').trim() });
  }
  const teachers: TeacherValue[] = [];
  for (const column of layout.teachers) {
    const account = value(column);
    const roleColumn = column.replace(/_account$/, '_role');
    if (account !== '') teachers.push({ column, account, roleColumn, role: value(roleColumn) || 'editingteacher' });
  }
  if (problems.length) return problems;
  return {
    row,
    column: field,
    identifier,
    fullname: value('fullname'),
    shortname: value('shortname'),
    settings,
    category: value('category'),
    ...flags,
    template: value('template'),
    topics,
    teachers,
  };
}
