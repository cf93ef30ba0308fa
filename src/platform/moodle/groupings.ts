import { reject } from '../embedded/rejections.js';
import { rejected, succeeded, type ItemResult } from '../item-result.js';
import type { Added, Changed, FindInCourses, GroupChange, GroupingBinding, NewGroup, PlatformGrouping, Removed } from '../operations.js';
import { inBatches, inSequence, readKnown, sendAll } from './batch-semantics.js';
import { createGroupsWith, deleteGroupsWith, groupsById, perCourse, toPlatformGroup, updateGroupsWith, type WsGroup } from './groups.js';
import { batchesOf, distinct, MAX_ITEMS, type MoodleContext } from './moodle-context.js';
import { chunks } from './ws-batches.js';

interface WsGrouping extends WsGroup {
  readonly groups?: readonly WsGroup[];
}

export const findGroupings = (ctx: MoodleContext, input: FindInCourses): Promise<PlatformGrouping[]> => perCourse(ctx, 'core_group_get_course_groupings', input);

/** Groupings by id with their groups (core_group_get_groupings throws for an unknown id: those are left out). */
async function groupingsById(ctx: MoodleContext, ids: readonly number[]): Promise<WsGrouping[]> {
  const groupings = await inBatches(chunks(distinct(ids), MAX_ITEMS.lookups), (chunk) =>
    readKnown(chunk, (part) => ctx.client.call<WsGrouping[]>('core_group_get_groupings', { groupingids: part, returngroups: 1 }, 'read')));
  return groupings.sort((a, b) => a.id - b.id);
}

export const createGroupings = (ctx: MoodleContext, input: readonly NewGroup[]) => createGroupsWith(ctx, 'grouping', input);

export async function updateGroupings(ctx: MoodleContext, input: readonly GroupChange[]): Promise<ItemResult<Changed>[]> {
  const current = new Map((await groupingsById(ctx, input.map((change) => change.id))).map((grouping) => [grouping.id, toPlatformGroup(grouping)]));
  return updateGroupsWith(ctx, 'grouping', current, input);
}

export async function deleteGroupings(ctx: MoodleContext, input: readonly number[]): Promise<ItemResult<null>[]> {
  return deleteGroupsWith(ctx, 'grouping', new Set((await groupingsById(ctx, input)).map((grouping) => grouping.id)), input);
}

/** The groups bound to groupings, in grouping then group order; an unknown grouping has none. */
export async function findGroupingGroups(ctx: MoodleContext, input: { readonly groupingIds: readonly number[] }): Promise<GroupingBinding[]> {
  return (await groupingsById(ctx, input.groupingIds)).flatMap((grouping) =>
    [...(grouping.groups ?? [])].sort((a, b) => a.id - b.id).map((group) => ({ groupingId: grouping.id, groupId: group.id })));
}

/** Groupings of the courses that hold no group. */
export async function findEmptyGroupings(ctx: MoodleContext, input: { readonly courseIds: readonly number[] }): Promise<PlatformGrouping[]> {
  const groupings = await findGroupings(ctx, { courseIds: input.courseIds });
  const full = new Set((await findGroupingGroups(ctx, { groupingIds: groupings.map((grouping) => grouping.id) })).map((binding) => binding.groupingId));
  return groupings.filter((grouping) => !full.has(grouping.id));
}

/** core_group_assign_grouping (ALL, bisected) after checking both ends exist in the same course and the binding is new. */
export async function assignGroupings(ctx: MoodleContext, input: readonly GroupingBinding[]): Promise<ItemResult<Added>[]> {
  const groupings = new Map((await groupingsById(ctx, input.map((binding) => binding.groupingId))).map((grouping) => [grouping.id, grouping]));
  const groups = await groupsById(ctx, input.map((binding) => binding.groupId));
  const bound = new Set([...groupings.values()].flatMap((grouping) => (grouping.groups ?? []).map((group) => `${grouping.id}:${group.id}`)));
  const results: ItemResult<Added>[] = [];
  const sends: { index: number; binding: GroupingBinding }[] = [];
  for (const [index, binding] of input.entries()) {
    const grouping = groupings.get(binding.groupingId);
    const group = groups.get(binding.groupId);
    const key = `${binding.groupingId}:${binding.groupId}`;
    if (!grouping) results[index] = reject.groupingNotFound(binding.groupingId);
    else if (!group) results[index] = reject.groupNotFound(binding.groupId);
    else if (group.courseId !== grouping.courseid) results[index] = reject.groupingCourseMismatch(grouping.id, grouping.courseid, group.id, group.courseId);
    else if (bound.has(key)) results[index] = succeeded({ added: false });
    else {
      bound.add(key);
      sends.push({ index, binding });
    }
  }
  const toParams = (batch: readonly { binding: GroupingBinding }[]) => ({ assignments: batch.map(({ binding }) => ({ groupingid: binding.groupingId, groupid: binding.groupId })) });
  const sent = await inSequence(batchesOf(ctx, sends, toParams, MAX_ITEMS.memberships), (batch) =>
    sendAll('core_group_assign_grouping', batch, async (items) => {
      await ctx.client.call<null>('core_group_assign_grouping', toParams(items), 'write');
      return items.map(() => ({ added: true }));
    }, (exception) => rejected(exception.errorcode, exception.readable)));
  sends.forEach(({ index }, position) => (results[index] = sent[position]!));
  return results;
}

/** core_group_unassign_grouping (ALL, bisected) for the bindings that exist; an unknown or unbound pair answers removed false. */
export async function unassignGroupings(ctx: MoodleContext, input: readonly GroupingBinding[]): Promise<ItemResult<Removed>[]> {
  const bound = new Set((await groupingsById(ctx, input.map((binding) => binding.groupingId)))
    .flatMap((grouping) => (grouping.groups ?? []).map((group) => `${grouping.id}:${group.id}`)));
  const results: ItemResult<Removed>[] = [];
  const sends: { index: number; binding: GroupingBinding }[] = [];
  for (const [index, binding] of input.entries()) {
    const key = `${binding.groupingId}:${binding.groupId}`;
    if (!bound.delete(key)) results[index] = succeeded({ removed: false });
    else sends.push({ index, binding });
  }
  const toParams = (batch: readonly { binding: GroupingBinding }[]) => ({ unassignments: batch.map(({ binding }) => ({ groupingid: binding.groupingId, groupid: binding.groupId })) });
  const sent = await inSequence(batchesOf(ctx, sends, toParams, MAX_ITEMS.memberships), (batch) =>
    sendAll('core_group_unassign_grouping', batch, async (items) => {
      await ctx.client.call<null>('core_group_unassign_grouping', toParams(items), 'write');
      return items.map(() => ({ removed: true }));
    }, (exception) => rejected(exception.errorcode, exception.readable)));
  sends.forEach(({ index }, position) => (results[index] = sent[position]!));
  return results;
}
