/** Splits a list into parts of at most `size` items (bound parameters per statement stay low on both databases). */
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/** Moodle keeps times as Unix seconds. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Runs a query per part of at most 500 distinct values and concatenates the rows (no query for no values). */
export async function selectIn<V, R>(values: readonly V[], query: (part: V[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (const part of chunks([...new Set(values)], 500)) rows.push(...(await query(part)));
  return rows;
}

/** A map key made of several ids or names. */
export function keyOf(...parts: readonly (string | number)[]): string {
  return JSON.stringify(parts);
}

/**
 * Looks up rows by pairs of ids (`a in (…) and b in (…)` per 250 pairs): the answer may hold rows of other
 * combinations of the same ids, so callers index it by exact pair.
 */
export async function selectPairs<R>(
  pairs: readonly (readonly [number, number])[],
  query: (firsts: number[], seconds: number[]) => Promise<R[]>,
): Promise<R[]> {
  const rows: R[] = [];
  for (const part of chunks(pairs, 250)) {
    rows.push(...(await query([...new Set(part.map(([first]) => first))], [...new Set(part.map(([, second]) => second))])));
  }
  return rows;
}

/** Rows matching `a in (…) and b in (…)` for every part of each list (no query when either list is empty). */
export async function selectAcross<A, B, R>(firsts: readonly A[], seconds: readonly B[], query: (a: A[], b: B[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (const a of chunks([...new Set(firsts)], 500)) {
    for (const b of chunks([...new Set(seconds)], 500)) rows.push(...(await query(a, b)));
  }
  return rows;
}
