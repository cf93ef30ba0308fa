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
