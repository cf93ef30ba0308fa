import type { Clock } from '../src/engine/schedule/clock.js';

/** A clock tests move by hand: timers fire in time order as it passes them, and nothing waits for real. */
export class FakeClock implements Clock {
  #now: number;
  #next = 1;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();

  constructor(start: Date | string) {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#timers.set(id, { at: this.#now + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Pending timers (for checks such as "nothing armed"). */
  get pending(): number {
    return this.#timers.size;
  }

  /**
   * Moves to `target`, firing every timer due on the way, in order, letting the work they start settle;
   * `between` waits for that work where it needs more than a few turns of the event loop (database calls).
   */
  async advanceTo(target: Date | string, between?: () => Promise<void>): Promise<void> {
    const end = new Date(target).getTime();
    for (;;) {
      const due = [...this.#timers].filter(([, timer]) => timer.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      const [id, timer] = due;
      this.#timers.delete(id);
      this.#now = Math.max(this.#now, timer.at);
      timer.callback();
      await settle();
      await between?.();
    }
    this.#now = Math.max(this.#now, end);
    await settle();
  }

  async advance(ms: number, between?: () => Promise<void>): Promise<void> {
    await this.advanceTo(new Date(this.#now + ms), between);
  }
}

/** Lets promise chains and I/O callbacks started by a timer run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
