import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';

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

/** A map key made of several ids or names (a NUL never occurs in them). */
export function keyOf(...parts: readonly (string | number)[]): string {
  return parts.join('\u0000');
}

/**
 * Looks up rows for (thing, user) pairs by the users alone, 500 at a time: a user has few enrolments or
 * memberships, while `thing in (…) and user in (…)` makes SQLite probe every combination (measured at 10 ms
 * for 200 courses × 250 users). The answer holds the users' rows for other things too: callers index it by
 * exact pair.
 */
export async function selectPairs<R>(pairs: readonly (readonly [number, number])[], query: (seconds: number[]) => Promise<R[]>): Promise<R[]> {
  return selectIn(pairs.map(([, second]) => second), query);
}


/** Tables whose rows a write removes by id (after reading which ones, by user or by parent). */
type DeletableTable = 'lms_user_enrolments' | 'lms_role_assignments' | 'lms_groups_members' | 'lms_groupings_groups' | 'lms_groups' | 'lms_groupings';

/** Deletes rows by id, 500 a statement. */
export async function deleteByIds(db: Kysely<Database>, table: DeletableTable, ids: readonly number[]): Promise<void> {
  for (const part of chunks([...new Set(ids)], 500)) await db.deleteFrom(table).where('id', 'in', part).execute();
}
