import type { Platform } from '../platform/platform.js';
import { SettingsStore } from '../settings/settings-store.js';
import { createStore, type Store } from '../store/database.js';
import { createDataFolder, type DataFolder } from './files/data-folder.js';
import { PROCESS_OWNER } from '../store/run-locks.js';
import { RunEvents } from './run/progress.js';
import { RunCancellation } from './run/run-cancellation.js';
import { choosePlatform } from './choose-platform.js';

/** Where the service keeps its data and its database; from `TOOL_SYNC_DATA` / `TOOL_SYNC_DB` or the CLI flags. */
export interface EngineOptions {
  /** The data folder (default `./data`). */
  readonly dataDir: string;
  /** A `postgres://` URL; the embedded SQLite file of the data folder when absent. */
  readonly databaseUrl?: string;
  /** An already open store (tests give each suite its own PostgreSQL schema); it is closed with the engine. */
  readonly store?: Store;
  /** SMTP server for mails (`smtp://user:pass@host:port`); absent: mails go to the outbox. A secret: never logged. */
  readonly smtpUrl?: string;
  /** The Moodle web-service token, used when the `platform` setting is `moodle`. A secret: never logged. */
  readonly moodleToken?: string;
}

/** Everything a run needs, opened once per process. */
export interface Engine {
  readonly folder: DataFolder;
  readonly store: Store;
  readonly settings: SettingsStore;
  readonly platform: Platform;
  /** Names this process in run records and locks. */
  readonly owner: string;
  /** Runs of this process as they start, progress and finish. */
  readonly events: RunEvents;
  /** Live runs of this process, to cancel them. */
  readonly cancellation: RunCancellation;
  /** SMTP server of the deployment, if any (a secret). */
  readonly smtpUrl: string | undefined;
  close(): Promise<void>;
}

/**
 * Opens the data folder and the store (migrating it) and the platform the `platform` setting names.
 *
 * @example
 * const engine = await createEngine({ dataDir: './data' });
 * await startRuns(engine, { action: usersAddAction, trigger: 'manual' });
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const folder = createDataFolder(options.dataDir);
  const store =
    options.store ?? (await createStore(options.databaseUrl ? { url: options.databaseUrl } : { sqlitePath: folder.sqlitePath }));
  const settings = new SettingsStore(store.db);
  // Chosen when the process starts: a change of the `platform` setting applies at the next start.
  const platform = await choosePlatform(store, settings, options.moodleToken);
  return {
    folder,
    store,
    settings,
    platform,
    owner: PROCESS_OWNER,
    events: new RunEvents(),
    cancellation: new RunCancellation(),
    smtpUrl: options.smtpUrl,
    close: async () => {
      await platform.close();
      await store.close();
    },
  };
}
