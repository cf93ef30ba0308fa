import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { GroupingBinding, Removed } from '../operations.js';
import { findGroupingGroups } from './groupings.js';
import { isRemoved } from './rejections.js';
import { keyOf } from './sql-helpers.js';

/** Takes groups out of groupings (the course reset's "groupings members"); no such binding answers `removed` false. */
export async function unassignGroupings(db: Kysely<Database>, bindings: readonly GroupingBinding[]): Promise<ItemResult<Removed>[]> {
  const held = await findGroupingGroups(db, { groupingIds: bindings.map((binding) => binding.groupingId) });
  const bound = new Set(held.map((binding) => keyOf(binding.groupingId, binding.groupId)));
  const results = bindings.map(({ groupingId, groupId }): ItemResult<Removed> => succeeded({ removed: bound.delete(keyOf(groupingId, groupId)) }));
  for (const { groupingId, groupId } of bindings.filter((_, index) => isRemoved(results[index]!))) {
    await db.deleteFrom('lms_groupings_groups').where('groupingid', '=', groupingId).where('groupid', '=', groupId).execute();
  }
  return results;
}
