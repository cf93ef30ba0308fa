import type { FastifyInstance } from 'fastify';

const FINISHED = ['succeeded', 'succeeded_with_errors', 'failed', 'cancelled'];

/** Polls a run through the API until it has ended; answers it. */
export async function waitForRun(app: FastifyInstance, id: number, headers: Record<string, string>): Promise<Record<string, unknown>> {
  for (let i = 0; i < 1000; i++) {
    const run = (await app.inject({ method: 'GET', url: `/api/v1/runs/${id}`, headers })).json() as Record<string, unknown>;
    if (FINISHED.includes(run.status as string)) return run;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`run ${id} did not end`);
}
