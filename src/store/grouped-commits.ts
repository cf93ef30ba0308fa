import type SQLite from 'better-sqlite3';
import { SqliteDialect, SqliteDriver, type Dialect, type SqliteDatabase, type SqliteDialectConfig } from 'kysely';
import { STORE_COMMIT_FAILED } from './store-errors.js';

/**
 * How long committed transactions may wait for the SQLite commit that makes them durable. Million-row enrolment
 * bench: 1 s wrote 1.66 GB to the WAL, 2 s 1.27 GB (about 10 % faster), 3 s 1.18 GB and 5 s 1.05 GB (no faster).
 */
export const COMMIT_WINDOW_MS = 2000;

/**
 * SQLite with grouped commits, as PostgreSQL's `synchronous_commit = off` does: each Kysely transaction runs in
 * a savepoint of one SQLite transaction that is committed once `COMMIT_WINDOW_MS` have passed, at the next
 * transaction's end or on a timer when the store is idle, and when the store closes.
 *
 * Why: a commit writes every page the transaction changed to the WAL. A large run inserts rows spread over its
 * indexes, so each batch's commit rewrote most index leaf pages; grouped, a page changed by many batches is
 * written once per window (the million-row enrolment run wrote 500 commits, 9 s, before).
 *
 * What stays: each transaction is all or nothing (its savepoint is rolled back on failure), and other
 * connections see nothing of it until the group commits. What changes: a process killed within a window loses
 * the transactions of that window, as a crash just before their commit would have.
 */
export function groupedCommitsDialect(sqlite: SQLite.Database, database: SqliteDatabase): Dialect & { flush(): Promise<void> } {
  const dialect = new SqliteDialect({ database });
  let driver: GroupedCommitsDriver | undefined;
  return {
    /** Commits the group now (once the running transaction, if any, has ended). */
    flush: () => driver?.commitWhenFree() ?? Promise.resolve(),
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => (driver = new GroupedCommitsDriver({ database }, sqlite)),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}

class GroupedCommitsDriver extends SqliteDriver {
  readonly #sqlite: SQLite.Database;
  #openedAt = 0;
  #inSavepoint = false;
  #timer: NodeJS.Timeout | undefined;
  /** A commit that failed on the timer, thrown to the next transaction or flush: nobody must go on unaware. */
  #failed: Error | undefined;

  constructor(config: SqliteDialectConfig, sqlite: SQLite.Database) {
    super(config);
    this.#sqlite = sqlite;
  }

  override async beginTransaction(): Promise<void> {
    this.#throwFailure();
    if (!this.#sqlite.inTransaction) {
      // Immediate: the write lock is taken here or never, so a busy database cannot fail a later write of the
      // group and roll back transactions their callers saw committed.
      this.#sqlite.exec('begin immediate');
      this.#openedAt = Date.now();
    }
    this.#sqlite.exec('savepoint grouped');
    this.#inSavepoint = true;
  }

  override async commitTransaction(): Promise<void> {
    this.#sqlite.exec('release grouped');
    this.#inSavepoint = false;
    const waited = Date.now() - this.#openedAt;
    if (waited >= COMMIT_WINDOW_MS) this.#commit();
    else this.#timer ??= setTimeout(() => this.commitWhenFree().catch((error: unknown) => (this.#failed = asError(error))), COMMIT_WINDOW_MS - waited);
  }

  override async rollbackTransaction(): Promise<void> {
    // Some failures (an I/O error, a full disk) make SQLite roll back the whole transaction itself.
    if (!this.#sqlite.inTransaction) return;
    if (this.#inSavepoint) {
      this.#sqlite.exec('rollback to grouped');
      this.#sqlite.exec('release grouped');
      this.#inSavepoint = false;
    } else {
      // The group's commit itself failed: what it held is lost, and this transaction's caller is told.
      this.#sqlite.exec('rollback');
    }
  }

  override async destroy(): Promise<void> {
    try {
      this.#commit();
      this.#throwFailure();
    } finally {
      await super.destroy();
    }
  }

  /** Commits the group once the running transaction, if any, has ended. */
  async commitWhenFree(): Promise<void> {
    await this.acquireConnection();
    try {
      this.#throwFailure();
      this.#commit();
    } finally {
      await this.releaseConnection();
    }
  }

  #throwFailure(): void {
    const failed = this.#failed;
    this.#failed = undefined;
    if (failed) throw failed;
  }

  #commit(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#sqlite.open || !this.#sqlite.inTransaction) return;
    try {
      this.#sqlite.exec('commit');
    } catch (error) {
      // Some failures (a deferred constraint) leave the transaction open: the group is dropped whole, so that the
      // next groups can commit, and the failure is told.
      if (this.#sqlite.inTransaction) this.#sqlite.exec('rollback');
      throw STORE_COMMIT_FAILED({ reason: asError(error).message }, { cause: error });
    }
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
