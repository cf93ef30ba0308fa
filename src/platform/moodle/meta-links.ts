import { reject } from '../embedded/rejections.js';
import { rejected, succeeded, type ItemResult } from '../item-result.js';
import type { MetaLink, MetaLinkAdded, MetaLinkQuery, MetaLinkRequest, MetaSyncCounts, Removed } from '../operations.js';
import { inSequence, refusedBy, sendAll } from './batch-semantics.js';
import { batchesOf, distinct, MAX_ITEMS, type MoodleContext } from './moodle-context.js';
import { sendPluginItems } from './plugin-items.js';
import type { MoodleException } from './ws-exception.js';

/**
 * Metacourse links (spec/moodle-ws.md 4.7). Core adds and removes them (enrol_meta_add_instances /
 * enrol_meta_delete_instances, PARTIAL) but cannot list them: the companion plugin's
 * local_toolsync_get_enrol_instances reads the `meta` instances (the parent course in customint1).
 */

const keyOf = (courseId: number, parentId: number) => `${courseId}:${parentId}`;

/** The `meta` instances of the courses, or those mirroring the parents, by meta course then instance id. */
export async function findMetaLinks(ctx: MoodleContext, query: MetaLinkQuery): Promise<MetaLink[]> {
  const byParent = 'parentIds' in query;
  const wanted = new Set(byParent ? query.parentIds : query.courseIds);
  if (!wanted.size) return [];
  // The plugin selects by the meta course: by parent, every meta instance is read and filtered here.
  const instances = await ctx.client.call<{ id: number; courseid: number; customint1: number | null; status: number }[]>('local_toolsync_get_enrol_instances', {
    courseids: byParent ? [] : [...wanted], cohortids: [], instanceids: [], enrol: 'meta',
  }, 'read');
  return instances
    .filter((instance) => wanted.has(byParent ? Number(instance.customint1 ?? 0) : instance.courseid))
    .map((instance) => ({ instanceId: instance.id, courseId: instance.courseid, parentId: Number(instance.customint1 ?? 0), enabled: Number(instance.status) === 0 }))
    .sort((a, b) => a.courseId - b.courseId || a.instanceId - b.instanceId);
}

type MetaCall = 'enrol_meta_add_instances' | 'enrol_meta_delete_instances';

/** Moodle's refusal of one link: an unknown meta course or parent (invalidparameter, wsinvalid(meta)course). */
function linkRefusal(exception: MoodleException, link: MetaLinkRequest): ItemResult<never> {
  const reason = `${exception.debuginfo ?? ''} ${exception.message}`;
  if (/meta ?course/i.test(reason)) return reject.courseNotFound(link.courseId);
  if (/course/i.test(reason)) return reject.courseNotFound(link.parentId);
  return refusedBy(exception);
}

/**
 * Sends links to a PARTIAL function (no transaction: an exception stops Moodle's loop, the items before it stay).
 * Items are idempotent (an existing link answers status false), so a refused call is bisected like an ALL one;
 * the outcome of each item comes from the links read before, not from Moodle's status, so that an item a refused
 * call had already applied still answers as done.
 */
function sendLinks(ctx: MoodleContext, wsfunction: MetaCall, links: readonly MetaLinkRequest[]): Promise<ItemResult<true>[]> {
  const toParams = (batch: readonly MetaLinkRequest[]) => ({ instances: batch.map((link) => ({ metacourseid: link.courseId, courseid: link.parentId })) });
  return inSequence(batchesOf(ctx, links, toParams, MAX_ITEMS.small), (batch) =>
    sendAll(wsfunction, batch, async (items) => {
      await ctx.client.call<{ metacourseid: number; courseid: number; status: boolean }[]>(wsfunction, toParams(items), 'write');
      return items.map(() => true as const);
    }, linkRefusal));
}

/**
 * Links meta courses to parents: a new link through enrol_meta_add_instances (which syncs the meta course at
 * once), a disabled one enabled again through the plugin (Moodle's enrol_meta then syncs it), an enabled one left.
 * A course linked to itself is refused before anything is sent.
 */
