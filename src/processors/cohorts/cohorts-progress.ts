import type { ItemResult } from '../../platform/item-result.js';
import type { RowDetail, RowOutcome, RowStatus } from '../processor.js';
import type { CohortsMessageCode } from './cohorts-messages.js';
import type { CohortRow } from './cohorts-row.js';

interface Result {
  readonly status: RowStatus;
  readonly code: CohortsMessageCode;
  readonly params: Record<string, string | number>;
}

/**
 * A row on its way: what it did to the cohort and to the member; it becomes one outcome once the batch is
 * written. A row naming a member reports the membership as its main line (entity `cohortmember`) and a
 * creation or update of the cohort as a further line; a row without one reports the cohort (entity `cohort`).
 */
export class CohortProgress {
  readonly row: CohortRow;
  #cohort: Result | null = null;
  #member: Result | null = null;
  #error: (Result & { readonly column?: string }) | null = null;
  readonly details: RowDetail[] = [];
  readonly counters: string[] = [];

  constructor(row: CohortRow) {
    this.row = row;
  }

  get failed(): boolean {
    return this.#error !== null;
  }

  fail(code: CohortsMessageCode, params: Record<string, string | number>, column?: string): void {
    if (!this.#error) this.#error = { status: 'error', code, params, ...(column ? { column } : {}) };
  }

  /** A platform refusal makes the row an error (fed to the tryback file). */
  refused<T>(result: ItemResult<T>): result is Extract<ItemResult<T>, { ok: false }> {
    if (result.ok) return false;
    this.fail('COHORTS_PLATFORM_REJECTED', { cmd: this.row.cmd, cohort: this.row.identifier, reason: result.error.message });
    return true;
  }

  cohort(status: RowStatus, code: CohortsMessageCode, params: Record<string, string | number>): void {
    this.#cohort = { status, code, params };
  }

  member(status: RowStatus, code: CohortsMessageCode, params: Record<string, string | number>): void {
    this.#member = { status, code, params };
  }

  warn(code: CohortsMessageCode, params: Record<string, string | number>): void {
    this.details.push({ code, params, level: 'warning' });
  }

  outcome(): RowOutcome {
    const base = { row: this.row.row, details: this.details, counters: this.counters };
    if (this.#error) {
      const { column, ...error } = this.#error;
      return { ...base, ...error, ...(column ? { column } : {}), entity: this.row.user ? 'cohortmember' : 'cohort' };
    }
    const cohort = this.#cohort;
    if (this.#member) {
      // The cohort's creation or update is a further line of the membership row, counted as the cohort's.
      const details = cohort && cohort.status !== 'unchanged'
        ? [{ code: cohort.code, params: cohort.params, counter: `cohort.${cohort.status}` }, ...this.details]
        : this.details;
      return { ...base, ...this.#member, details, entity: 'cohortmember' };
    }
    return { ...base, ...(cohort ?? { status: 'unchanged', code: 'COHORTS_UNCHANGED', params: {} }), entity: 'cohort' };
  }
}
