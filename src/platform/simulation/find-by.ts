import { ID_FIELDS } from '../embedded/references.js';
import type { FindBy } from '../operations.js';

/**
 * Whether an entity created in the overlay matches a lookup as the embedded platform's `field in (…)` does:
 * empty values match nothing, ids (and category and parent ids) compare as numbers, other fields exactly.
 */
export function matchesFindBy<F extends string>(entity: NoInfer<{ readonly [K in F]: string | number }>, by: FindBy<F>['by']): boolean {
  return lookupTest(by)(entity as Readonly<Record<string, string | number>>);
}

type LookupTest = (entity: Readonly<Record<string, string | number>>) => boolean;

/** The values of a lookup as sets, made once per lookup: overlays test thousands of entities against thousands of values. */
const tests = new WeakMap<object, LookupTest>();

function lookupTest(by: FindBy<string>['by']): LookupTest {
  let test = tests.get(by);
  if (!test) {
    const sets = Object.keys(by).map(
      (field) => [field, new Set<string | number>((by[field] ?? []).filter((value) => value !== '').map((value) => (ID_FIELDS.has(field) ? Number(value) : value)))] as const,
    );
    test = (entity) => sets.some(([field, values]) => values.has(entity[field]!));
    tests.set(by, test);
  }
  return test;
}

/**
 * The id order of a simulation: real entities by id, then those created here in creation order (-1, -2…), as
 * the platform would have numbered them after its own.
 */
export function compareSimulatedIds(a: { readonly id: number }, b: { readonly id: number }): number {
  if ((a.id < 0) !== (b.id < 0)) return a.id < 0 ? 1 : -1;
  return a.id < 0 ? b.id - a.id : a.id - b.id;
}
