import type { Kysely } from 'kysely';
import type { RunRecord } from './run-records.js';
import type { Database } from './schema.js';

/** Filters of the run list; times are Unix milliseconds compared with when the run was queued. */
export interface RunFilter {
  readonly processor?: string;
  readonly status?: string;
  readonly from?: number;
  readonly to?: number;
}

/** One page of runs, newest first, and how many match in all. */
export async function pageRunRecords(
  db: Kysely<Database>,
  filter: RunFilter,
  page: { offset: number; limit: number },
): Promise<{ total: number; runs: RunRecord[] }> {
  let query = db.selectFrom('ts_runs');
  if (filter.processor) query = query.where('processor', '=', filter.processor);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.from !== undefined) query = query.where('queued_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('queued_at', '<=', filter.to);
  const [count, runs] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
    query.selectAll().orderBy('id', 'desc').offset(page.offset).limit(page.limit).execute(),
  ]);
  return { total: Number(count.count), runs };
}

/** The latest finished run of each processor action among `actions` (`processor/action`). */
export async function latestFinishedRun(
  db: Kysely<Database>,
  actions: readonly { processor: string; action: string }[],
): Promise<RunRecord | undefined> {
  if (!actions.length) return undefined;
  return db
    .selectFrom('ts_runs')
    .selectAll()
    .where((eb) => eb.or(actions.map((a) => eb.and([eb('processor', '=', a.processor), eb('action', '=', a.action)]))))
    .where('finished_at', 'is not', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
