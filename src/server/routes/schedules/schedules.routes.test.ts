import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES } from '../../../../test/databases.js';
import { adminAndViewer, openTestService, type TestService } from '../../../../test/service-kit.js';

for (const kind of DATABASES) {
  describe(`schedules API on ${kind}`, () => {
    let test: TestService;
    afterEach(async () => test?.close());

    it('lists the tasks with the original defaults, disabled, and their next three times', async () => {
      test = await openTestService(kind);
      const { viewer } = await adminAndViewer(test);
      const response = await test.app.inject({ method: 'GET', url: '/api/v1/schedules', headers: { cookie: viewer.cookie } });
      const tasks = response.json() as { task: string; enabled: boolean; cron: string; next: string[]; nextInWords: { en: string; fr: string }[] }[];
      expect(tasks.map((task) => `${task.task} ${task.cron} ${task.enabled}`)).toEqual([
        'users 0 */6 * * * false',
        'enrols 30 */6 * * * false',
        'userpictures 0 */12 * * * false',
        'cohorts 15 */12 * * * false',
        'courses 0 */12 * * * false',
        'groups 45 */12 * * * false',
        'cleanup 0 1 */1 * * false',
      ]);
      // The test clock stands at 2026-03-02 08:00 UTC.
      expect(tasks[0]!.next).toEqual(['2026-03-02T12:00:00.000Z', '2026-03-02T18:00:00.000Z', '2026-03-03T00:00:00.000Z']);
      expect(tasks[0]!.nextInWords[0]).toEqual({ en: 'in 4 hours', fr: 'dans 4 heures' });
      expect(tasks[1]!.nextInWords[0]).toEqual({ en: 'in 4 hours 30 minutes', fr: 'dans 4 heures 30 minutes' });
    });

    it('enables and reschedules a task, refusing a bad cron expression by name; viewers may not', async () => {
      test = await openTestService(kind);
      const { admin, viewer } = await adminAndViewer(test);
      await test.service.scheduler.start();
      const patch = (payload: object, headers = admin.headers) => test.app.inject({ method: 'PATCH', url: '/api/v1/schedules/users', headers, payload });
      const bad = await patch({ cron: '61 * * * *' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'SCHEDULE_INVALID_CRON', message: expect.stringContaining('"61 * * * *"') });
      const good = await patch({ enabled: true, cron: '*/30 * * * *' });
      expect(good.json()).toMatchObject({ task: 'users', enabled: true, cron: '*/30 * * * *', next: ['2026-03-02T08:30:00.000Z', '2026-03-02T09:00:00.000Z', '2026-03-02T09:30:00.000Z'] });
      expect(test.clock.pending).toBe(1);
      expect((await patch({ enabled: false })).json()).toMatchObject({ enabled: false, cron: '*/30 * * * *' });
      expect(test.clock.pending).toBe(0);
      expect((await patch({ enabled: true }, viewer.headers)).statusCode).toBe(403);
      const unknown = await test.app.inject({ method: 'PATCH', url: '/api/v1/schedules/nothing', headers: admin.headers, payload: { enabled: true } });
      expect(unknown.statusCode).toBe(404);
    });
  });
}
