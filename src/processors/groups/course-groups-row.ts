import type { CsvRow } from '../../csv/reader.js';
import type { PlatformCourse } from '../../platform/operations.js';
import type { RowDetail } from '../processor.js';

/** A usable row of the group and grouping file, its course resolved. */
export interface CourseGroupsRow {
  readonly row: CsvRow;
  readonly course: PlatformCourse;
  /** `group` for an empty, absent or `group` type; `grouping` for anything else, as the original did. */
  readonly kind: 'group' | 'grouping';
  readonly name: string;
  /** Undefined when the file has no `idnumber` column (an update then keeps the idnumber). */
  readonly idnumber: string | undefined;
  /** Undefined when the file has no `description` column (an update then keeps the description). */
  readonly description: string | undefined;
  /** Group rows: a grouping named like the group is wanted, and the group bound to it. */
  readonly selfgrouping: boolean;
  /** Group rows: idnumber of a grouping of the course to bind the group to; empty for none. */
  readonly grouping: string;
  /** Empty in add-only mode; otherwise the group or grouping to update, by the identifier setting. */
  readonly updateid: string;
  /** Warnings about the row (an odd type). */
  readonly notes: readonly RowDetail[];
}

/** Reads the values of a row whose course is known; the name is checked by the caller. */
export function readCourseGroupsRow(row: CsvRow, course: PlatformCourse): CourseGroupsRow {
  const type = row.value('type') ?? '';
  const kind = rowKind(row);
  const notes: RowDetail[] = kind === 'grouping' && type !== 'grouping' ? [{ code: 'GROUPS_TYPE_UNKNOWN', params: { value: type }, level: 'warning' }] : [];
  const selfgrouping = row.value('selfgrouping') ?? '';
  return {
    row,
    course,
    kind,
    name: row.value('name') ?? '',
    idnumber: row.has('idnumber') ? (row.value('idnumber') ?? '') : undefined,
    description: row.has('description') ? (row.value('description') ?? '') : undefined,
    selfgrouping: selfgrouping !== '' && selfgrouping !== '0',
    grouping: row.value('grouping') ?? '',
    updateid: row.value('updateid') ?? '',
    notes,
  };
}

/** What a row is about: an empty, absent or `group` type is a group; any other type a grouping (spec 8.2). */
export function rowKind(row: CsvRow): 'group' | 'grouping' {
  const type = row.value('type') ?? '';
  return type === '' || type === 'group' ? 'group' : 'grouping';
}
