import type { ItemError, ItemResult } from './item-result.js';

/**
 * A write the platform refused inside a sequence of port operations (a course reset, a template's copy): the
 * sequence for that course stops there, and the refusal becomes the course's answer.
 */
export class RefusedWrite extends Error {
  constructor(readonly refusal: ItemError) {
    super(refusal.message);
  }
}

/** The values of a write's results, or the first refusal thrown as a RefusedWrite. */
export function checked<T>(results: readonly ItemResult<T>[]): T[] {
  return results.map((result) => {
    if (!result.ok) throw new RefusedWrite(result.error);
    return result.value;
  });
}
