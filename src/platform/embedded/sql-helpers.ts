import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../store/schema.js';

/** Splits a list into parts of at most `size` items (bound parameters per statement stay low on both databases). */
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/** Moodle keeps times as Unix seconds. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * Runs a query per part of at most 2,000 distinct values (a batch's worth: fewer statements to build and
 * prepare, -6 % on the enrolment bench; far below both databases' parameter limits) and concatenates the rows
 * (no query for no values).
 */
export async function selectIn<V, R>(values: readonly V[], query: (part: V[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (const part of chunks([...new Set(values)], 2000)) {
    for (const row of await query(padToBucket(part))) rows.push(row);
  }
  return rows;
}

/**
 * A list of values for `in (…)` lengthened to one of a few sizes by repeating its last value (a repeat changes
 * nothing to the answer), so that statements repeat and SQLite reuses them prepared: at most 12.5 % more values,
 * eight sizes per doubling.
 */
export function padToBucket<T>(part: T[]): T[] {
  if (part.length <= 8) return part;
  const step = 2 ** Math.floor(Math.log2(part.length)) / 8;
  const size = Math.ceil(part.length / step) * step;
  return size === part.length ? part : part.concat(Array<T>(size - part.length).fill(part.at(-1)!));
}

/** A map key made of several ids or names (a NUL never occurs in them). */
export function keyOf(...parts: readonly (string | number)[]): string {
  return parts.join('\u0000');
}

/**
 * Looks up rows by exact (thing, user) pairs, 2,000 pairs a statement, as `(a, b) in (values (…), …)`: each pair
 * is one probe of the table's unique (thing, user) index, which also answers the pair columns without reading
 * the row. Reading by the users alone fetched every enrolment of each user (20,000 rows a batch when users have
 * ten courses: 28 ms against 1 ms measured), and `a in (…) and b in (…)` probes every combination.
 */
export async function selectPairs<R>(
  pairs: readonly (readonly [number, number])[],
  columns: readonly [string, string],
  query: (condition: RawBuilder<boolean>) => Promise<R[]>,
): Promise<R[]> {
  const distinct = [...new Map(pairs.map((pair) => [keyOf(pair[0], pair[1]), pair])).values()];
  const rows: R[] = [];
  for (const chunk of chunks(distinct, 2000)) {
    const part = padToBucket(chunk);
    // Only the first row is cast: PostgreSQL types the other rows' parameters like it (as UNION does), and
    // SQLite takes six times longer to prepare a statement that casts every value.
    const values = sql.join(
      part.map(([first, second], index) => (index === 0 ? sql`(cast(${first} as bigint), cast(${second} as bigint))` : sql`(${first}, ${second})`)),
    );
    for (const row of await query(sql<boolean>`(${sql.ref(columns[0])}, ${sql.ref(columns[1])}) in (values ${values})`)) rows.push(row);
  }
  return rows;
}

/** Tables whose rows a write removes by id (after reading which ones, by user or by parent). */
type DeletableTable = 'lms_user_enrolments' | 'lms_role_assignments' | 'lms_groups_members' | 'lms_groupings_groups' | 'lms_groups' | 'lms_groupings';

/** Deletes rows by id, 500 a statement. */
export async function deleteByIds(db: Kysely<Database>, table: DeletableTable, ids: readonly number[]): Promise<void> {
  for (const part of chunks([...new Set(ids)], 500)) await db.deleteFrom(table).where('id', 'in', part).execute();
}
