import type { CsvRow } from '../../csv/reader.js';
import type { ResetModules } from '../../platform/operations.js';
import { RESET_DEFAULT_YES, RESET_MODULE_COLUMNS } from './course-reset-columns.js';
import type { CourseResetMessageCode } from './course-reset-messages.js';

/** Values that reset nothing; any other unknown value also resets nothing, with a warning (as the original ignored it). */
const NONE = ['', 'no', 'none', '0'];
const YES = ['yes', '1'];

/** Which modules a row resets: `all`, a list of module names, or all except a list (`-forum -quiz`). */
export type ModuleSelection = ResetModules;

/** A reset row, read and checked; nothing looked up yet. */
export interface ResetRequest {
  readonly row: CsvRow;
  readonly course: string;
  /** `all`, role shortnames, or null for no unenrolment. */
  readonly roles: 'all' | readonly string[] | null;
  readonly groups: { readonly remove: boolean; readonly members: boolean };
  readonly groupings: { readonly remove: boolean; readonly members: boolean };
  /** Parts the row asks to reset that only Moodle holds (events, grades…), by column. */
  readonly asked: readonly string[];
  readonly modules: ModuleSelection;
  /** Values that reset nothing because they mean nothing here: column and value, for warnings. */
  readonly ignored: readonly { readonly column: string; readonly value: string }[];
}

export interface ResetRowError {
  readonly code: CourseResetMessageCode;
  readonly params: Record<string, string | number>;
  readonly column: string;
}

/** The choices of the columns that take a word; `groups` stands for `groupings` there, as the original read it. */
const CHOICES: Record<string, Record<string, readonly string[]>> = {
  local_roles: { all: ['local_roles', 'overrides'], roles: ['local_roles'], overrides: ['overrides'] },
  grades: { all: ['grade_items', 'grades'], items: ['grade_items'], grades: ['grades'] },
  groups: { all: ['remove', 'members'], groups: ['remove'], members: ['members'] },
  groupings: { all: ['remove', 'members'], groupings: ['remove'], groups: ['remove'], members: ['members'] },
};

const MODULE_NAME = /^[a-z][a-z0-9_]*$/;

/** Reads a row (spec 5.9 as corrected: `completion` reads its own column, `modules` is honoured). */
export function readResetRow(row: CsvRow, identifier: string): ResetRequest | ResetRowError {
  const course = row.value(identifier) ?? '';
  if (!course) return { code: 'COURSERESET_EMPTY_IDENTIFIER', params: { column: identifier }, column: identifier };
  const ignored: { column: string; value: string }[] = [];
  const asked: string[] = [];
  const choice = (column: string): readonly string[] => {
    const value = (row.value(column) ?? '').toLowerCase();
    const parts = CHOICES[column]![value];
    if (!parts && !NONE.includes(value)) ignored.push({ column, value: row.value(column)! });
    return parts ?? [];
  };
  const yes = (column: string, absent: boolean) => {
    const raw = row.value(column);
    if (raw === undefined) return absent;
    const value = raw.toLowerCase();
    if (!YES.includes(value) && !NONE.includes(value)) ignored.push({ column, value: raw });
    return YES.includes(value);
  };
  for (const column of ['events', 'logs', 'notes']) if (yes(column, false)) asked.push(column);
  for (const column of RESET_DEFAULT_YES) if (yes(column, true)) asked.push(column);
  if (yes('completion', false)) asked.push('completion');
  asked.push(...choice('local_roles'), ...choice('grades'));
  for (const column of RESET_MODULE_COLUMNS) if (row.value(column) === '1') asked.push(column);
  const groups = choice('groups');
  const groupings = choice('groupings');
  const modules = readModules(row.value('modules') ?? '');
  if ('code' in modules) return modules;
  const roles = readRoles(row.value('roles') ?? '');
  return {
    row,
    course,
    roles,
    groups: { remove: groups.includes('remove'), members: groups.includes('members') },
    groupings: { remove: groupings.includes('remove'), members: groupings.includes('members') },
    asked,
    modules,
    ignored,
  };
}

function readRoles(value: string): 'all' | readonly string[] | null {
  if (value.toLowerCase() === 'all') return 'all';
  if (NONE.includes(value.toLowerCase())) return null;
  return [...new Set(value.split(/\s+/).filter(Boolean))];
}

function readModules(value: string): ModuleSelection | ResetRowError {
  const text = value.trim().toLowerCase();
  if (NONE.includes(text)) return { mode: 'none' };
  if (text === 'all') return { mode: 'all' };
  const words = text.split(/\s+/);
  const excluded = words.filter((word) => word.startsWith('-'));
  if (excluded.length && excluded.length !== words.length) {
    return { code: 'COURSERESET_MIXED_MODULES', params: { value }, column: 'modules' };
  }
  const names = words.map((word) => word.replace(/^-/, ''));
  const bad = names.find((name) => !MODULE_NAME.test(name));
  if (bad !== undefined) return { code: 'COURSERESET_BAD_MODULE', params: { value: bad }, column: 'modules' };
  return { mode: excluded.length ? 'except' : 'only', names: [...new Set(names)] };
}
