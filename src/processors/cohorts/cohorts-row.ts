import type { CsvRow } from '../../csv/reader.js';
import { COHORT_COMMANDS, IDENTIFIER_COLUMNS, type CohortCommand, type CohortField } from './cohorts-columns.js';
import type { CohortsMessageCode } from './cohorts-messages.js';

/** A row of the cohort file, read and checked; nothing looked up yet. Empty values mean "not given". */
export interface CohortRow {
  readonly row: CsvRow;
  readonly cmd: CohortCommand;
  /** The identifier column (`cid`, `cname` or `cidnumber`) and its value, never empty. */
  readonly column: string;
  readonly identifier: string;
  readonly name: string;
  readonly idnumber: string;
  readonly description: string;
  /** `ccatcontext` (a category id) or else `ccatcontextidnumber`; absent when the row names no category. */
  readonly category?: { readonly column: 'ccatcontext' | 'ccatcontextidnumber'; readonly value: string };
  readonly component: string;
  /** The member's identifier; empty when the row names none (the column absent or the value empty). */
  readonly user: string;
}

/** A row problem found before any lookup. */
export interface RowError {
  readonly code: CohortsMessageCode;
  readonly params: Record<string, string | number>;
  readonly column: string;
}

/** Reads a row: command (`add` when absent or empty), identifier value (required), the other values trimmed. */
export function readCohortRow(row: CsvRow, field: CohortField): CohortRow | RowError {
  const cmdValue = (row.value('cmd') ?? '').trim().toLowerCase();
  const cmd = cmdValue === '' ? 'add' : cmdValue;
  if (!(COHORT_COMMANDS as readonly string[]).includes(cmd)) return { code: 'COHORTS_BAD_COMMAND', params: { value: row.value('cmd') ?? '' }, column: 'cmd' };
  const column = IDENTIFIER_COLUMNS[field];
  const value = (name: string) => (row.value(name) ?? '').trim();
  const identifier = value(column);
  if (identifier === '') return { code: 'COHORTS_NO_IDENTIFIER', params: { column }, column };
  const categoryColumn = value('ccatcontext') ? 'ccatcontext' : value('ccatcontextidnumber') ? 'ccatcontextidnumber' : null;
  return {
    row,
    cmd: cmd as CohortCommand,
    column,
    identifier,
    name: value('cname'),
    idnumber: value('cidnumber'),
    description: value('cdescription'),
    ...(categoryColumn ? { category: { column: categoryColumn, value: value(categoryColumn) } } : {}),
    component: value('component'),
    user: value('userid'),
  };
}
