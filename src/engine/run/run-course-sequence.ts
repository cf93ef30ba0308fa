import { SimulatedPlatform } from '../../platform/simulated-platform.js';
import { isArchiveAction } from '../../processors/archive-processor.js';
import { findAction } from '../../processors/registry.js';
import type { RunTrigger } from '../../store/run-records.js';
import { ENGINE_UNKNOWN_PROCESSOR } from '../engine-errors.js';
import type { Engine } from '../engine.js';
import { configuredActionInputs } from '../files/action-inputs.js';
import type { RunResult } from './execute-run.js';
import type { ProgressListener } from './progress.js';
import { startRuns } from './start-runs.js';

/**
 * The course files in the order the original's course run takes them when several are asked together
 * (spec 5.2): reset, check, delete, create, metacourses. `courses/create` is found by name in the registry.
 */
export const COURSE_SEQUENCE = ['courses/reset', 'courses/check', 'courses/delete', 'courses/create', 'courses/metas'] as const;

/** What one step of the sequence did. */
export interface CourseSequenceStep {
  /** `processor/action`. */
  readonly action: string;
  /** `ran`; `no-file` when none of the files its location names exists; `unavailable` when the action is not installed. */
  readonly outcome: 'ran' | 'no-file' | 'unavailable';
  /** One run per input file (a `*` location gives several). */
  readonly runs: readonly RunResult[];
}

export interface CourseSequenceRequest {
  readonly trigger: RunTrigger;
  readonly simulate?: boolean;
  /** Steps to take (names of COURSE_SEQUENCE, `reset` or `courses/reset`), always in the sequence's order; all by default. */
  readonly only?: readonly string[];
  readonly onProgress?: ProgressListener;
}

/**
 * "Run all commands" of the courses: each step whose configured file exists runs, in the sequence's order, one run
 * per file; a step with no file is passed. A failed run does not stop the sequence (each run has its own report).
 * Simulated, the runs share one overlay: the simulated creation sees the courses a simulated deletion removed.
 *
 * @example
 * const steps = await runCourseSequence(engine, { trigger: 'manual', simulate: true });
 * for (const step of steps) console.log(step.action, step.outcome, step.runs.map((run) => run.status));
 */
export async function runCourseSequence(engine: Engine, request: CourseSequenceRequest): Promise<CourseSequenceStep[]> {
  const wanted = selectSteps(request.only);
  const settings = await engine.settings.snapshot();
  const simulation = request.simulate ? new SimulatedPlatform(engine.platform) : undefined;
  const steps: CourseSequenceStep[] = [];
  for (const name of wanted) {
    const action = findAction(name);
    // Every step is a CSV file: an archive action by that name would not be a course step.
    if (!action || isArchiveAction(action)) {
      steps.push({ action: name, outcome: 'unavailable', runs: [] });
      continue;
    }
    if (!configuredActionInputs(engine.folder.files, settings, action).length) {
      steps.push({ action: name, outcome: 'no-file', runs: [] });
      continue;
    }
    const runs = await startRuns(engine, {
      action,
      trigger: request.trigger,
      simulate: request.simulate ?? false,
      ...(simulation ? { simulation } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    });
    steps.push({ action: name, outcome: 'ran', runs });
  }
  return steps;
}

function selectSteps(only: readonly string[] | undefined): string[] {
  if (!only?.length) return [...COURSE_SEQUENCE];
  const asked = new Set(
    only.map((name) => {
      const full = name.includes('/') ? name : `courses/${name}`;
      if (!(COURSE_SEQUENCE as readonly string[]).includes(full)) throw ENGINE_UNKNOWN_PROCESSOR({ name, available: COURSE_SEQUENCE.join(', ') });
      return full;
    }),
  );
  return COURSE_SEQUENCE.filter((name) => asked.has(name));
}
