/**
 * Failed log-ins per username: after `max` failures within `windowMs`, that username is refused until the
 * oldest failure leaves the window, whatever address tries (the per-address limit is the rate-limit plugin's).
 * In memory: a restart forgives, which an attacker cannot cause.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();
  readonly #max: number;
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(options: { max?: number; windowMs?: number; now?: () => number } = {}) {
    this.#max = options.max ?? 5;
    this.#windowMs = options.windowMs ?? 15 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** Seconds to wait before trying this username again; 0 when it may try now. */
  retryAfter(username: string): number {
    const recent = this.#recent(username);
    if (recent.length < this.#max) return 0;
    return Math.max(1, Math.ceil((recent[0]! + this.#windowMs - this.#now()) / 1000));
  }

  fail(username: string): void {
    this.#failures.set(username, [...this.#recent(username), this.#now()]);
  }

  succeed(username: string): void {
    this.#failures.delete(username);
  }

  #recent(username: string): number[] {
    const since = this.#now() - this.#windowMs;
    const recent = (this.#failures.get(username) ?? []).filter((time) => time > since);
    if (recent.length) this.#failures.set(username, recent);
    else this.#failures.delete(username);
    return recent;
  }
}
