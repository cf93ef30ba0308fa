/** Time as the scheduler and the drop-folder watcher see it; tests give a clock they move themselves. */
export interface Clock {
  now(): Date;
  /** Calls `callback` after `ms` milliseconds; answers a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The longest delay a Node timer takes (about 24.8 days); a longer wait is armed again when it ends. */
export const MAX_TIMER_MS = 2_147_483_647;

/** The real clock. Its timers do not keep the process alive: the HTTP server does. */
export const systemClock: Clock = {
  now: () => new Date(),
  setTimeout: (callback, ms) => setTimeout(callback, Math.min(ms, MAX_TIMER_MS)).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