export async function addMetaLinks(ctx: MoodleContext, links: readonly MetaLinkRequest[]): Promise<ItemResult<MetaLinkAdded>[]> {
  const before = new Map((await findMetaLinks(ctx, { courseIds: distinct(links.map((link) => link.courseId)) })).map((link) => [keyOf(link.courseId, link.parentId), link]));
  const results: ItemResult<MetaLinkAdded>[] = [];
  const creates: { index: number; link: MetaLinkRequest }[] = [];
  const restores: { index: number; instanceId: number }[] = [];
  const pending = new Set<string>();
  for (const [index, link] of links.entries()) {
    const key = keyOf(link.courseId, link.parentId);
    const existing = before.get(key);
    if (link.courseId === link.parentId) results[index] = rejected('PLATFORM_META_SELF_LINK', `Course ${link.courseId} cannot be a metacourse of itself`, { courseId: link.courseId });
    else if (pending.has(key)) results[index] = succeeded({ instanceId: 0, outcome: 'unchanged' });
    else if (existing && existing.enabled) results[index] = succeeded({ instanceId: existing.instanceId, outcome: 'unchanged' });
    else if (existing) restores.push({ index, instanceId: existing.instanceId });
    else creates.push({ index, link });
    pending.add(key);
  }
  const created = await sendLinks(ctx, 'enrol_meta_add_instances', creates.map(({ link }) => link));
  const restored = await sendPluginItems(ctx, 'local_toolsync_set_enrol_instances_status', restores,
    (batch) => ({ instances: batch.map(({ instanceId }) => ({ id: instanceId, enabled: 1 })) }), () => null);
  // The ids of the new instances, and those an item given twice answers.
  const after = new Map((creates.length ? await findMetaLinks(ctx, { courseIds: distinct(creates.map(({ link }) => link.courseId)) }) : [])
    .map((link) => [keyOf(link.courseId, link.parentId), link.instanceId]));
  creates.forEach(({ index, link }, position) => {
    const result = created[position]!;
    results[index] = result.ok ? succeeded({ instanceId: after.get(keyOf(link.courseId, link.parentId)) ?? 0, outcome: 'created' }) : result;
  });
  restores.forEach(({ index, instanceId }, position) => {
    const result = restored[position]!;
    results[index] = result.ok ? succeeded({ instanceId, outcome: 'restored' }) : result;
  });
  for (const [index, link] of links.entries()) {
    const result = results[index]!;
    if (result.ok && result.value.instanceId === 0) {
      const key = keyOf(link.courseId, link.parentId);
      results[index] = succeeded({ instanceId: after.get(key) ?? before.get(key)?.instanceId ?? 0, outcome: 'unchanged' });
    }
  }
  return results;
}

/** Removes links with the enrolments they made (enrol_meta_delete_instances); no such link answers removed false. */
export async function removeMetaLinks(ctx: MoodleContext, links: readonly MetaLinkRequest[]): Promise<ItemResult<Removed>[]> {
  const held = new Set((await findMetaLinks(ctx, { courseIds: distinct(links.map((link) => link.courseId)) })).map((link) => keyOf(link.courseId, link.parentId)));
  const results: ItemResult<Removed>[] = [];
  const sends: { index: number; link: MetaLinkRequest }[] = [];
  const seen = new Set<string>();
  for (const [index, link] of links.entries()) {
    const key = keyOf(link.courseId, link.parentId);
    // An unknown course is sent so that Moodle refuses it; a link given twice is removed once.
    if (seen.has(key)) results[index] = succeeded({ removed: false });
    else sends.push({ index, link });
    seen.add(key);
  }
  const sent = await sendLinks(ctx, 'enrol_meta_delete_instances', sends.map(({ link }) => link));
  sends.forEach(({ index, link }, position) => {
    const result = sent[position]!;
    results[index] = result.ok ? succeeded({ removed: held.has(keyOf(link.courseId, link.parentId)) }) : result;
  });
  return results;
}

/**
 * Moodle's enrol_meta keeps meta courses in step by itself (event observers, and enrol_meta_sync when a link is
 * added or enabled): by the time a run asks, there is nothing left to do and no web service to tell what was done.
 * The counts are zeros, as the embedded platform answers for courses already in step.
 */
export async function syncMetaEnrolments(): Promise<MetaSyncCounts> {
  return { enrolled: 0, unenrolled: 0, suspended: 0, reactivated: 0, rolesAssigned: 0, rolesUnassigned: 0 };
}
