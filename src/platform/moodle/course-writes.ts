import type { CourseChange, CourseSettings, NewCategory } from '../course-record.js';
import { reject } from '../embedded/rejections.js';
import { rejected, succeeded, type ItemResult } from '../item-result.js';
import { inSequence, refusedBy, sendAll, sendItems } from './batch-semantics.js';
import { batchesOf, MAX_ITEMS, type MoodleContext } from './moodle-context.js';
import { needsPlugin, sendPluginItems } from './plugin-items.js';

/** Course and category writes beyond creation, each answering one ItemResult per item in order. */

interface Warning {
  readonly itemid?: number;
  readonly warningcode: string;
  readonly message: string;
}

/** Settings core_course_update_courses takes under their Moodle name (`category` is its `categoryid`, `theme` its `forcetheme`). */
const SENT_AS = {
  fullname: 'fullname', shortname: 'shortname', idnumber: 'idnumber', summary: 'summary', format: 'format', lang: 'lang', theme: 'forcetheme',
  category: 'categoryid', showgrades: 'showgrades', newsitems: 'newsitems', startdate: 'startdate', enddate: 'enddate', maxbytes: 'maxbytes',
  showreports: 'showreports', visible: 'visible', groupmode: 'groupmode', groupmodeforce: 'groupmodeforce', defaultgroupingid: 'defaultgroupingid',
  enablecompletion: 'enablecompletion',
} as const satisfies Partial<Record<keyof CourseSettings, string>>;
/** Settings Moodle keeps itself on an update (sort order, the former visibility, times): not sent. */
const KEPT_BY_MOODLE = new Set(['sortorder', 'visibleold', 'timecreated', 'timemodified']);

/**
 * The settings core cannot write (no parameter of create_courses or update_courses takes them). For a new course,
 * one given at the value Moodle creates it with (marker and legacyfiles 0) loses nothing and is not counted.
 */
export function unwritable(set: CourseSettings, creating = false): string[] {
  return Object.keys(set).filter((key) => {
    const value = set[key as keyof CourseSettings];
    if (key in SENT_AS || key === 'coursedisplay' || KEPT_BY_MOODLE.has(key) || value === undefined) return false;
    return !(creating && value === 0);
  });
}

/** The parameters of core_course_create_courses and update_courses that write these settings. */
export function settingParams(set: CourseSettings): Record<string, string | number | { name: string; value: string }[]> {
  const params: Record<string, string | number | { name: string; value: string }[]> = {};
  for (const [key, name] of Object.entries(SENT_AS)) {
    const value = set[key as keyof typeof SENT_AS];
    if (value !== undefined) params[name] = value;
  }
  // coursedisplay is an option of the topics and weeks formats.
  if (set.coursedisplay !== undefined) params.courseformatoptions = [{ name: 'coursedisplay', value: String(set.coursedisplay) }];
  return params;
}

const courseParams = ({ id, set }: CourseChange) => ({ id, ...settingParams(set) });

/**
 * core_course_update_courses (ITEM: refusals as warnings by course id). A setting no parameter takes (marker,
 * legacyfiles) fails its item before anything is sent, so that a report never claims a change Moodle dropped.
 */
export async function updateCourses(ctx: MoodleContext, changes: readonly CourseChange[]): Promise<ItemResult<null>[]> {
  const results: ItemResult<null>[] = [];
  const sends: { index: number; change: CourseChange }[] = [];
  for (const [index, change] of changes.entries()) {
    const refused = unwritable(change.set);
    if (refused.length) results[index] = rejected('MOODLE_SETTING_NOT_WRITABLE', `core_course_update_courses cannot write ${refused.join(', ')} (course ${change.id})`);
    else sends.push({ index, change });
  }
  const toParams = (batch: readonly { change: CourseChange }[]) => ({ courses: batch.map(({ change }) => courseParams(change)) });
  const sent = await inSequence(batchesOf(ctx, sends, toParams, MAX_ITEMS.small), (batch) => sendItems(batch, async (items) => {
    const answer = await ctx.client.call<{ warnings?: Warning[] }>('core_course_update_courses', toParams(items), 'write');
    return byWarnings(items.map((item) => item.change.id), answer?.warnings ?? []).map((result, index) => {
      if (result.ok) return result;
      const { set } = items[index]!.change;
      if (result.error.code === 'shortnametaken') return reject.courseShortnameTaken(set.shortname ?? '');
      if (result.error.code === 'courseidnumbertaken') return reject.courseIdnumberTaken(set.idnumber ?? '');
      if (result.error.code === 'unknowncategory') return reject.categoryNotFound(set.category ?? 0);
      return result;
    });
  }));
  sends.forEach(({ index }, position) => (results[index] = sent[position]!));
  return results;
}

