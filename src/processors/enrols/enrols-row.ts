import type { CsvRow } from '../../csv/reader.js';
import { DATE_FORMS } from '../dates.js';
import { ENROL_COMMANDS, GROUP_COMMANDS, type EnrolCommand, type GroupCommand } from './enrols-columns.js';
import type { EnrolsMessageCode } from './enrols-messages.js';

/** A row of the enrolment file, read and checked; nothing looked up yet. */
export interface EnrolRow {
  readonly row: CsvRow;
  readonly cmd: EnrolCommand;
  /** Role shortname; empty when the row names none. */
  readonly role: string;
  readonly cid: string;
  readonly uid: string;
  /** The enrolment method; absent in role mode (the file has no `enrol` column). */
  readonly enrol?: string;
  /** Unix seconds, when the row gives a start. */
  readonly start?: number;
  /** Unix seconds, when the row gives an end. */
  readonly end?: number;
  readonly gcmd?: GroupCommand;
  /** Group names of g1…g9, non-empty, in column order. */
  readonly groups: readonly string[];
}

/** A row problem found before any lookup. */
export interface RowError {
  readonly code: EnrolsMessageCode;
  readonly params: Record<string, string | number>;
  readonly column: string;
}

export interface EnrolRowContext {
  /** `enrols_defaultcmd`: for an absent `cmd` column or an empty value (decision 48). */
  readonly defaultCommand: EnrolCommand;
  readonly readDate: (value: string) => number | null;
  /** Whether the file has an `enrol` column (without one, rows only give roles). */
  readonly hasEnrolColumn: boolean;
}

/** The group columns, named once rather than per row (a million rows go through here). */
const GROUP_COLUMNS = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7', 'g8', 'g9'] as const;
const NO_GROUPS: readonly string[] = [];

/**
 * Reads a row: command, dates, group command; an empty `enrol` value means `manual` (spec 6.3). Or every problem
 * found, each naming its column.
 */
export function readEnrolRow(row: CsvRow, context: EnrolRowContext): EnrolRow | RowError[] {
  const problems: RowError[] = [];
  const cmdValue = (row.value('cmd') ?? '').toLowerCase();
  const cmd = cmdValue === '' ? context.defaultCommand : cmdValue === 'delete' ? 'del' : cmdValue;
  if (!(ENROL_COMMANDS as readonly string[]).includes(cmd)) problems.push({ code: 'ENROLS_BAD_COMMAND', params: { value: row.value('cmd') ?? '' }, column: 'cmd' });
  const gcmdValue = (row.value('gcmd') ?? '').toLowerCase();
  if (gcmdValue && !(GROUP_COMMANDS as readonly string[]).includes(gcmdValue)) {
    problems.push({ code: 'ENROLS_BAD_GROUP_COMMAND', params: { value: row.value('gcmd') ?? '' }, column: 'gcmd' });
  }
  const start = readDateColumn(row, 'starttime', context, problems);
  const end = readDateColumn(row, 'endtime', context, problems);
  if (start !== undefined && end !== undefined && end > 0 && end < start) {
    problems.push({ code: 'ENROLS_DATES_REVERSED', params: { start: row.value('starttime')!, end: row.value('endtime')! }, column: 'endtime' });
  }
  if (problems.length) return problems;
  // One literal of fixed shape (absent values are undefined), rather than spreads building it up.
  return {
    row,
    cmd: cmd as EnrolCommand,
    role: row.value('rolename') ?? '',
    cid: row.value('cid') ?? '',
    uid: row.value('uid') ?? '',
    enrol: context.hasEnrolColumn ? row.value('enrol') || 'manual' : undefined,
    start,
    end,
    gcmd: gcmdValue ? (gcmdValue as GroupCommand) : undefined,
    groups: groupsOf(row),
  };
}

/** The non-empty group names of g1…g9, in column order. */
function groupsOf(row: CsvRow): readonly string[] {
  let groups: string[] | null = null;
  for (const column of GROUP_COLUMNS) {
    const name = row.value(column);
    if (!name) continue;
    // Rows name a group or two: a list literal holds the first exactly, where a first push would reserve 17 slots.
    if (groups) groups.push(name);
    else groups = [name];
  }
  return groups ?? NO_GROUPS;
}

/** A date column in Unix seconds; undefined when empty, or when unreadable (then a problem is added). */
function readDateColumn(row: CsvRow, column: 'starttime' | 'endtime', context: EnrolRowContext, problems: RowError[]): number | undefined {
  const value = row.value(column);
  if (!value) return undefined;
  const date = context.readDate(value);
  if (date === null) problems.push({ code: 'ENROLS_BAD_DATE', params: { column, value, forms: DATE_FORMS }, column });
  return date ?? undefined;
}
