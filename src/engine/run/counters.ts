import type { RowOutcome } from '../../processors/processor.js';

/** Counters of a run: rows by result, and entities by what happened to them (`user.created`). */
export class RunCounters {
  read = 0;
  ok = 0;
  skipped = 0;
  errors = 0;
  readonly entities: Record<string, number> = {};

  /** Counts a row's outcome, or an archive entry's (which has no details). */
  add(outcome: Pick<RowOutcome, 'status' | 'entity' | 'counters' | 'details'>): void {
    this.read++;
    if (outcome.status === 'error') this.errors++;
    else if (outcome.status === 'skipped' || outcome.status === 'notExecuted') this.skipped++;
    else this.ok++;
    if (outcome.entity) this.count(`${outcome.entity}.${outcome.status}`);
    for (const key of outcome.counters ?? []) this.count(key);
    for (const detail of outcome.details ?? []) if (detail.counter) this.count(detail.counter);
  }

  /** Adds one to an entity counter (`enrolment.created`, `mail.sent`…). */
  count(key: string): void {
    this.entities[key] = (this.entities[key] ?? 0) + 1;
  }
}
