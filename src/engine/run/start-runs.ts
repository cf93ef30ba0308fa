import { ENGINE_FILE_NOT_FOUND } from '../engine-errors.js';
import type { Engine } from '../engine.js';
import { normalizeAreaPath } from '../files/area-path.js';
import { resolveInputFiles } from '../files/input-files.js';
import { isArchiveAction, type RunnableAction } from '../../processors/archive-processor.js';
import { SimulatedPlatform } from '../../platform/simulated-platform.js';
import type { Platform } from '../../platform/platform.js';
import type { Settings } from '../../settings/settings-store.js';
import { configuredActionInputs } from '../files/action-inputs.js';
import { executeRun, type RunResult } from './execute-run.js';
import type { ProgressListener } from './progress.js';
import { createRunRecord, type RunTrigger } from '../../store/run-records.js';

export interface RunRequest {
  readonly action: RunnableAction;
  /**
   * A path inside the file area; when absent, the action's location setting designates the input(s) (for an
   * archive action, every archive whose name starts with its prefix setting).
   */
  readonly input?: string;
  readonly simulate?: boolean;
  readonly trigger: RunTrigger;
  readonly onProgress?: ProgressListener;
  /** For a simulated run: the overlay to write to (a sequence shares one, so each run sees what the earlier ones would do). */
  readonly simulation?: Platform;
}

/** Runs recorded as queued, and the promise of their results. */
export interface QueuedRuns {
  readonly ids: readonly number[];
  /** Settles when every run has ended (they run one after the other). */
  readonly done: Promise<RunResult[]>;
}

/**
 * Records a run per input file its location designates (a `*` location gives several, in name order), queued,
 * and runs them one after the other; answers their ids at once (the API replies before they end). Each one can be
 * cancelled from the moment it is queued. Throws ENGINE_FILE_NOT_FOUND when there is nothing to process.
 */
export async function queueRuns(engine: Engine, request: RunRequest): Promise<QueuedRuns> {
  const settings = await engine.settings.snapshot();
  const { action } = request;
  const inputs = resolveRequestInputs(engine, settings, request);
  const simulate = request.simulate ?? false;
  // The partial archives of one upload are simulated on one overlay, as the real runs see each other's writes;
  // a request that brings its overlay (a course sequence) shares it with the runs before and after.
  const shared = request.simulation ?? (simulate && isArchiveAction(action) ? new SimulatedPlatform(engine.platform) : undefined);
  const simulation = simulate && shared ? { simulation: shared } : {};
  const queued: { id: number; input: string }[] = [];
  for (const input of inputs) {
    const id = await createRunRecord(engine.store.db, { processor: action.processor, action: action.action, input, trigger: request.trigger, simulate, owner: engine.owner });
    engine.cancellation.signalFor(id);
    queued.push({ id, input });
  }
  const done = (async () => {
    const results: RunResult[] = [];
    for (const { id, input } of queued) {
      results.push(
        await executeRun(engine, {
          action,
          input,
          settings,
          simulate,
          trigger: request.trigger,
          runId: id,
          ...simulation,
          ...(request.onProgress ? { onProgress: request.onProgress } : {}),
        }),
      );
    }
    return results;
  })();
  return { ids: queued.map((run) => run.id), done };
}

/**
 * Runs an action on each input file its location designates, one after the other, and answers their results.
 * Throws ENGINE_FILE_NOT_FOUND when there is nothing to process.
 *
 * @example
 * const [run] = await startRuns(engine, { action: usersAddAction, trigger: 'manual', simulate: true });
 * console.log(run.status, run.counters.errors);
 */
export async function startRuns(engine: Engine, request: RunRequest): Promise<RunResult[]> {
  return (await queueRuns(engine, request)).done;
}

/** The request's input files, as area paths, in the order they run; throws ENGINE_FILE_NOT_FOUND for none. */
function resolveRequestInputs(engine: Engine, settings: Settings, request: RunRequest): string[] {
  const { action } = request;
  const area = engine.folder.files;
  const archive = isArchiveAction(action);
  const inputs = request.input
    ? resolveInputFiles(area, normalizeAreaPath(request.input), archive ? request.input : action.defaultFile)
    : configuredActionInputs(area, settings, action);
  if (inputs.length) return inputs;
  const setting = archive ? action.prefixSetting : action.locationSetting;
  const named = archive ? `${settings.text(action.prefixSetting)}*.zip` : settings.text(action.locationSetting).trim() || action.defaultFile;
  throw ENGINE_FILE_NOT_FOUND({ file: request.input?.trim() || named, setting });
}
