import { reject } from '../embedded/rejections.js';
import type { ItemResult } from '../item-result.js';
import type { Added, Removed } from '../operations.js';
import { inSequence, refusedBy, sendAll } from './batch-semantics.js';
import { batchesOf, distinct, MAX_ITEMS, type MoodleContext } from './moodle-context.js';
import type { MoodleException } from './ws-exception.js';

/** A metacourse link: the metacourse mirrors the enrolments of the linked course. */
export interface MetaLink {
  readonly metaCourseId: number;
  readonly courseId: number;
}

type MetaCall = 'enrol_meta_add_instances' | 'enrol_meta_delete_instances';

/**
 * enrol_meta_add_instances / enrol_meta_delete_instances: PARTIAL (no transaction: an exception stops Moodle's loop
 * and the items before it stay applied). Items are idempotent (an existing link answers status false), so a
 * refused call is bisected like an ALL one and only the bad links fail. Whether a link existed before is read
 * first from the companion plugin when the site has it: the items a refused call had already applied then still
 * answer as added; without it they answer as already there.
 *
 * Ready for the metacourse operations of the port (courses processor), which are not in this branch yet.
 */
async function changeLinks(ctx: MoodleContext, wsfunction: MetaCall, links: readonly MetaLink[]): Promise<ItemResult<boolean>[]> {
  const keyOf = (metaCourseId: number, courseId: number) => `${metaCourseId}:${courseId}`;
  // A meta instance links its course to the course in customint1.
  const before = ctx.has('local_toolsync_get_enrol_instances')
    ? new Set((await ctx.client.call<{ courseid: number; customint1: number }[]>('local_toolsync_get_enrol_instances', {
      courseids: distinct(links.map((link) => link.metaCourseId)), cohortids: [], instanceids: [], enrol: 'meta',
    }, 'read')).map((instance) => keyOf(instance.courseid, instance.customint1)))
    : undefined;
  const adding = wsfunction === 'enrol_meta_add_instances';
  const toParams = (batch: readonly MetaLink[]) => ({ instances: batch.map((link) => ({ metacourseid: link.metaCourseId, courseid: link.courseId })) });
  return inSequence(batchesOf(ctx, links, toParams, MAX_ITEMS.small), (batch) =>
    sendAll(wsfunction, batch, async (items) => {
      const answer = await ctx.client.call<{ metacourseid: number; courseid: number; status: boolean }[]>(wsfunction, toParams(items), 'write');
      return answer.map((item) => {
        if (!before) return Boolean(item.status);
        // Later items of the call see earlier ones (a link given twice is added once).
        const key = keyOf(item.metacourseid, item.courseid);
        const known = before.has(key);
        if (adding) before.add(key);
        else before.delete(key);
        return adding ? !known : known;
      });
    }, (exception: MoodleException, link) => {
      const reason = `${exception.debuginfo ?? ''} ${exception.message}`;
      if (/meta course/i.test(reason)) return reject.courseNotFound(link.metaCourseId);
      if (/course/i.test(reason)) return reject.courseNotFound(link.courseId);
      return refusedBy(exception);
    }));
}

/** Adds metacourse links; an existing one answers added false. */
export async function addMetaLinks(ctx: MoodleContext, links: readonly MetaLink[]): Promise<ItemResult<Added>[]> {
  return (await changeLinks(ctx, 'enrol_meta_add_instances', links)).map((result) => (result.ok ? { ok: true, value: { added: result.value } } : result));
}

/** Removes metacourse links; a missing one answers removed false. */
export async function removeMetaLinks(ctx: MoodleContext, links: readonly MetaLink[]): Promise<ItemResult<Removed>[]> {
  return (await changeLinks(ctx, 'enrol_meta_delete_instances', links)).map((result) => (result.ok ? { ok: true, value: { removed: result.value } } : result));
}
