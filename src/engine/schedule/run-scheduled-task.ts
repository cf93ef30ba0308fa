import { formatMessage } from '../../errors.js';
import { ToolSyncError } from '../../errors.js';
import type { Engine } from '../engine.js';
import { ENGINE_FILE_NOT_FOUND } from '../engine-errors.js';
import { CAPTURE_MESSAGES, captureDropFolder } from '../files/capture-drop-folder.js';
import { cleanupFileArea } from '../files/cleanup-file-area.js';
import { configuredInputs } from '../files/configured-inputs.js';
import type { RunTrigger } from '../../store/run-records.js';
import type { RunResult } from '../run/execute-run.js';
import { startRuns } from '../run/start-runs.js';
import type { ServiceLog } from '../service-log.js';
import { taskActions, type ScheduledTask } from './scheduled-tasks.js';

/** What one execution of a task did. */
export interface TaskOutcome {
  readonly runs: readonly RunResult[];
  /** Actions that had no input file this time (nothing to do, no run recorded). */
  readonly nothingToDo: readonly string[];
  /** Area paths the cleanup task removed. */
  readonly removed: readonly string[];
}

/**
 * One execution of a scheduled task: capture the drop folder first (spec 2.13), then run each action of the
 * processor in order on its configured input(s), or clean the file area. An action without an input file is
 * not a failure: the original traced "file not found" and moved on. Runs of a busy processor fail on its lock,
 * recorded as such (no overlap).
 */
export async function runScheduledTask(
  engine: Engine,
  task: ScheduledTask,
  options: { log: ServiceLog; now?: Date; trigger?: RunTrigger },
): Promise<TaskOutcome> {
  const capture = captureDropFolder(engine.folder, options.now);
  for (const event of capture.events) {
    const text = `[schedule ${task.task}] ${formatMessage(CAPTURE_MESSAGES[event.code].en, event.params)}`;
    if (event.warning) options.log.warn(text);
    else options.log.info(text);
  }
  if (task.processor === undefined) {
    const settings = await engine.settings.snapshot();
    const removed = cleanupFileArea(engine.folder, settings.int('fileareacleanupdelay'), {
      keep: configuredInputs(engine.folder.files, settings),
      ...(options.now ? { now: options.now.getTime() } : {}),
    });
    options.log.info(`[schedule ${task.task}] ${removed.length ? `removed ${removed.join(', ')}` : 'no files to remove'}`);
    return { runs: [], nothingToDo: [], removed };
  }
  const runs: RunResult[] = [];
  const nothingToDo: string[] = [];
  for (const action of taskActions(task)) {
    const name = `${action.processor}/${action.action}`;
    try {
      runs.push(...(await startRuns(engine, { action, trigger: options.trigger ?? 'schedule' })));
    } catch (error) {
      if (!(error instanceof ToolSyncError && error.code === ENGINE_FILE_NOT_FOUND.code)) throw error;
      nothingToDo.push(name);
      options.log.info(`[schedule ${task.task}] ${name}: ${error.message}`);
    }
  }
  for (const run of runs) options.log.info(`[schedule ${task.task}] run #${run.id} on ${run.input}: ${run.status}`);
  return { runs, nothingToDo, removed: [] };
}
