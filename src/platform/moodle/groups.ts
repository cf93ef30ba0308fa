import { reject } from '../embedded/rejections.js';
import { rejected, succeeded, type ItemResult } from '../item-result.js';
import type { Changed, FindInCourses, GroupChange, NewGroup, PlatformGroup } from '../operations.js';
import { inBatches, inSequence, readKnown, sendAll } from './batch-semantics.js';
import { byId, matchesBy } from './find-by.js';
import { batchesOf, distinct, MAX_ITEMS, type MoodleContext } from './moodle-context.js';
import { chunks } from './ws-batches.js';
import { MoodleException } from './ws-exception.js';

/** A group or a grouping as core_group_* functions describe them. */
export interface WsGroup {
  readonly id: number;
  readonly courseid: number;
  readonly name: string;
  readonly idnumber: string;
  readonly description: string;
}

export const toPlatformGroup = (group: WsGroup): PlatformGroup => ({
  id: group.id, courseId: group.courseid, name: group.name, idnumber: group.idnumber ?? '', description: group.description ?? '',
});

/** Groups (or groupings) of courses, one call per course (`core_group_get_course_groups(ings)`); an unknown course has none. */
export async function perCourse(ctx: MoodleContext, wsfunction: 'core_group_get_course_groups' | 'core_group_get_course_groupings', input: FindInCourses): Promise<PlatformGroup[]> {
  const lists = await Promise.all(distinct(input.courseIds).map((courseid) =>
    ctx.client.call<WsGroup[]>(wsfunction, { courseid }, 'read').catch((error: unknown) => {
      if (error instanceof MoodleException) return [];
      throw error;
    })));
  const groups = lists.flat().map(toPlatformGroup);
  const { by } = input;
  return byId(by ? groups.filter((group) => matchesBy(group, by)) : groups);
}

export const findGroups = (ctx: MoodleContext, input: FindInCourses) => perCourse(ctx, 'core_group_get_course_groups', input);

/** Groups by id; core_group_get_groups throws for an unknown id: those are left out. */
export async function groupsById(ctx: MoodleContext, ids: readonly number[]): Promise<Map<number, PlatformGroup>> {
  const groups = await inBatches(chunks(distinct(ids), MAX_ITEMS.lookups), (chunk) =>
    readKnown(chunk, (part) => ctx.client.call<WsGroup[]>('core_group_get_groups', { groupids: part }, 'read')));
  return new Map(groups.map((group) => [group.id, toPlatformGroup(group)]));
}

/** Moodle's refusals of a group or grouping, worded as the embedded platform words them. */
export function groupRefusal(kind: 'group' | 'grouping', exception: MoodleException, courseId: number, name: string | undefined, idnumber: string | undefined): ItemResult<never> {
  const reason = `${exception.errorcode} ${exception.debuginfo ?? ''} ${exception.message}`;
  if (name !== undefined && /invalid group(ing)? name|name.*(exist|taken|same)/i.test(reason)) {
    return kind === 'group' ? reject.groupNameTaken(courseId, name) : reject.groupingNameTaken(courseId, name);
  }
  if (idnumber && /idnumber|id number/i.test(reason)) {
    return kind === 'group' ? reject.groupIdnumberTaken(courseId, idnumber) : reject.groupingIdnumberTaken(courseId, idnumber);
  }
  if (/invalidrecord|invalidcourseid/.test(exception.errorcode)) return reject.courseNotFound(courseId);
  return rejected(exception.errorcode, exception.readable);
}

/** core_group_create_groups or core_group_create_groupings (ALL, bisected); a description is required, even empty. */
export async function createGroupsWith(ctx: MoodleContext, kind: 'group' | 'grouping', input: readonly NewGroup[]): Promise<ItemResult<{ id: number }>[]> {
  const wsfunction = kind === 'group' ? 'core_group_create_groups' : 'core_group_create_groupings';
  const toParams = (batch: readonly NewGroup[]) => ({
    [kind === 'group' ? 'groups' : 'groupings']: batch.map((group) => ({ courseid: group.courseId, name: group.name, description: group.description ?? '', idnumber: group.idnumber ?? '' })),
  });
  return inSequence(batchesOf(ctx, input, toParams, MAX_ITEMS.small), (batch) =>
    sendAll(wsfunction, batch, (items) => ctx.client.call<WsGroup[]>(wsfunction, toParams(items), 'write').then((created) => created.map(({ id }) => ({ id }))),
      (exception, group) => groupRefusal(kind, exception, group.courseId, group.name, group.idnumber)));
}

