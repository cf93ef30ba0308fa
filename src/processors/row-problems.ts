import type { CsvRow } from '../csv/reader.js';
import type { RowOutcome } from './processor.js';

/** A problem of a row found while reading it, before any lookup: a message code of the processor and its column. */
export interface RowProblem {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly column: string;
}

/**
 * The outcome of a row with problems: the first is the row's error, the others follow as further error lines of
 * the same line, so that an administrator fixes the whole row from one report.
 *
 * @example
 * failedRow(row, [{ code: 'USERS_VALUE_MISSING', params: { column: 'firstname' }, column: 'firstname' }], 'user')
 */
export function failedRow(row: CsvRow, problems: readonly RowProblem[], entity: string): RowOutcome {
  const [first, ...others] = problems;
  if (!first) throw new Error('a failed row needs at least one problem');
  return {
    row,
    status: 'error',
    code: first.code,
    params: first.params,
    column: first.column,
    entity,
    ...(others.length ? { details: others.map((problem) => ({ code: problem.code, params: problem.params, level: 'error' as const })) } : {}),
  };
}
