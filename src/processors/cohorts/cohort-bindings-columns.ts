import type { ColumnSpec } from '../../csv/header-check.js';

/** Columns of the cohort → course binding file (spec 7.3). */
export const COHORT_BINDINGS_COLUMNS: ColumnSpec = {
  required: ['cohort', 'course'],
  optional: ['cmd', 'enrol', 'role', 'makegroup', 'enrolstart', 'enrolend'],
};

/** The row commands; an absent or empty `cmd` means `add`. */
export const BINDING_COMMANDS = ['add', 'del', 'restore', 'fulldel'] as const;
export type BindingCommand = (typeof BINDING_COMMANDS)[number];

/** The only enrolment method the binding file drives (the embedded platform's cohort instances). */
export const COHORT_METHOD = 'cohort';

/** The role a row without one binds with. */
export const DEFAULT_ROLE = 'student';

/** The `role` value that means every role (del, restore and fulldel only). */
export const ALL_ROLES = '*';

/** Values of `makegroup`: true ones, false ones (empty is false); anything else is a row error. */
export const TRUE_VALUES = ['1', 'yes', 'true'] as const;
export const FALSE_VALUES = ['', '0', 'no', 'false'] as const;