export const createGroups = (ctx: MoodleContext, input: readonly NewGroup[]) => createGroupsWith(ctx, 'group', input);

/**
 * core_group_update_groups or core_group_update_groupings (ALL, bisected) after reading the current values: an
 * unknown one is refused, an unchanged one costs no write. Moodle wants every name: a group changed twice goes in
 * two rounds, the second built on what the first really did.
 */
export async function updateGroupsWith(ctx: MoodleContext, kind: 'group' | 'grouping', current: Map<number, PlatformGroup>, input: readonly GroupChange[]): Promise<ItemResult<Changed>[]> {
  const results: ItemResult<Changed>[] = [];
  let pending = [...input.entries()];
  while (pending.length) {
    const seen = new Set<number>();
    const round = pending.filter(([, change]) => !seen.has(change.id) && seen.add(change.id));
    pending = pending.filter((entry) => !round.includes(entry));
    await updateRound(ctx, kind, current, round, results);
  }
  return results;
}

async function updateRound(ctx: MoodleContext, kind: 'group' | 'grouping', current: Map<number, PlatformGroup>, round: readonly [number, GroupChange][], results: ItemResult<Changed>[]) {
  const wsfunction = kind === 'group' ? 'core_group_update_groups' : 'core_group_update_groupings';
  const sends: { index: number; group: PlatformGroup }[] = [];
  for (const [index, change] of round) {
    const group = current.get(change.id);
    if (!group) {
      results[index] = kind === 'group' ? reject.groupNotFound(change.id) : reject.groupingNotFound(change.id);
      continue;
    }
    const next = { ...group, ...Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) } as PlatformGroup;
    if (next.name === group.name && next.idnumber === group.idnumber && next.description === group.description) results[index] = succeeded({ changed: false });
    else sends.push({ index, group: next });
  }
  const toParams = (batch: readonly { group: PlatformGroup }[]) => ({
    [kind === 'group' ? 'groups' : 'groupings']: batch.map(({ group }) => ({ id: group.id, name: group.name, idnumber: group.idnumber, description: group.description })),
  });
  const sent = await inSequence(batchesOf(ctx, sends, toParams, MAX_ITEMS.small), (batch) =>
    sendAll(wsfunction, batch, async (items) => {
      await ctx.client.call<null>(wsfunction, toParams(items), 'write');
      return items.map(() => ({ changed: true }));
    }, (exception, { group }) => groupRefusal(kind, exception, group.courseId, group.name, group.idnumber)));
  sends.forEach(({ index, group }, position) => {
    results[index] = sent[position]!;
    if (sent[position]!.ok) current.set(group.id, group);
  });
}

export async function updateGroups(ctx: MoodleContext, input: readonly GroupChange[]): Promise<ItemResult<Changed>[]> {
  return updateGroupsWith(ctx, 'group', await groupsById(ctx, input.map((change) => change.id)), input);
}

/** Deletes groups or groupings (ALL, bisected); Moodle ignores unknown ids, the port refuses them. */
export async function deleteGroupsWith(ctx: MoodleContext, kind: 'group' | 'grouping', known: ReadonlySet<number>, input: readonly number[]): Promise<ItemResult<null>[]> {
  const wsfunction = kind === 'group' ? 'core_group_delete_groups' : 'core_group_delete_groupings';
  const toParams = (batch: readonly number[]) => ({ [kind === 'group' ? 'groupids' : 'groupingids']: batch });
  // An id given twice is gone the second time.
  const existing = input.filter((id, index) => known.has(id) && input.indexOf(id) === index);
  const sent = await inSequence(batchesOf(ctx, existing, toParams, MAX_ITEMS.lookups), (batch) =>
    sendAll(wsfunction, batch, async (items) => {
      await ctx.client.call<null>(wsfunction, toParams(items), 'write');
      return items.map(() => null);
    }));
  const outcome = new Map(existing.map((id, index) => [id, sent[index]!]));
  return input.map((id, index) => (input.indexOf(id) === index ? outcome.get(id) : undefined) ?? (kind === 'group' ? reject.groupNotFound(id) : reject.groupingNotFound(id)));
}

export async function deleteGroups(ctx: MoodleContext, input: readonly number[]): Promise<ItemResult<null>[]> {
  return deleteGroupsWith(ctx, 'group', new Set((await groupsById(ctx, input)).keys()), input);
}
