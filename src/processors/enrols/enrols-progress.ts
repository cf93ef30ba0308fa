import type { ItemResult } from '../../platform/item-result.js';
import type { RowDetail, RowOutcome, RowStatus } from '../processor.js';
import type { EnrolsMessageCode } from './enrols-messages.js';
import type { ResolvedRow } from './enrols-references.js';

const NO_DETAILS: readonly RowDetail[] = [];

/** A row on its way: what it has done so far; it becomes one outcome once the batch is written. */
export class RowProgress {
  readonly resolved: ResolvedRow;
  /** `enrolment` with an enrolment method, `role` in role mode. */
  readonly entity: 'enrolment' | 'role';
  status: RowStatus = 'unchanged';
  code: EnrolsMessageCode = 'ENROLS_ALREADY_ENROLLED';
  params: Record<string, string | number>;
  /** Null until the first detail (see detail()). */
  #details: RowDetail[] | null = null;
  readonly counters: string[] = [];

  constructor(resolved: ResolvedRow) {
    this.resolved = resolved;
    this.entity = resolved.instance ? 'enrolment' : 'role';
    this.params = {
      cmd: resolved.cmd,
      user: resolved.uid,
      course: resolved.cid,
      role: resolved.roleRecord?.shortname ?? resolved.role,
      enrol: resolved.instance?.enrol ?? '',
    };
  }

  /** Sets the row's main outcome; extra params join the row's own. */
  set(status: RowStatus, code: EnrolsMessageCode, params?: Record<string, string | number>, counter?: string): void {
    this.status = status;
    this.code = code;
    // Copied only when params are added: most rows add none, and a row's params are read once, at its outcome.
    if (params) this.params = { ...this.params, ...params };
    if (counter) this.counters.push(counter);
  }

  /** A platform refusal of the command makes the row an error (fed to the tryback file). */
  refused(result: ItemResult<unknown>): boolean {
    if (result.ok) return false;
    this.set('error', 'ENROLS_PLATFORM_REJECTED', { reason: result.error.message });
    return true;
  }

  detail(code: EnrolsMessageCode, params: Record<string, string | number>, counter?: string, level?: 'warning'): void {
    // One literal of fixed shape: an absent counter or level is undefined (readers test them, never their presence).
    const detail: RowDetail = { code, params: { user: this.resolved.uid, course: this.resolved.cid, ...params }, counter, level };
    // Rows mostly have one detail: a list literal holds it exactly, where a first push would reserve 17 slots.
    if (this.#details) this.#details.push(detail);
    else this.#details = [detail];
  }

  outcome(): RowOutcome {
    return {
      row: this.resolved.row,
      status: this.status,
      code: this.code,
      params: this.params,
      entity: this.entity,
      details: this.#details ?? NO_DETAILS,
      counters: this.counters,
    };
  }
}
