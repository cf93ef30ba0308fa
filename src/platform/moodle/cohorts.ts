import { reject } from '../embedded/rejections.js';
import { rejected, succeeded, type ItemResult } from '../item-result.js';
import type { Added, Changed, CohortChange, CohortMember, FindBy, NewCohort, PlatformCohort, Removed } from '../operations.js';
import { inBatches, inSequence, readKnown, sendAll, sendItems } from './batch-semantics.js';
import { byId, matchesBy } from './find-by.js';
import { batchesOf, distinct, MAX_ITEMS, type MoodleContext } from './moodle-context.js';
import { chunks } from './ws-batches.js';
import { MoodleException } from './ws-exception.js';

interface WsCohort {
  readonly id: number;
  readonly name: string;
  readonly idnumber: string;
  readonly description: string;
  /** Only from the companion plugin: core returns no context. */
  readonly categoryid?: number;
}

/**
 * Every cohort the token may see, from the companion plugin (which tells each cohort's category) or from
 * core_cohort_search_cohorts (which does not: categoryId null), filtered here: core has no lookup by idnumber.
 */
async function allCohorts(ctx: MoodleContext): Promise<PlatformCohort[]> {
  const cohorts = ctx.has('local_toolsync_get_cohorts')
    ? await ctx.client.call<WsCohort[]>('local_toolsync_get_cohorts', { cohortids: [] }, 'read')
    : (await ctx.client.call<{ cohorts: WsCohort[] }>('core_cohort_search_cohorts', {
        query: '', context: { contextlevel: 'system', instanceid: 0 }, includes: 'all', limitfrom: 0, limitnum: 0,
      }, 'read')).cohorts;
  return cohorts.map((cohort) => ({
    id: cohort.id, name: cohort.name, idnumber: cohort.idnumber ?? '', description: cohort.description ?? '', categoryId: cohort.categoryid || null,
  }));
}

export async function findCohorts(ctx: MoodleContext, { by }: FindBy<'id' | 'idnumber' | 'name'>): Promise<PlatformCohort[]> {
  if (!Object.values(by).some((values) => values?.length)) return [];
  return byId((await allCohorts(ctx)).filter((cohort) => matchesBy(cohort, by)));
}

function cohortRefusal(exception: MoodleException, idnumber: string | undefined, categoryId: number | null | undefined): ItemResult<never> {
  const reason = `${exception.debuginfo ?? ''} ${exception.message}`;
  if (idnumber && /idnumber/i.test(reason) && /exist/i.test(reason)) return reject.cohortIdnumberTaken(idnumber);
  if (categoryId && /categor/i.test(reason)) return reject.categoryNotFound(categoryId);
  return rejected(exception.errorcode, exception.readable);
}

const categoryType = (categoryId: number | null | undefined) => (categoryId ? { type: 'id', value: String(categoryId) } : { type: 'system', value: '' });

/** core_cohort_create_cohorts (ALL, bisected). Core cannot record a cohort's component. */
export async function createCohorts(ctx: MoodleContext, input: readonly NewCohort[]): Promise<ItemResult<{ id: number }>[]> {
  const toParams = (batch: readonly NewCohort[]) => ({
    cohorts: batch.map((cohort) => ({
      categorytype: categoryType(cohort.categoryId), name: cohort.name, idnumber: cohort.idnumber ?? '', description: cohort.description ?? '',
    })),
  });
  return inSequence(batchesOf(ctx, input, toParams, MAX_ITEMS.small), (batch) =>
    sendAll('core_cohort_create_cohorts', batch,
      (items) => ctx.client.call<WsCohort[]>('core_cohort_create_cohorts', toParams(items), 'write').then((created) => created.map(({ id }) => ({ id }))),
      (exception, cohort) => cohortRefusal(exception, cohort.idnumber, cohort.categoryId)));
}

/**
 * Changes cohorts: core_cohort_update_cohorts wants every field and the category (or it moves the cohort), so the
 * current values come first from the companion plugin; unchanged ones cost no call.
 */
