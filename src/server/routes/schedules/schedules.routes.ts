import type { FastifyInstance } from 'fastify';
import type { ScheduleView } from '../../../engine/schedule/scheduler.js';
import { taskActions, availableTasks } from '../../../engine/schedule/scheduled-tasks.js';
import { latestFinishedRun } from '../../../store/run-queries.js';
import type { ServiceContext } from '../../service-context.js';

/** The scheduled tasks: one per processor, the groups task and the cleanup task; enable, disable, reschedule. */
export async function schedulesRoutes(app: FastifyInstance, context: ServiceContext): Promise<void> {
  const present = async (view: ScheduleView) => {
    const task = availableTasks().find((candidate) => candidate.task === view.task)!;
    const last = await latestFinishedRun(context.engine.store.db, taskActions(task));
    return {
      ...view,
      next: view.next.map((date) => date.toISOString()),
      lastFired: view.lastFired?.toISOString() ?? null,
      ...(last ? { lastRun: { id: last.id, status: last.status, finished: new Date(last.finished_at!).toISOString() } } : {}),
    };
  };

  app.get('/api/v1/schedules', {
    schema: { tags: ['schedules'], summary: 'The scheduled tasks with their next three times' },
  }, async () => Promise.all((await context.scheduler.list()).map(present)));

  app.patch<{ Params: { task: string }; Body: { enabled?: boolean; cron?: string } }>('/api/v1/schedules/:task', {
    schema: {
      tags: ['schedules'],
      summary: 'Enable, disable or reschedule a task (cron: minute hour day-of-month month day-of-week)',
      body: { type: 'object', properties: { enabled: { type: 'boolean' }, cron: { type: 'string', maxLength: 200 } } },
    },
  }, async (request) => {
    const view = await context.scheduler.update(request.params.task, request.body);
    request.log.info({ task: view.task, enabled: view.enabled, cron: view.cron }, 'schedule changed');
    return present(view);
  });
}
