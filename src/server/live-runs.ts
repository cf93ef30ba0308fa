import type { Engine } from '../engine/engine.js';
import type { RunProgress } from '../engine/run/progress.js';

/** The latest progress of this process's running runs, for run pages that open mid-run. */
export class LiveRuns {
  readonly #progress = new Map<number, RunProgress>();
  readonly #detach: () => void;

  constructor(engine: Engine) {
    const onProgress = (progress: RunProgress) => this.#progress.set(progress.runId, progress);
    const onFinished = ({ runId }: { runId: number }) => this.#progress.delete(runId);
    engine.events.on('progress', onProgress);
    engine.events.on('finished', onFinished);
    this.#detach = () => {
      engine.events.off('progress', onProgress);
      engine.events.off('finished', onFinished);
    };
  }

  progressOf(runId: number): RunProgress | undefined {
    return this.#progress.get(runId);
  }

  close(): void {
    this.#detach();
  }
}
