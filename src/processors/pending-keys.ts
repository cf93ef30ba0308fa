/**
 * Tracks the identifying keys (`u:jdoe`, `e:jdoe@example.org`…) of the writes a processor has queued in a batch,
 * so that a row depending on an earlier row of the same batch is seen: when a row shares a key with a queued
 * write, the queue is flushed first; when it shares a key with any write of the batch, its lookups are redone.
 * Duplicates in a batch are rare, so this costs nothing on clean files and keeps the semantics of row-by-row
 * processing exact, in real and simulated runs alike.
 */
export class PendingKeys {
  readonly #queued = new Set<string>();
  readonly #written = new Set<string>();

  /** Whether one of the keys belongs to a write still queued (flush before going on). */
  queued(keys: readonly string[]): boolean {
    return keys.some((key) => this.#queued.has(key));
  }

  /** Whether one of the keys was touched by a write of this batch (look the row up again). */
  touched(keys: readonly string[]): boolean {
    return keys.some((key) => this.#written.has(key));
  }

  add(keys: readonly string[]): void {
    for (const key of keys) {
      this.#queued.add(key);
      this.#written.add(key);
    }
  }

  /** The queued writes were executed. */
  flushed(): void {
    this.#queued.clear();
  }
}
