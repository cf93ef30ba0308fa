import type { ColumnSpec } from '../../csv/header-check.js';

/** Columns of the enrolment file (spec 6.2). */
export const ENROLS_COLUMNS: ColumnSpec = {
  required: ['rolename', 'cid', 'uid'],
  optional: ['cmd', 'enrol', 'starttime', 'endtime', 'gcmd'],
  patterns: [/g[1-9]/],
};

/** The row commands (`delete` is the original's alias of `del`). */
export const ENROL_COMMANDS = ['add', 'del', 'delete', 'shift', 'enable', 'disable'] as const;
export type EnrolCommand = 'add' | 'del' | 'shift' | 'enable' | 'disable';

/** The group commands of the `gcmd` column, applied to the groups named in `g1`…`g9`. */
export const GROUP_COMMANDS = ['gadd', 'gaddcreate', 'greplace', 'greplacecreate', 'gdel'] as const;
export type GroupCommand = (typeof GROUP_COMMANDS)[number];

/** The component that marks the group memberships tool-sync protects (`enrols_protectgroups`). */
export const PROTECTION_COMPONENT = 'tool_sync';
