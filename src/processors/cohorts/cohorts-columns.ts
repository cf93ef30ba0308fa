import type { ColumnSpec } from '../../csv/header-check.js';
import type { Settings } from '../../settings/settings-store.js';

/** Cohort fields a cohort file can name cohorts by (`cohorts_cohortidentifier`). */
export type CohortField = 'id' | 'idnumber' | 'name';

/** The column holding each identifier field: `c` + the field (spec 7.2). */
export const IDENTIFIER_COLUMNS: Readonly<Record<CohortField, string>> = { id: 'cid', idnumber: 'cidnumber', name: 'cname' };

/** Every column of the cohort file (spec 7.2). */
const COLUMNS = ['cmd', 'cid', 'cname', 'cidnumber', 'userid', 'cdescription', 'ccatcontext', 'ccatcontextidnumber', 'component'];

/** The row commands; an absent or empty `cmd` means `add`. */
export const COHORT_COMMANDS = ['add', 'del', 'free'] as const;
export type CohortCommand = (typeof COHORT_COMMANDS)[number];

/** The cohort field the settings name rows by. */
export function cohortField(settings: Settings): CohortField {
  return settings.choice('cohorts_cohortidentifier') as CohortField;
}

/** The columns of the cohort file: the identifier column the settings select is required, the others optional. */
export function cohortsColumns(settings: Settings): ColumnSpec {
  const identifier = IDENTIFIER_COLUMNS[cohortField(settings)];
  return { required: [identifier], optional: COLUMNS.filter((column) => column !== identifier) };
}