export async function updateCohorts(ctx: MoodleContext, input: readonly CohortChange[]): Promise<ItemResult<Changed>[]> {
  const current = new Map((await allCohorts(ctx)).map((cohort) => [cohort.id, cohort]));
  const results: ItemResult<Changed>[] = [];
  const sends: { index: number; cohort: PlatformCohort }[] = [];
  for (const [index, change] of input.entries()) {
    const cohort = current.get(change.id);
    if (!cohort) {
      results[index] = reject.cohortNotFound(change.id);
      continue;
    }
    const next: PlatformCohort = { ...cohort, ...definedOf(change) };
    const owner = next.idnumber ? [...current.values()].find((other) => other.id !== next.id && other.idnumber === next.idnumber) : undefined;
    if (owner) results[index] = reject.cohortIdnumberTaken(next.idnumber);
    else if (JSON.stringify(next) === JSON.stringify(cohort)) results[index] = succeeded({ changed: false });
    else {
      current.set(next.id, next);
      sends.push({ index, cohort: next });
    }
  }
  const toParams = (batch: readonly { cohort: PlatformCohort }[]) => ({
    cohorts: batch.map(({ cohort }) => ({ id: cohort.id, categorytype: categoryType(cohort.categoryId), name: cohort.name, idnumber: cohort.idnumber, description: cohort.description })),
  });
  const sent = await inSequence(batchesOf(ctx, sends, toParams, MAX_ITEMS.small), (batch) =>
    sendAll('core_cohort_update_cohorts', batch, async (items) => {
      await ctx.client.call<null>('core_cohort_update_cohorts', toParams(items), 'write');
      return items.map(() => ({ changed: true }));
    }, (exception, { cohort }) => cohortRefusal(exception, cohort.idnumber, cohort.categoryId)));
  sends.forEach(({ index }, position) => (results[index] = sent[position]!));
  return results;
}

function definedOf(change: CohortChange): Partial<PlatformCohort> {
  return Object.fromEntries(Object.entries(change).filter(([key, value]) => key !== 'id' && value !== undefined));
}

/** core_cohort_delete_cohorts (ALL, bisected); Moodle's enrol_cohort observer removes the cohort's instances. */
export async function deleteCohorts(ctx: MoodleContext, input: readonly number[]): Promise<ItemResult<null>[]> {
  const toParams = (batch: readonly number[]) => ({ cohortids: batch });
  return inSequence(batchesOf(ctx, input, toParams, MAX_ITEMS.small), (batch) =>
    sendAll('core_cohort_delete_cohorts', batch, async (items) => {
      await ctx.client.call<null>('core_cohort_delete_cohorts', toParams(items), 'write');
      return items.map(() => null);
    }, (exception, id) => (/invalidrecord/.test(exception.errorcode) ? reject.cohortNotFound(id) : rejected(exception.errorcode, exception.readable))));
}

/** Members of cohorts; core_cohort_get_cohort_members throws for an unknown cohort: those have none. */
export async function findCohortMembers(ctx: MoodleContext, input: { readonly cohortIds: readonly number[]; readonly userIds?: readonly number[] }): Promise<CohortMember[]> {
  const cohortIds = distinct(input.cohortIds);
  const lists = await inBatches(chunks(cohortIds, MAX_ITEMS.lookups), (chunk) => readKnown(chunk, (ids) =>
    ctx.client.call<{ cohortid: number; userids: number[] }[]>('core_cohort_get_cohort_members', { cohortids: ids }, 'read')));
  const users = input.userIds ? new Set(input.userIds) : undefined;
  return lists.flatMap((list) => list.userids.filter((userId) => !users || users.has(userId)).map((userId) => ({ cohortId: list.cohortid, userId })));
}

interface CohortWarning {
  readonly warningcode: string;
  readonly message: string;
}

/**
 * core_cohort_add_cohort_members: each member on its own, refusals as warnings that name the cohort or the user
 * in their message (no item index): unknown cohort or user (code 2), already a member (code 3, not an error: a
 * pair given twice is added the first time and warned about the next ones).
 */
