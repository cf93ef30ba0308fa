import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestStore } from '../../test/databases.js';
import type { Store } from './database.js';
import { acquireLock, LOCK_STALE_MS } from './run-locks.js';

/** An owner name on another machine: only its heartbeat can tell whether it lives. */
const REMOTE = 'other-host:4242:1';

for (const kind of DATABASES) {
  describe(`run locks on ${kind}`, () => {
    let store: Store;
    afterEach(async () => store?.close());

    it('lets one holder at a time take a lock, and the next one after release', async () => {
      store = await openTestStore(kind);
      const first = await acquireLock(store.db, 'run:users', 1, REMOTE);
      expect(first).toMatchObject({ acquired: true, crashed: null });
      const second = await acquireLock(store.db, 'run:users', 2);
      expect(second).toMatchObject({ acquired: false, holder: { owner: REMOTE, run_id: 1 } });
      expect(await acquireLock(store.db, 'run:cohorts', 3)).toMatchObject({ acquired: true });
      if (first.acquired) await first.lock.release();
      expect(await acquireLock(store.db, 'run:users', 4)).toMatchObject({ acquired: true, crashed: null });
    });

    it('takes over a lock whose holder stopped beating, and says which run it held', async () => {
      store = await openTestStore(kind);
      await acquireLock(store.db, 'run:users', 7, REMOTE);
      await store.db.updateTable('ts_locks').set({ heartbeat_at: Date.now() - LOCK_STALE_MS - 1000 }).execute();
      const attempt = await acquireLock(store.db, 'run:users', 8);
      expect(attempt).toMatchObject({ acquired: true, crashed: { owner: REMOTE, run_id: 7 } });
      const rows = await store.db.selectFrom('ts_locks').select(['run_id']).execute();
      expect(rows).toEqual([{ run_id: 8 }]);
    });

    it('takes over at once a lock held by a process of this host that no longer exists', async () => {
      store = await openTestStore(kind);
      const deadPid = 2 ** 22 + 17; // above Linux's pid_max: no process can have it
      await acquireLock(store.db, 'run:users', 5, `${hostname()}:${deadPid}:1`);
      expect(await acquireLock(store.db, 'run:users', 6)).toMatchObject({ acquired: true, crashed: { run_id: 5 } });
    });
  });
}
