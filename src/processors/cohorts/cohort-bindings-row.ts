import type { CsvRow } from '../../csv/reader.js';
import { DATE_FORMS } from '../dates.js';
import {
  ALL_ROLES,
  BINDING_COMMANDS,
  COHORT_METHOD,
  FALSE_VALUES,
  TRUE_VALUES,
  type BindingCommand,
} from './cohort-bindings-columns.js';
import type { CohortBindingsMessageCode } from './cohort-bindings-messages.js';

/** A row of the binding file, read and checked; nothing looked up yet. */
export interface BindingRow {
  readonly row: CsvRow;
  readonly cmd: BindingCommand;
  readonly cohort: string;
  readonly course: string;
  /** The role as written; empty means the default role, `*` every role. */
  readonly role: string;
  readonly makegroup: boolean;
  /** Unix seconds, when the row gives a start. */
  readonly enrolstart?: number;
  /** Unix seconds, when the row gives an end. */
  readonly enrolend?: number;
}

/** A row problem, found before or during lookups. */
export interface BindingError {
  readonly code: CohortBindingsMessageCode;
  readonly params: Record<string, string | number>;
  readonly column: string;
}

/**
 * Reads a row: command, method, role, makegroup flag and dates; or every problem found, each naming its column. A
 * row with fewer values than the header is an error alone, as the original refused it (a row with more is refused
 * by the reader already).
 */
export function readBindingRow(row: CsvRow, readDate: (value: string) => number | null, columns: readonly string[]): BindingRow | BindingError[] {
  const last = columns.at(-1);
  if (last !== undefined && row.value(last) === undefined) return [{ code: 'COHORTBINDINGS_TOO_FEW_VALUES', params: { count: columns.length }, column: last }];
  const problems: BindingError[] = [];
  const cmdValue = row.value('cmd') ?? '';
  const cmd = cmdValue === '' ? 'add' : cmdValue.toLowerCase();
  if (!(BINDING_COMMANDS as readonly string[]).includes(cmd)) problems.push({ code: 'COHORTBINDINGS_BAD_COMMAND', params: { value: cmdValue }, column: 'cmd' });
  for (const column of ['cohort', 'course']) {
    if (!row.value(column)) problems.push({ code: 'COHORTBINDINGS_EMPTY_VALUE', params: { column }, column });
  }
  const enrol = row.value('enrol') || COHORT_METHOD;
  if (enrol.toLowerCase() !== COHORT_METHOD) problems.push({ code: 'COHORTBINDINGS_UNSUPPORTED_METHOD', params: { enrol }, column: 'enrol' });
  const role = row.value('role') ?? '';
  if (role === ALL_ROLES && cmd === 'add') problems.push({ code: 'COHORTBINDINGS_ALL_ROLES_ON_ADD', params: {}, column: 'role' });
  const makegroupValue = row.value('makegroup') ?? '';
  const flag = makegroupValue.toLowerCase();
  const isTrue = (TRUE_VALUES as readonly string[]).includes(flag);
  if (!isTrue && !(FALSE_VALUES as readonly string[]).includes(flag)) {
    problems.push({ code: 'COHORTBINDINGS_BAD_MAKEGROUP', params: { value: makegroupValue }, column: 'makegroup' });
  }
  const dates: { enrolstart?: number; enrolend?: number } = {};
  for (const column of ['enrolstart', 'enrolend'] as const) {
    const value = row.value(column);
    if (!value) continue;
    const date = readDate(value);
    if (date === null) problems.push({ code: 'COHORTBINDINGS_BAD_DATE', params: { column, value, forms: DATE_FORMS }, column });
    else dates[column] = date;
  }
  if (dates.enrolstart !== undefined && dates.enrolend !== undefined && dates.enrolend > 0 && dates.enrolend < dates.enrolstart) {
    problems.push({ code: 'COHORTBINDINGS_DATES_REVERSED', params: { start: row.value('enrolstart')!, end: row.value('enrolend')! }, column: 'enrolend' });
  }
  if (problems.length) return problems;
  return {
    row,
    cmd: cmd as BindingCommand,
    cohort: row.value('cohort')!,
    course: row.value('course')!,
    role,
    makegroup: isTrue,
    ...dates,
  };
}
