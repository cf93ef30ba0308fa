import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { usersAddAction } from '../../processors/users/users-processor.js';
import { getRunRecord } from '../../store/run-records.js';
import type { Engine } from '../engine.js';
import { queueRuns } from './start-runs.js';

for (const kind of DATABASES) {
  describe(`cancelling runs on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    it('stops between two batches: the first batch is applied, the rest not read, the report written, the input kept', async () => {
      engine = await openTestEngine(kind);
      const rows = Array.from({ length: 5000 }, (_, index) => `user${index};First;Last`);
      writeFileSync(join(engine.folder.files, 'userimport.csv'), ['username;firstname;lastname', ...rows].join('\n'));
      await engine.settings.save({ filecleanup: true, storereport: true });
      const queued = await queueRuns(engine, { action: usersAddAction, trigger: 'manual' });
      engine.events.once('progress', (progress) => expect(engine.cancellation.cancel(progress.runId)).toBe(true));
      const [run] = await queued.done;
      expect(run).toMatchObject({ status: 'cancelled', message: 'Cancelled on request after 2000 rows; the rows after them were not read. The input file was kept.' });
      expect(run!.counters).toMatchObject({ read: 2000, ok: 2000 });
      const users = await engine.store.db.selectFrom('lms_user').select('username').where('username', 'like', 'user%').execute();
      expect(users).toHaveLength(2000);
      expect(readFileSync(run!.reportFile, 'utf8')).toContain('run cancelled');
      expect(run!.reportPath).toMatch(/^reports\//);
      expect(existsSync(join(engine.folder.files, 'userimport.csv'))).toBe(true);
      expect(await getRunRecord(engine.store.db, run!.id)).toMatchObject({ status: 'cancelled', rows_read: 2000 });
      expect(engine.cancellation.cancel(run!.id)).toBe(false); // released once ended
    });

    it('cancels a queued run before it reads anything', async () => {
      engine = await openTestEngine(kind);
      writeFileSync(join(engine.folder.files, 'a1.csv'), 'username;firstname;lastname\nann;Ann;A\n');
      writeFileSync(join(engine.folder.files, 'a2.csv'), 'username;firstname;lastname\nbob;Bob;B\n');
      await engine.settings.save({ users_filelocation: 'a*.csv' });
      const queued = await queueRuns(engine, { action: usersAddAction, trigger: 'manual' });
      expect(engine.cancellation.cancel(queued.ids[1]!)).toBe(true);
      const [first, second] = await queued.done;
      expect(first).toMatchObject({ status: 'succeeded', input: 'a1.csv' });
      expect(second).toMatchObject({ status: 'cancelled', input: 'a2.csv' });
      expect(second!.counters.read).toBe(0);
    });
  });
}
