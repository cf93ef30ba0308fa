import type { Kysely, Selectable } from 'kysely';
import type { Database, RunRow } from './schema.js';

/** The counts a run ends with (the engine's RunCounters has this shape). */
export interface RunCounts {
  readonly read: number;
  readonly ok: number;
  readonly skipped: number;
  readonly errors: number;
  readonly entities: Readonly<Record<string, number>>;
}

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'succeeded_with_errors', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type RunTrigger = 'manual' | 'schedule' | 'api' | 'watch';

export type RunRecord = Selectable<RunRow>;

/** Records a run as queued; every run is recorded from this point to its end. */
export async function createRunRecord(
  db: Kysely<Database>,
  run: { processor: string; action: string; input: string; trigger: RunTrigger; simulate: boolean; owner: string },
): Promise<number> {
  const row = await db
    .insertInto('ts_runs')
    .values({
      processor: run.processor,
      action: run.action,
      input_path: run.input,
      trigger: run.trigger,
      simulate: run.simulate ? 1 : 0,
      status: 'queued',
      owner: run.owner,
      queued_at: Date.now(),
      rows_read: 0,
      rows_ok: 0,
      rows_skipped: 0,
      rows_error: 0,
      counters: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The rows a running run has read so far (its other counters are written at its end). */
export async function saveRunProgress(db: Kysely<Database>, id: number, rowsRead: number): Promise<void> {
  await db.updateTable('ts_runs').set({ rows_read: rowsRead }).where('id', '=', id).where('status', '=', 'running').execute();
}

export async function markRunning(db: Kysely<Database>, id: number): Promise<void> {
  await db.updateTable('ts_runs').set({ status: 'running', started_at: Date.now() }).where('id', '=', id).execute();
}

/** The end of a run: status, counters, message and the files it left. */
export async function finishRunRecord(
  db: Kysely<Database>,
  id: number,
  end: {
    status: RunStatus;
    counters?: RunCounts;
    message?: string | null;
    reportPath?: string | null;
    trybackPath?: string | null;
    archivePath?: string | null;
  },
): Promise<void> {
  const counters = end.counters;
  await db
    .updateTable('ts_runs')
    .set({
      status: end.status,
      finished_at: Date.now(),
      message: end.message ?? null,
      report_path: end.reportPath ?? null,
      tryback_path: end.trybackPath ?? null,
      archive_path: end.archivePath ?? null,
      ...(counters
        ? {
            rows_read: counters.read,
            rows_ok: counters.ok,
            rows_skipped: counters.skipped,
            rows_error: counters.errors,
            counters: JSON.stringify(counters.entities),
          }
        : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function getRunRecord(db: Kysely<Database>, id: number): Promise<RunRecord | undefined> {
  return db.selectFrom('ts_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The latest runs first. */
export async function listRunRecords(db: Kysely<Database>, options: { limit?: number; processor?: string } = {}): Promise<RunRecord[]> {
  let query = db.selectFrom('ts_runs').selectAll().orderBy('id', 'desc').limit(options.limit ?? 20);
  if (options.processor) query = query.where('processor', '=', options.processor);
  return query.execute();
}

/**
 * Closes the queued runs of processes of this host that are gone (a service stopped before their turn came):
 * `isGone(owner)` says whether an owner `host:pid:start` is a dead process of this host. Answers their ids.
 */
export async function closeAbandonedQueuedRuns(db: Kysely<Database>, isGone: (owner: string) => boolean, message: string): Promise<number[]> {
  const queued = await db.selectFrom('ts_runs').select(['id', 'owner']).where('status', '=', 'queued').execute();
  const abandoned = queued.filter((run) => run.owner !== null && isGone(run.owner)).map((run) => run.id);
  if (abandoned.length) {
    await db.updateTable('ts_runs').set({ status: 'cancelled', message, finished_at: Date.now() }).where('id', 'in', abandoned).execute();
  }
  return abandoned;
}
