import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestStore } from '../../test/databases.js';
import type { Store } from './database.js';
import { isDeadLocalOwner, PROCESS_OWNER } from './run-locks.js';
import { closeAbandonedQueuedRuns, createRunRecord, getRunRecord } from './run-records.js';

for (const kind of DATABASES) {
  describe(`abandoned queued runs on ${kind}`, () => {
    let store: Store;
    afterEach(async () => store?.close());

    it('closes the queued runs of dead processes of this host, and nothing else', async () => {
      store = await openTestStore(kind);
      const run = (owner: string) => createRunRecord(store.db, { processor: 'users', action: 'add', input: 'a.csv', trigger: 'api', simulate: false, owner });
      const dead = await run(`${hostname()}:999999999:1`);
      const mine = await run(PROCESS_OWNER);
      const elsewhere = await run('another-host:1:1');
      const closed = await closeAbandonedQueuedRuns(store.db, isDeadLocalOwner, 'Cancelled: the service stopped before this run started.');
      expect(closed).toEqual([dead]);
      expect(await getRunRecord(store.db, dead)).toMatchObject({ status: 'cancelled', message: 'Cancelled: the service stopped before this run started.' });
      expect((await getRunRecord(store.db, mine))!.status).toBe('queued');
      expect((await getRunRecord(store.db, elsewhere))!.status).toBe('queued');
    });
  });
}
