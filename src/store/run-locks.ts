import { hostname } from 'node:os';
import type { Kysely, Selectable } from 'kysely';
import type { Database, LockRow } from './schema.js';

/** A lock whose holder has not beaten its heart for this long belongs to a dead process. */
export const LOCK_STALE_MS = 60_000;
const HEARTBEAT_MS = 10_000;

/** This process, as lock holders are named: `host:pid:start`. */
export const PROCESS_OWNER = `${hostname()}:${process.pid}:${Date.now()}`;

/** A lock row as read: who holds it, for which run, and when it last beat. */
export type HeldLock = Selectable<LockRow>;

export type LockAttempt =
  | { readonly acquired: true; readonly lock: RunLock; readonly crashed: HeldLock | null }
  | { readonly acquired: false; readonly holder: HeldLock };

/** A held lock; its heartbeat runs until it is released. */
export interface RunLock {
  release(): Promise<void>;
}

/**
 * Takes the lock `name` (one run at a time per processor). The lock is a row of `ts_locks`, so it holds across
 * every process sharing the database, PostgreSQL included. A lock left by a dead process (its heartbeat stopped,
 * or its pid is gone on this host) is taken over and returned as `crashed`, so the caller can apply
 * `discardfileonfailure` to the run it belonged to.
 */
export async function acquireLock(db: Kysely<Database>, name: string, runId: number, owner = PROCESS_OWNER): Promise<LockAttempt> {
  let crashed: Selectable<LockRow> | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = Date.now();
    const inserted = await db
      .insertInto('ts_locks')
      .values({ name, owner, run_id: runId, acquired_at: now, heartbeat_at: now })
      .onConflict((conflict) => conflict.column('name').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return { acquired: true, lock: holdLock(db, name, owner), crashed };
    const holder = await db.selectFrom('ts_locks').selectAll().where('name', '=', name).executeTakeFirst();
    if (!holder) continue;
    if (!isStale(holder, now)) return { acquired: false, holder };
    // Compare-and-delete: only the stale row we saw, never a lock another process just took over.
    await db.deleteFrom('ts_locks').where('name', '=', name).where('owner', '=', holder.owner).where('heartbeat_at', '=', holder.heartbeat_at).execute();
    crashed = holder;
  }
  const holder = await db.selectFrom('ts_locks').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
  return { acquired: false, holder };
}

function holdLock(db: Kysely<Database>, name: string, owner: string): RunLock {
  const beat = () =>
    db.updateTable('ts_locks').set({ heartbeat_at: Date.now() }).where('name', '=', name).where('owner', '=', owner).execute();
  const timer = setInterval(() => void beat().catch(() => undefined), HEARTBEAT_MS);
  timer.unref();
  return {
    async release() {
      clearInterval(timer);
      await db.deleteFrom('ts_locks').where('name', '=', name).where('owner', '=', owner).execute();
    },
  };
}

function isStale(holder: Selectable<LockRow>, now: number): boolean {
  if (now - holder.heartbeat_at > LOCK_STALE_MS) return true;
  return isDeadLocalOwner(holder.owner);
}

/** Whether an owner `host:pid:start` names a process of this host that no longer runs (never this process). */
export function isDeadLocalOwner(owner: string): boolean {
  if (owner === PROCESS_OWNER) return false;
  const [host, pid, start] = owner.split(':');
  if (host !== hostname() || pid === undefined) return false;
  // The same pid in this process with another start time: an earlier life of a pid reused by us.
  if (Number(pid) === process.pid) return start !== PROCESS_OWNER.split(':')[2];
  return !processAlive(Number(pid));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds the lock `name` now, if anyone (the API answers 409 rather than queue a run bound to fail). */
export async function lockHolder(db: Kysely<Database>, name: string): Promise<HeldLock | undefined> {
  const holder = await db.selectFrom('ts_locks').selectAll().where('name', '=', name).executeTakeFirst();
  return holder && !isStale(holder, Date.now()) ? holder : undefined;
}
