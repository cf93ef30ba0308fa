import type { Kysely, Selectable } from 'kysely';
import type { Database, ScheduleRow } from './schema.js';

export type ScheduleRecord = Selectable<ScheduleRow>;

export async function readSchedules(db: Kysely<Database>): Promise<ScheduleRecord[]> {
  return db.selectFrom('ts_schedules').selectAll().execute();
}

/** Saves a task's state; `updated_at` is when it was last changed (a newly enabled task has missed nothing before). */
export async function saveSchedule(db: Kysely<Database>, schedule: { task: string; enabled: boolean; cron: string; now: number }): Promise<void> {
  const values = { task: schedule.task, enabled: schedule.enabled ? 1 : 0, cron: schedule.cron, updated_at: schedule.now, last_fired_at: null };
  await db
    .insertInto('ts_schedules')
    .values(values)
    .onConflict((conflict) => conflict.column('task').doUpdateSet({ enabled: values.enabled, cron: values.cron, updated_at: values.updated_at }))
    .execute();
}

/** Records that a task fired at `at`. */
export async function markScheduleFired(db: Kysely<Database>, task: string, at: number): Promise<void> {
  await db.updateTable('ts_schedules').set({ last_fired_at: at }).where('task', '=', task).execute();
}