/** core_course_delete_courses (ITEM), a few courses a call: Moodle deletes synchronously and slowly. */
export async function deleteCourses(ctx: MoodleContext, ids: readonly number[]): Promise<ItemResult<null>[]> {
  const toParams = (batch: readonly number[]) => ({ courseids: batch });
  return inSequence(batchesOf(ctx, ids, toParams, 5), (batch) => sendItems(batch, async (items) => {
    const answer = await ctx.client.call<{ warnings?: Warning[] }>('core_course_delete_courses', toParams(items), 'write');
    return byWarnings(items, answer?.warnings ?? []);
  }));
}

/**
 * Results of an ITEM call from its warnings by course id. A course named twice in one call: Moodle handles items in
 * order, so the warnings of an id go to its last occurrences (a course deleted by the first is unknown to the next).
 */
function byWarnings(ids: readonly number[], warnings: readonly Warning[]): ItemResult<null>[] {
  const left = new Map<number | undefined, Warning[]>();
  for (const warning of warnings) left.set(warning.itemid, [...(left.get(warning.itemid) ?? []), warning]);
  const remaining = new Map<number, number>();
  for (const id of ids) remaining.set(id, (remaining.get(id) ?? 0) + 1);
  return ids.map((id) => {
    const after = remaining.get(id)! - 1;
    remaining.set(id, after);
    const pending = left.get(id) ?? [];
    // Occurrences still to come take the later warnings.
    if (pending.length <= after) return succeeded(null);
    const warning = pending.shift()!;
    // An unknown id: update_courses's MUST_EXIST lookup fails (invalidrecord), delete_courses says unknowncourseidnumber.
    return ['unknowncourseidnumber', 'invalidcourseid', 'invalidrecord'].includes(warning.warningcode) ? reject.courseNotFound(id) : rejected(warning.warningcode, warning.message);
  });
}

/**
 * core_course_create_categories (ALL, bisected). Parents must exist: an item may name a category created by an
 * earlier batch. Core creates every category visible (spec 4.3): a hidden one is then hidden by the companion
 * plugin, and refused before anything is sent on a site without it.
 */
export async function createCategories(ctx: MoodleContext, categories: readonly NewCategory[]): Promise<ItemResult<{ id: number }>[]> {
  const results: ItemResult<{ id: number }>[] = [];
  const sends: { index: number; category: NewCategory }[] = [];
  for (const [index, category] of categories.entries()) {
    if (category.visible || ctx.has('local_toolsync_hide_categories')) sends.push({ index, category });
    else results[index] = needsPlugin('local_toolsync_hide_categories');
  }
  const toParams = (batch: readonly { category: NewCategory }[]) => ({
    categories: batch.map(({ category }) => ({ name: category.name, parent: category.parent, idnumber: category.idnumber })),
  });
  const sent = await inSequence(batchesOf(ctx, sends, toParams, MAX_ITEMS.small), (batch) =>
    sendAll('core_course_create_categories', batch, (items) =>
      ctx.client.call<{ id: number }[]>('core_course_create_categories', toParams(items), 'write').then((created) => created.map(({ id }) => ({ id }))),
    (exception, { category }) => (exception.missingTable || /parent|categor/i.test(exception.debuginfo ?? '') ? reject.categoryNotFound(category.parent) : refusedBy(exception))));
  sends.forEach(({ index }, position) => (results[index] = sent[position]!));
  const hide = sends.flatMap(({ index, category }) => {
    const result = results[index]!;
    return result.ok && !category.visible ? [{ index, id: result.value.id }] : [];
  });
  const hidden = await sendPluginItems(ctx, 'local_toolsync_hide_categories', hide, (batch) => ({ categoryids: batch.map(({ id }) => id) }), () => null, MAX_ITEMS.small);
  hide.forEach(({ index }, position) => {
    const result = hidden[position]!;
    if (!result.ok) results[index] = result;
  });
  return results;
}
