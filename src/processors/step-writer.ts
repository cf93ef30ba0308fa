import type { OperationInput, OperationKind, OperationOutput } from '../platform/operations.js';
import type { Platform } from '../platform/platform.js';

/** Operations whose input is a list of items answered one result each. */
type ListKind = {
  [K in OperationKind]: OperationInput<K> extends readonly unknown[] ? (OperationOutput<K> extends readonly unknown[] ? K : never) : never;
}[OperationKind];

type ItemOf<K extends ListKind> = OperationInput<K> extends readonly (infer Item)[] ? Item : never;
type ResultOf<K extends ListKind> = OperationOutput<K> extends readonly (infer Result)[] ? Result : never;

/**
 * One platform write a row asks for. `item` is computed when its phase comes, so it can use what earlier
 * phases did (the id of a group created just before); it answers null to drop the step (having said why).
 */
export interface Step<K extends ListKind> {
  readonly kind: K;
  item(): ItemOf<K> | null;
  done(result: ResultOf<K>): void;
}

export type AnyStep = { [K in ListKind]: Step<K> }[ListKind];

/**
 * Collects the writes of a batch's rows and runs them as one platform call per kind, in a fixed phase order
 * (removals before additions, groups before their members), handing each result back to its step.
 */
export class StepWriter {
  readonly #platform: Platform;
  readonly #order: readonly ListKind[];
  #steps: AnyStep[] = [];

  constructor(platform: Platform, order: readonly ListKind[]) {
    this.#platform = platform;
    this.#order = order;
  }

  add(step: AnyStep): void {
    if (!this.#order.includes(step.kind)) throw new Error(`StepWriter: ${step.kind} is not one of its phases`);
    this.#steps.push(step);
  }

  get pending(): boolean {
    return this.#steps.length > 0;
  }

  async flush(): Promise<void> {
    const steps = this.#steps;
    this.#steps = [];
    for (const kind of this.#order) {
      // Side by side rather than in a pair object per step: the items go to the platform as they are.
      const ready: AnyStep[] = [];
      const items: unknown[] = [];
      for (const step of steps) {
        if (step.kind !== kind) continue;
        const item = step.item();
        if (item === null) continue;
        ready.push(step);
        items.push(item);
      }
      if (!ready.length) continue;
      const run = this.#platform.run.bind(this.#platform) as (kind: ListKind, input: readonly unknown[]) => Promise<readonly unknown[]>;
      const results = await run(kind, items);
      ready.forEach((step, index) => (step.done as (result: unknown) => void)(results[index]));
    }
  }
}
