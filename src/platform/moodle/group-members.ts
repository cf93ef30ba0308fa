import { reject } from '../embedded/rejections.js';
import { rejected, succeeded, type ItemResult } from '../item-result.js';
import type { Added, GroupMember, PlatformGroup, Removed } from '../operations.js';
import { inBatches, inSequence, readKnown, sendAll } from './batch-semantics.js';
import { findGroups, groupsById } from './groups.js';
import { batchesOf, distinct, MAX_ITEMS, type MoodleContext } from './moodle-context.js';
import { needsPlugin, throughPlugin } from './plugin-items.js';
import { chunks } from './ws-batches.js';

/**
 * Members of groups. The companion plugin tells each membership's component (the plugin that owns it); core's
 * core_group_get_group_members does not, so without the plugin every membership reads as a manual one.
 */
export async function findGroupMembers(ctx: MoodleContext, input: { readonly groupIds: readonly number[]; readonly userIds?: readonly number[] }): Promise<GroupMember[]> {
  const users = input.userIds ? new Set(input.userIds) : undefined;
  if (!input.groupIds.length || users?.size === 0) return [];
  const groupChunks = chunks(distinct(input.groupIds), MAX_ITEMS.lookups);
  let members: GroupMember[];
  if (ctx.has('local_toolsync_get_group_members')) {
    const lists = await inBatches(groupChunks, (groupids) =>
      ctx.client.call<{ groupid: number; userid: number; component: string }[]>('local_toolsync_get_group_members', { groupids, userids: input.userIds ?? [] }, 'read'));
    members = lists.map((member) => ({ groupId: member.groupid, userId: member.userid, component: member.component ?? '' }));
  } else {
    const lists = await inBatches(groupChunks, (chunk) => readKnown(chunk, (groupids) =>
      ctx.client.call<{ groupid: number; userids: number[] }[]>('core_group_get_group_members', { groupids }, 'read')));
    members = lists.flatMap((list) => list.userids.map((userId) => ({ groupId: list.groupid, userId, component: '' })));
  }
  return users ? members.filter((member) => users.has(member.userId)) : members;
}

/** Groups of the courses without any member. */
export async function findEmptyGroups(ctx: MoodleContext, input: { readonly courseIds: readonly number[] }): Promise<PlatformGroup[]> {
  const groups = await findGroups(ctx, { courseIds: input.courseIds });
  const members = await findGroupMembers(ctx, { groupIds: groups.map((group) => group.id) });
  const filled = new Set(members.map((member) => member.groupId));
  return groups.filter((group) => !filled.has(group.id));
}

/**
 * Adds memberships: manual ones through core_group_add_group_members (ALL, bisected: a user not enrolled in the
 * course fails the call), those owned by a component through the companion plugin (core cannot set one).
 */
export async function addGroupMembers(ctx: MoodleContext, input: readonly GroupMember[]): Promise<ItemResult<Added>[]> {
  const groups = await groupsById(ctx, input.map((member) => member.groupId));
  const held = new Set((await findGroupMembers(ctx, { groupIds: [...groups.keys()], userIds: distinct(input.map((member) => member.userId)) }))
    .map((member) => `${member.groupId}:${member.userId}`));
  const results: ItemResult<Added>[] = [];
  const core: { index: number; member: GroupMember; courseId: number }[] = [];
  const owned: { index: number; member: GroupMember }[] = [];
  for (const [index, member] of input.entries()) {
    const group = groups.get(member.groupId);
    if (!group) results[index] = reject.groupNotFound(member.groupId);
    else if (held.has(`${member.groupId}:${member.userId}`)) results[index] = succeeded({ added: false });
    else {
      // A later item for the same membership finds it there, as in one call.
      held.add(`${member.groupId}:${member.userId}`);
      if (member.component) owned.push({ index, member });
      else core.push({ index, member, courseId: group.courseId });
    }
  }
  const toParams = (batch: readonly { member: GroupMember }[]) => ({ members: batch.map(({ member }) => ({ groupid: member.groupId, userid: member.userId })) });
  const added = await inSequence(batchesOf(ctx, core, toParams, MAX_ITEMS.memberships), (batch) =>
    sendAll('core_group_add_group_members', batch, async (items) => {
      await ctx.client.call<null>('core_group_add_group_members', toParams(items), 'write');
      return items.map(() => ({ added: true }));
    }, (exception, { member, courseId }) => {
      if (/invalidrecord/.test(exception.errorcode)) return reject.userNotFound(member.userId);
      if (/enrol/i.test(`${exception.debuginfo ?? ''} ${exception.message}`) || exception.errorcode === 'erroraddremoveuser') {
        return reject.userNotEnrolled(member.userId, courseId, member.groupId);
      }
      return rejected(exception.errorcode, exception.readable);
    }));
  core.forEach(({ index }, position) => (results[index] = added[position]!));
  await throughPlugin(ctx, 'local_toolsync_add_group_members', owned, results, pluginMember, (answer) => ({ added: Boolean(answer.added) }));
  return results;
}

/**
 * Removes memberships as the port says (only those of the item's component). The companion plugin does it
 * exactly; without it, core_group_delete_group_members removes manual memberships, and Moodle itself refuses
 * those a plugin owns.
 */
export async function removeGroupMembers(ctx: MoodleContext, input: readonly GroupMember[]): Promise<ItemResult<Removed>[]> {
  const results: ItemResult<Removed>[] = [];
  if (ctx.has('local_toolsync_delete_group_members')) {
    await throughPlugin(ctx, 'local_toolsync_delete_group_members', input.map((member, index) => ({ index, member })), results, pluginMember,
      (answer) => ({ removed: Boolean(answer.removed) }));
    return results;
  }
  const groups = await groupsById(ctx, input.map((member) => member.groupId));
  const held = new Set((await findGroupMembers(ctx, { groupIds: [...groups.keys()] })).map((member) => `${member.groupId}:${member.userId}`));
  const sends: { index: number; member: GroupMember }[] = [];
  for (const [index, member] of input.entries()) {
    if (!groups.has(member.groupId)) results[index] = reject.groupNotFound(member.groupId);
    else if (!held.has(`${member.groupId}:${member.userId}`)) results[index] = succeeded({ removed: false });
    else if (member.component) results[index] = needsPlugin('local_toolsync_delete_group_members');
    else sends.push({ index, member });
  }
  const toParams = (batch: readonly { member: GroupMember }[]) => ({ members: batch.map(({ member }) => ({ groupid: member.groupId, userid: member.userId })) });
  const removed = await inSequence(batchesOf(ctx, sends, toParams, MAX_ITEMS.memberships), (batch) =>
    sendAll('core_group_delete_group_members', batch, async (items) => {
      await ctx.client.call<null>('core_group_delete_group_members', toParams(items), 'write');
      return items.map(() => ({ removed: true }));
    }));
  sends.forEach(({ index }, position) => (results[index] = removed[position]!));
  return results;
}

const pluginMember = ({ member }: { member: GroupMember }) => ({ groupid: member.groupId, userid: member.userId, component: member.component ?? '' });
