import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { FakeClock } from '../../../test/fake-clock.js';
import { memoryLog } from '../../../test/service-kit.js';
import { listRunRecords } from '../../store/run-records.js';
import { readSchedules, saveSchedule } from '../../store/schedules-table.js';
import type { Engine } from '../engine.js';
import { runScheduledTask } from './run-scheduled-task.js';
import { Scheduler } from './scheduler.js';

const at = (iso: string) => new Date(iso).getTime();

for (const kind of DATABASES) {
  describe(`scheduler on ${kind}`, () => {
    let engine: Engine;
    let scheduler: Scheduler | undefined;
    afterEach(async () => {
      await scheduler?.stop();
      scheduler = undefined;
      await engine?.close();
    });

    function startScheduler(clock: FakeClock, runTask: (task: { task: string }, firedAt: Date) => Promise<unknown>) {
      const log = memoryLog();
      scheduler = new Scheduler(engine, { clock, log, runTask });
      return { scheduler, log };
    }

    it('fires an enabled task at each of its times, and nothing while disabled', async () => {
      engine = await openTestEngine(kind);
      const clock = new FakeClock('2026-03-02T05:10:00Z');
      const fired: string[] = [];
      const { scheduler } = startScheduler(clock, async (task, firedAt) => fired.push(`${task.task} ${firedAt.toISOString()}`));
      await scheduler.start();
      await clock.advanceTo('2026-03-02T13:00:00Z');
      expect(fired).toEqual([]);
      await scheduler.update('users', { enabled: true });
      await scheduler.update('enrols', { enabled: true, cron: '0 14 * * *' });
      await clock.advanceTo('2026-03-03T00:00:00Z', () => scheduler.idle());
      expect(fired).toEqual(['enrols 2026-03-02T14:00:00.000Z', 'users 2026-03-02T18:00:00.000Z', 'users 2026-03-03T00:00:00.000Z']);
      const users = (await readSchedules(engine.store.db)).find((row) => row.task === 'users');
      expect(users?.last_fired_at).toBe(at('2026-03-03T00:00:00Z'));
      await scheduler.update('users', { enabled: false });
      await clock.advanceTo('2026-03-03T13:00:00Z');
      expect(fired).toHaveLength(3);
    });

    it('never overlaps a task with itself: a time that comes while it still runs is skipped', async () => {
      engine = await openTestEngine(kind);
      const clock = new FakeClock('2026-03-02T00:00:30Z');
      let finish: () => void = () => {};
      const fired: string[] = [];
      const { scheduler, log } = startScheduler(clock, (_task, firedAt) => {
        fired.push(firedAt.toISOString());
        return new Promise<void>((resolve) => (finish = resolve));
      });
      await scheduler.start();
      await scheduler.update('users', { enabled: true, cron: '* * * * *' });
      await clock.advanceTo('2026-03-02T00:03:30Z');
      expect(fired).toEqual(['2026-03-02T00:01:00.000Z']);
      expect(log.lines.filter((line) => line.includes('skipped'))).toHaveLength(2);
      finish();
      await scheduler.idle();
      await clock.advanceTo('2026-03-02T00:04:30Z');
      expect(fired).toEqual(['2026-03-02T00:01:00.000Z', '2026-03-02T00:04:00.000Z']);
      finish();
    });

    it('runs once at start an enabled task whose time passed while the service was down', async () => {
      engine = await openTestEngine(kind);
      const { db } = engine.store;
      // users: fired at 06:00, down since; its 12:00 and 18:00 were missed. enrols: fired at 12:30, next 18:30 not due.
      await saveSchedule(db, { task: 'users', enabled: true, cron: '0 */6 * * *', now: at('2026-03-01T00:00:00Z') });
      await db.updateTable('ts_schedules').set({ last_fired_at: at('2026-03-02T06:00:00Z') }).where('task', '=', 'users').execute();
      await saveSchedule(db, { task: 'enrols', enabled: true, cron: '30 */6 * * *', now: at('2026-03-01T00:00:00Z') });
      await db.updateTable('ts_schedules').set({ last_fired_at: at('2026-03-02T12:30:00Z') }).where('task', '=', 'enrols').execute();
      // cohorts: enabled an hour ago, never fired, its next time (12:15) passed; groups: missed too but disabled.
      await saveSchedule(db, { task: 'cohorts', enabled: true, cron: '15 */12 * * *', now: at('2026-03-02T12:00:00Z') });
      await saveSchedule(db, { task: 'groups', enabled: false, cron: '45 */12 * * *', now: at('2026-03-01T00:00:00Z') });
      const clock = new FakeClock('2026-03-02T18:10:00Z');
      const fired: string[] = [];
      const { scheduler } = startScheduler(clock, async (task, firedAt) => fired.push(`${task.task} ${firedAt.toISOString()}`));
      await scheduler.start();
      await scheduler.idle();
      expect(fired.sort()).toEqual(['cohorts 2026-03-02T18:10:00.000Z', 'users 2026-03-02T18:10:00.000Z']);
      await clock.advanceTo('2026-03-02T18:40:00Z');
      await scheduler.idle();
      expect(fired).toContain('enrols 2026-03-02T18:30:00.000Z');
      expect(fired).toHaveLength(3);
    });

    it('captures the drop folder then runs the task’s processor with the trigger "schedule"', async () => {
      engine = await openTestEngine(kind);
      const clock = new FakeClock(new Date(Date.now() + 60_000));
      const log = memoryLog();
      scheduler = new Scheduler(engine, { clock, log, runTask: (task, firedAt) => runScheduledTask(engine, task, { log, now: firedAt }) });
      await engine.settings.save({ filecleanup: true });
      writeFileSync(join(engine.folder.sync, 'userimport.csv'), 'username;firstname;lastname\njdoe;John;Doe\n');
      const old = new Date(Date.now() - 10_000);
      utimesSync(join(engine.folder.sync, 'userimport.csv'), old, old);
      await scheduler.start();
      await scheduler.update('users', { enabled: true, cron: '* * * * *' });
      await clock.advance(60_000);
      await scheduler.idle();
      const [run] = await listRunRecords(engine.store.db);
      expect(run).toMatchObject({ processor: 'users', action: 'add', trigger: 'schedule', status: 'succeeded', input_path: 'userimport.csv' });
      expect(existsSync(join(engine.folder.sync, 'userimport.csv'))).toBe(false);
      // With nothing to process, a task records no run and says so.
      await clock.advance(60_000);
      await scheduler.idle();
      expect(await listRunRecords(engine.store.db)).toHaveLength(1);
      expect(log.lines.some((line) => line.includes('users/add: File userimport.csv not found'))).toBe(true);
    });

    it('runs the cleanup task: old reports go, inputs stay', async () => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ fileareacleanupdelay: 10 });
      mkdirSync(engine.folder.reports, { recursive: true });
      const report = join(engine.folder.reports, 'old_report.txt');
      const input = join(engine.folder.files, 'old-input.csv');
      for (const file of [report, input]) {
        writeFileSync(file, 'x');
        const old = new Date('2026-01-01T00:00:00Z');
        utimesSync(file, old, old);
      }
      const outcome = await runScheduledTask(engine, { task: 'cleanup', actions: [], defaultCron: '', label: { en: '', fr: '' } }, { log: memoryLog(), now: new Date('2026-03-02T01:00:00Z') });
      expect(outcome.removed).toEqual(['reports/old_report.txt']);
      expect(existsSync(input)).toBe(true);
    });
  });
}

describe('a scheduler not started', () => {
  it('saves schedules but arms nothing (another instance schedules)', async () => {
    const engine = await openTestEngine('sqlite');
    try {
      const clock = new FakeClock('2026-03-02T05:10:00Z');
      const fired: string[] = [];
      const scheduler = new Scheduler(engine, { clock, log: memoryLog(), runTask: async (task) => fired.push(task.task) });
      expect(await scheduler.update('users', { enabled: true })).toMatchObject({ enabled: true });
      expect(clock.pending).toBe(0);
      await clock.advanceTo('2026-03-03T00:00:00Z');
      expect(fired).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});