export async function addCohortMembers(ctx: MoodleContext, input: readonly CohortMember[]): Promise<ItemResult<Added>[]> {
  const toParams = (batch: readonly CohortMember[]) => ({
    members: batch.map((member) => ({ cohorttype: { type: 'id', value: String(member.cohortId) }, usertype: { type: 'id', value: String(member.userId) } })),
  });
  return inSequence(batchesOf(ctx, input, toParams, MAX_ITEMS.memberships), (batch) => sendItems(batch, async () => {
    const answer = await ctx.client.call<{ warnings?: CohortWarning[] }>('core_cohort_add_cohort_members', toParams(batch), 'write');
    const missingCohorts = new Set<number>();
    const missingUsers = new Set<number>();
    const already = new Map<string, number>();
    for (const warning of answer?.warnings ?? []) {
      const cohort = /cohort id=(\d+) not exist/.exec(warning.message);
      const user = /user id=(\d+) not exist/.exec(warning.message);
      const member = /cohortid=(\d+)\D+userid=(\d+)/.exec(warning.message);
      if (cohort) missingCohorts.add(Number(cohort[1]));
      else if (user) missingUsers.add(Number(user[1]));
      else if (warning.warningcode === '3' && member) already.set(`${member[1]}:${member[2]}`, (already.get(`${member[1]}:${member[2]}`) ?? 0) + 1);
      else throw new MoodleException({ errorcode: warning.warningcode, message: warning.message });
    }
    // Of k items of a pair with w warnings, the first k - w were added.
    const remaining = new Map<string, number>();
    for (const member of batch) remaining.set(`${member.cohortId}:${member.userId}`, (remaining.get(`${member.cohortId}:${member.userId}`) ?? 0) + 1);
    return batch.map((member): ItemResult<Added> => {
      if (missingCohorts.has(member.cohortId)) return reject.cohortNotFound(member.cohortId);
      if (missingUsers.has(member.userId)) return reject.userNotFound(member.userId);
      const key = `${member.cohortId}:${member.userId}`;
      const left = remaining.get(key)!;
      remaining.set(key, left - 1);
      return succeeded({ added: left > (already.get(key) ?? 0) });
    });
  }));
}

/**
 * core_cohort_delete_cohort_members (ALL, bisected: an unknown user throws, a user not a member is no error), after
 * reading who is a member, which Moodle does not say: `removed` is true for the first item of a member only.
 */
export async function removeCohortMembers(ctx: MoodleContext, input: readonly CohortMember[]): Promise<ItemResult<Removed>[]> {
  const known = new Set((await allCohorts(ctx)).map((cohort) => cohort.id));
  const members = new Set((await findCohortMembers(ctx, { cohortIds: input.map((member) => member.cohortId).filter((id) => known.has(id)) }))
    .map((member) => `${member.cohortId}:${member.userId}`));
  const results: ItemResult<Removed>[] = [];
  const sends: { index: number; member: CohortMember; removed: boolean }[] = [];
  for (const [index, member] of input.entries()) {
    const key = `${member.cohortId}:${member.userId}`;
    if (!known.has(member.cohortId)) results[index] = reject.cohortNotFound(member.cohortId);
    else {
      sends.push({ index, member, removed: members.has(key) });
      members.delete(key);
    }
  }
  const toParams = (batch: readonly { member: CohortMember }[]) => ({ members: batch.map(({ member }) => ({ cohortid: member.cohortId, userid: member.userId })) });
  const sent = await inSequence(batchesOf(ctx, sends, toParams, MAX_ITEMS.memberships), (batch) =>
    sendAll('core_cohort_delete_cohort_members', batch, async (items) => {
      await ctx.client.call<null>('core_cohort_delete_cohort_members', toParams(items), 'write');
      return items.map(({ removed }) => ({ removed }));
    }, (exception, { member }) => (exception.missingTable === 'user' ? reject.userNotFound(member.userId) : rejected(exception.errorcode, exception.readable))));
  sends.forEach(({ index }, position) => (results[index] = sent[position]!));
  return results;
}
