import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Upper bounds (seconds) of the run duration histogram. */
export const DURATION_BUCKETS = [1, 5, 15, 60, 300, 900, 3600, 14400] as const;

/** What the metrics endpoint exposes, counted by the database at scrape time. */
export interface RunMetrics {
  readonly runs: readonly { processor: string; status: string; count: number }[];
  readonly rows: readonly { processor: string; ok: number; skipped: number; errors: number }[];
  /** Per processor: how many finished runs took at most each bucket, their count and summed seconds. */
  readonly durations: readonly { processor: string; buckets: readonly number[]; count: number; sum: number }[];
}

export async function readRunMetrics(db: Kysely<Database>): Promise<RunMetrics> {
  const runs = await db
    .selectFrom('ts_runs')
    .select(['processor', 'status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(['processor', 'status'])
    .orderBy('processor')
    .orderBy('status')
    .execute();
  const rows = await db
    .selectFrom('ts_runs')
    .select((eb) => [
      'processor',
      eb.fn.sum<number>('rows_ok').as('ok'),
      eb.fn.sum<number>('rows_skipped').as('skipped'),
      eb.fn.sum<number>('rows_error').as('errors'),
    ])
    .groupBy('processor')
    .orderBy('processor')
    .execute();
  const duration = sql<number>`(finished_at - started_at)`;
  const durations = await db
    .selectFrom('ts_runs')
    .select((eb) => [
      'processor',
      eb.fn.countAll<number>().as('count'),
      eb.fn.sum<number>(duration).as('sum'),
      ...DURATION_BUCKETS.map((bound, index) =>
        eb.fn.sum<number>(sql`case when ${duration} <= ${bound * 1000} then 1 else 0 end`).as(`b${index}`),
      ),
    ])
    .where('started_at', 'is not', null)
    .where('finished_at', 'is not', null)
    .groupBy('processor')
    .orderBy('processor')
    .execute();
  return {
    runs: runs.map((row) => ({ processor: row.processor, status: row.status, count: Number(row.count) })),
    rows: rows.map((row) => ({ processor: row.processor, ok: Number(row.ok), skipped: Number(row.skipped), errors: Number(row.errors) })),
    durations: durations.map((row) => {
      const record = row as unknown as Record<string, number | string>;
      return {
        processor: row.processor,
        count: Number(row.count),
        sum: Number(row.sum) / 1000,
        buckets: DURATION_BUCKETS.map((_bound, index) => Number(record[`b${index}`])),
      };
    }),
  };
}
