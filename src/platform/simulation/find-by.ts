import type { FindBy } from '../operations.js';

/**
 * Whether an entity created in the overlay matches a lookup as the embedded platform's `field in (…)` does:
 * empty values match nothing, ids compare as numbers, other fields exactly.
 */
export function matchesFindBy<F extends string>(entity: NoInfer<{ readonly [K in F]: string | number }>, by: FindBy<F>['by']): boolean {
  return (Object.keys(by) as F[]).some((field) =>
    (by[field] ?? []).some((value) => value !== '' && (field === 'id' ? Number(value) === entity[field] : value === entity[field])),
  );
}

/**
 * The id order of a simulation: real entities by id, then those created here in creation order (-1, -2…), as
 * the platform would have numbered them after its own.
 */
export function compareSimulatedIds(a: { readonly id: number }, b: { readonly id: number }): number {
  if ((a.id < 0) !== (b.id < 0)) return a.id < 0 ? 1 : -1;
  return a.id < 0 ? b.id - a.id : a.id - b.id;
}
