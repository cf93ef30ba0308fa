import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { createRunRecord, getRunRecord, markRunning } from '../../store/run-records.js';
import type { Engine } from '../engine.js';
import { progressSaver } from './progress-saver.js';

for (const kind of DATABASES) {
  describe(`progress of a running run kept in its record on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    it('writes the rows read at most every two seconds, and only while the run runs', async () => {
      engine = await openTestEngine(kind);
      const { db } = engine.store;
      const id = await createRunRecord(db, { processor: 'users', action: 'add', input: 'u.csv', trigger: 'manual', simulate: false, owner: engine.owner });
      await markRunning(db, id);
      let clock = 0;
      const save = progressSaver(db, id, () => clock);
      const rowsRead = async () => (await getRunRecord(db, id))!.rows_read;
      clock = 1_999;
      await save(2000);
      expect(await rowsRead()).toBe(0);
      clock = 2_000;
      await save(4000);
      expect(await rowsRead()).toBe(4000);
      clock = 3_000;
      await save(6000);
      expect(await rowsRead()).toBe(4000);
      await db.updateTable('ts_runs').set({ status: 'succeeded', rows_read: 7000 }).where('id', '=', id).execute();
      clock = 10_000;
      await save(8000);
      expect(await rowsRead()).toBe(7000);
    });
  });
}
