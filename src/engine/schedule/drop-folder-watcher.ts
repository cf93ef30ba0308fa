import { watch, type FSWatcher } from 'node:fs';
import { formatMessage } from '../../errors.js';
import { ACTIONS } from '../actions.js';
import type { RunnableAction } from '../../processors/archive-processor.js';
import { configuredActionInputs } from '../files/action-inputs.js';
import type { Engine } from '../engine.js';
import { CAPTURE_MESSAGES, captureDropFolder, QUIET_MS } from '../files/capture-drop-folder.js';
import type { RunResult } from '../run/execute-run.js';
import { startRuns } from '../run/start-runs.js';
import type { ServiceLog } from '../service-log.js';
import type { Settings } from '../../settings/settings-store.js';
import type { Clock } from './clock.js';

/** How often the drop folder is looked at besides the file-system events (which some mounts never send). */
export const WATCH_POLL_MS = 5000;

/** The actions whose configured location designates the area path `file`. */
export function actionsForFile(area: string, settings: Settings, file: string): RunnableAction[] {
  return ACTIONS.filter((action) => {
    try {
      return configuredActionInputs(area, settings, action).includes(file);
    } catch {
      return false; // a location the engine refuses designates nothing
    }
  });
}

/**
 * Watches the drop folder when `service_watchdropfolder` is on: a file there, once completely written (quiet
 * for two seconds, no feeder lock), is captured into the file area and the processor actions whose locations
 * designate it run at once, one after the other. File-system events make it quick; a poll makes it sure.
 */
export class DropFolderWatcher {
  readonly #engine: Engine;
  readonly #clock: Clock;
  readonly #log: ServiceLog;
  #watcher: FSWatcher | null = null;
  #timer: unknown = null;
  #checking: Promise<RunResult[]> | null = null;
  #stopped = false;

  constructor(engine: Engine, options: { clock: Clock; log: ServiceLog }) {
    this.#engine = engine;
    this.#clock = options.clock;
    this.#log = options.log;
  }

  start(): void {
    try {
      this.#watcher = watch(this.#engine.folder.sync, () => this.#soon(QUIET_MS + 100));
      this.#watcher.on('error', () => this.#watcher?.close());
    } catch {
      this.#watcher = null; // the poll alone then
    }
    this.#soon(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#watcher?.close();
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    await this.#checking?.catch(() => undefined);
  }

  /** Resolves when no look at the drop folder is under way. */
  async idle(): Promise<void> {
    await this.#checking?.catch(() => undefined);
  }

  /** One look at the drop folder; answers the runs it started. Does nothing while the setting is off. */
  async check(): Promise<RunResult[]> {
    if (this.#checking) return this.#checking;
    this.#checking = this.#capture().finally(() => {
      this.#checking = null;
    });
    return this.#checking;
  }

  async #capture(): Promise<RunResult[]> {
    const settings = await this.#engine.settings.snapshot();
    if (!settings.bool('service_watchdropfolder')) return [];
    const capture = captureDropFolder(this.#engine.folder, this.#clock.now());
    for (const event of capture.events) {
      if (event.code === 'CAPTURE_STILL_WRITING' || event.code === 'CAPTURE_WRITE_LOCKED' || event.code === 'CAPTURE_READ_LOCKED') continue;
      const text = `[watch] ${formatMessage(CAPTURE_MESSAGES[event.code].en, event.params)}`;
      if (event.warning) this.#log.warn(text);
      else this.#log.info(text);
    }
    const runs: RunResult[] = [];
    for (const file of capture.captured) {
      for (const action of actionsForFile(this.#engine.folder.files, settings, file)) {
        const [run] = await startRuns(this.#engine, { action, input: file, trigger: 'watch' });
        if (run) {
          runs.push(run);
          this.#log.info(`[watch] ${action.processor}/${action.action} run #${run.id} on ${file}: ${run.status}`);
        }
      }
    }
    return runs;
  }

  /** Looks again after `ms`, and then every poll interval. */
  #soon(ms: number): void {
    if (this.#stopped) return;
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      void this.check()
        .catch((error: unknown) => this.#log.error(`[watch] ${(error as Error).message}`))
        .finally(() => this.#soon(WATCH_POLL_MS));
    }, ms);
  }
}
