import { ENGINE_FILE_NOT_FOUND } from '../engine-errors.js';
import type { Engine } from '../engine.js';
import { normalizeAreaPath } from '../files/area-path.js';
import { resolveInputFiles } from '../files/input-files.js';
import type { Platform } from '../../platform/platform.js';
import type { ProcessorAction } from '../../processors/processor.js';
import { executeRun, type RunResult } from './execute-run.js';
import type { ProgressListener } from './progress.js';
import type { RunTrigger } from '../../store/run-records.js';

export interface RunRequest {
  readonly action: ProcessorAction;
  /** A path inside the file area; when absent, the action's location setting designates the input(s). */
  readonly input?: string;
  readonly simulate?: boolean;
  readonly trigger: RunTrigger;
  readonly onProgress?: ProgressListener;
  /** For a simulated run: the overlay to write to (a sequence shares one, so each run sees what the earlier ones would do). */
  readonly simulation?: Platform;
}

/**
 * Runs an action on each input file its location designates (a `*` location gives several, in name order,
 * one run each), one after the other. Throws ENGINE_FILE_NOT_FOUND when there is nothing to process.
 *
 * @example
 * const [run] = await startRuns(engine, { action: usersAddAction, trigger: 'manual', simulate: true });
 * console.log(run.status, run.counters.errors);
 */
export async function startRuns(engine: Engine, request: RunRequest): Promise<RunResult[]> {
  const settings = await engine.settings.snapshot();
  const { action } = request;
  const location = request.input ?? settings.text(action.locationSetting);
  const inputs = request.input
    ? resolveInputFiles(engine.folder.files, normalizeAreaPath(request.input), action.defaultFile)
    : resolveInputFiles(engine.folder.files, location, action.defaultFile);
  if (!inputs.length) {
    throw ENGINE_FILE_NOT_FOUND({ file: location.trim() || action.defaultFile, setting: action.locationSetting });
  }
  const results: RunResult[] = [];
  for (const input of inputs) {
    results.push(
      await executeRun(engine, {
        action,
        input,
        settings,
        simulate: request.simulate ?? false,
        trigger: request.trigger,
        ...(request.onProgress ? { onProgress: request.onProgress } : {}),
        ...(request.simulation ? { simulation: request.simulation } : {}),
      }),
    );
  }
  return results;
}
