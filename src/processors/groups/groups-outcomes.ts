import type { CsvRow } from '../../csv/reader.js';
import type { PlatformCourse } from '../../platform/operations.js';
import type { CourseLookup } from '../lookups.js';
import type { RowDetail, RowOutcome, RowStatus } from '../processor.js';
import type { GroupsMessageCode } from './groups-messages.js';

type Params = Readonly<Record<string, string | number>>;

/** An outcome of the groups processor; an error goes to the tryback file (the engine's default). */
export function outcome(
  row: CsvRow,
  entity: string,
  status: RowStatus,
  code: GroupsMessageCode,
  params: Params,
  extra: { column?: string; details?: readonly RowDetail[] } = {},
): RowOutcome {
  return {
    row,
    status,
    code,
    params,
    entity,
    ...(extra.column ? { column: extra.column } : {}),
    ...(extra.details?.length ? { details: extra.details } : {}),
  };
}

/** A row error naming the column it is about. */
export function rowError(row: CsvRow, entity: string, code: GroupsMessageCode, params: Params & { column: string }): RowOutcome {
  return outcome(row, entity, 'error', code, params, { column: params.column });
}

/** The course a row names in its `courseid` column (loaded beforehand), or the row error saying why there is none. */
export function resolveCourse(row: CsvRow, courses: CourseLookup, entity: string): PlatformCourse | RowOutcome {
  const column = 'courseid';
  const value = row.value(column) ?? '';
  if (value === '') return rowError(row, entity, 'GROUPS_COURSE_MISSING', { column });
  return courses.get(value) ?? rowError(row, entity, 'GROUPS_COURSE_UNKNOWN', { column, field: courses.field, value });
}

/** Whether a resolution gave an outcome (an error) rather than the thing looked up. */
export function isOutcome(value: object): value is RowOutcome {
  return 'status' in value && 'row' in value;
}
