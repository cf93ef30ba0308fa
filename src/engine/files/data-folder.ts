import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The folders of the data folder (DESIGN.md): drop folder, command file area, outbox, run files, store. */
export interface DataFolder {
  readonly root: string;
  /** Drop folder fed from outside; `capture` moves its files into `files/`. */
  readonly sync: string;
  /** The command file area; `reports/` and `archives/` inside it. */
  readonly files: string;
  readonly reports: string;
  readonly archives: string;
  /** Mails written as `.eml` files when no SMTP server is configured. */
  readonly outbox: string;
  /** Each run's full report and pending tryback rows, kept by the service whatever the settings say. */
  readonly runs: string;
  /** The embedded store when no PostgreSQL URL is given. */
  readonly sqlitePath: string;
}

/** The data folder at `root` (default `./data`), its folders created when missing. */
export function createDataFolder(root: string): DataFolder {
  const base = resolve(root);
  const folder: DataFolder = {
    root: base,
    sync: join(base, 'sync'),
    files: join(base, 'files'),
    reports: join(base, 'files', 'reports'),
    archives: join(base, 'files', 'archives'),
    outbox: join(base, 'outbox'),
    runs: join(base, 'runs'),
    sqlitePath: join(base, 'store.sqlite'),
  };
  for (const path of [folder.sync, folder.reports, folder.archives, folder.outbox, folder.runs]) mkdirSync(path, { recursive: true });
  return folder;
}
