import type { Store } from '../../store/database.js';
import { saveRunProgress } from '../../store/run-records.js';

/** How often a running run writes its row count to the store. */
const SAVE_EVERY_MS = 2_000;

/**
 * Keeps a running run's row count in its record every few seconds, so that another process (the service, when a
 * scheduled or CLI run works on a shared PostgreSQL store) can show how far it is, not only its end.
 */
export function progressSaver(db: Store['db'], runId: number, now: () => number = Date.now): (rowsRead: number) => Promise<void> {
  let last = now();
  return async (rowsRead) => {
    if (now() - last < SAVE_EVERY_MS) return;
    last = now();
    await saveRunProgress(db, runId, rowsRead);
  };
}
