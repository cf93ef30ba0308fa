import type { ColumnSpec } from '../../csv/header-check.js';

/** Columns of the group and grouping file (spec 8.2): `updateid` switches its rows to update mode. */
export const COURSE_GROUPS_COLUMNS: ColumnSpec = {
  required: ['courseid', 'name'],
  optional: ['type', 'idnumber', 'description', 'selfgrouping', 'grouping', 'updateid'],
};

/**
 * Columns of the group members file (spec 8.3). `courseid` is required: the original declared it optional but
 * could not work without it. `gcmd`, the name its help text gave the command column, is accepted as `cmd`.
 */
export const GROUP_MEMBERS_COLUMNS: ColumnSpec = {
  required: ['groupid', 'userid', 'courseid'],
  optional: ['cmd', 'gcmd'],
};
