import type { FastifyInstance } from 'fastify';
import { DURATION_BUCKETS, readRunMetrics, type RunMetrics } from '../../../store/run-metrics.js';
import type { ServiceContext } from '../../service-context.js';

/** `GET /metrics`: Prometheus text, counted from the run records at each scrape (any role, session or token). */
export async function metricsRoutes(app: FastifyInstance, context: ServiceContext): Promise<void> {
  app.get('/metrics', {
    config: { access: 'viewer' },
    schema: { tags: ['service'], summary: 'Prometheus metrics: runs by status, rows by outcome, run duration' },
  }, async (_request, reply) => reply.type('text/plain; version=0.0.4; charset=utf-8').send(formatMetrics(await readRunMetrics(context.engine.store.db))));
}

const label = (value: string) => value.replace(/\\/gu, '\\\\').replace(/"/gu, '\\"').replace(/\n/gu, '\\n');

/** The Prometheus text exposition of the run metrics. */
export function formatMetrics(metrics: RunMetrics): string {
  const lines = [
    '# HELP toolsync_runs_total Runs recorded, by processor and status.',
    '# TYPE toolsync_runs_total counter',
    ...metrics.runs.map((row) => `toolsync_runs_total{processor="${label(row.processor)}",status="${label(row.status)}"} ${row.count}`),
    '# HELP toolsync_rows_total Rows processed, by processor and outcome.',
    '# TYPE toolsync_rows_total counter',
    ...metrics.rows.flatMap((row) =>
      (['ok', 'skipped', 'errors'] as const).map((outcome) => `toolsync_rows_total{processor="${label(row.processor)}",outcome="${outcome === 'errors' ? 'error' : outcome}"} ${row[outcome]}`),
    ),
    '# HELP toolsync_run_duration_seconds Duration of finished runs.',
    '# TYPE toolsync_run_duration_seconds histogram',
    ...metrics.durations.flatMap((row) => {
      const processor = `processor="${label(row.processor)}"`;
      return [
        ...DURATION_BUCKETS.map((bound, index) => `toolsync_run_duration_seconds_bucket{${processor},le="${bound}"} ${row.buckets[index]}`),
        `toolsync_run_duration_seconds_bucket{${processor},le="+Inf"} ${row.count}`,
        `toolsync_run_duration_seconds_sum{${processor}} ${row.sum}`,
        `toolsync_run_duration_seconds_count{${processor}} ${row.count}`,
      ];
    }),
  ];
  return `${lines.join('\n')}\n`;
}
