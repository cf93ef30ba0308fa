/**
 * The runs of this process that can be cancelled: each run registers here while it is queued or running, and
 * a cancel request aborts its signal; the run stops between two batches (a batch is never cut in half).
 */
export class RunCancellation {
  readonly #controllers = new Map<number, AbortController>();

  /** The signal of a run, registered until `release`. */
  signalFor(runId: number): AbortSignal {
    let controller = this.#controllers.get(runId);
    if (!controller) {
      controller = new AbortController();
      this.#controllers.set(runId, controller);
    }
    return controller.signal;
  }

  /** Asks a run of this process to stop; false when it is not one of this process's live runs. */
  cancel(runId: number): boolean {
    const controller = this.#controllers.get(runId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  release(runId: number): void {
    this.#controllers.delete(runId);
  }
}
