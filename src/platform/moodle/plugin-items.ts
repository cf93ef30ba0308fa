import { rejected, type ItemResult } from '../item-result.js';
import { inSequence, sendItems } from './batch-semantics.js';
import { batchesOf, MAX_ITEMS, type MoodleContext } from './moodle-context.js';
import type { WsValue } from './ws-encode.js';
import type { WsFunctionName } from './ws-functions.js';
import type { MoodleException } from './ws-exception.js';

/**
 * The error codes of the companion plugin's functions and the port's codes they stand for: the plugin words its
 * refusals as the embedded platform does, so that a report reads the same on both platforms.
 */
const PLUGIN_CODES = [
  'PLATFORM_CATEGORY_NOT_EMPTY', 'PLATFORM_CATEGORY_NOT_FOUND', 'PLATFORM_COHORT_IDNUMBER_TAKEN', 'PLATFORM_COHORT_NOT_FOUND', 'PLATFORM_COURSE_IDNUMBER_TAKEN',
  'PLATFORM_COURSE_NOT_FOUND', 'PLATFORM_COURSE_SHORTNAME_TAKEN', 'PLATFORM_ENROLMENT_NOT_FOUND', 'PLATFORM_ENROL_INSTANCE_NOT_FOUND',
  'PLATFORM_GROUPING_COURSE_MISMATCH', 'PLATFORM_GROUPING_IDNUMBER_TAKEN', 'PLATFORM_GROUPING_NAME_TAKEN', 'PLATFORM_GROUPING_NOT_FOUND',
  'PLATFORM_GROUP_IDNUMBER_TAKEN', 'PLATFORM_GROUP_NAME_TAKEN', 'PLATFORM_GROUP_NOT_FOUND', 'PLATFORM_GROUP_NOT_IN_COURSE',
  'PLATFORM_MEMBERSHIP_PROTECTED', 'PLATFORM_META_SELF_LINK', 'PLATFORM_PROFILE_FIELD_TAKEN', 'PLATFORM_PROFILE_FIELD_UNKNOWN', 'PLATFORM_ROLE_NOT_FOUND',
  'PLATFORM_USERNAME_TAKEN', 'PLATFORM_USER_NOT_ENROLLED', 'PLATFORM_USER_NOT_FOUND',
] as const;

/** The plugin's errorcode of a port code: `PLATFORM_ENROL_INSTANCE_NOT_FOUND` → `enrolinstancenotfound`. */
export function pluginErrorcode(code: string): string {
  return code.replace(/^PLATFORM_/, '').replaceAll('_', '').toLowerCase();
}

const BY_ERRORCODE = new Map<string, string>(PLUGIN_CODES.map((code) => [pluginErrorcode(code), code]));

/** An item the companion plugin refused, with the port's code when the plugin's errorcode names one. */
export function pluginRefusal(exception: MoodleException): ItemResult<never> {
  const code = BY_ERRORCODE.get(exception.errorcode);
  return code ? rejected(code, exception.message) : rejected(exception.errorcode || 'moodle', exception.readable);
}

/** An item of an ITEM function of the companion plugin: `errorcode` empty when it was applied, `params` of a refusal. */
export interface PluginItem {
  readonly errorcode: string;
  readonly message: string;
  readonly [field: string]: unknown;
}

/** The ItemResults of an ITEM function of the plugin (each item on its own, refusals in the answer). */
export function pluginItems<A extends PluginItem, T>(answers: readonly A[], value: (answer: A) => T): ItemResult<T>[] {
  return answers.map((answer) => {
    if (!answer.errorcode) return { ok: true, value: value(answer) };
    const params = Object.fromEntries(((answer.params ?? []) as { name: string; value: string }[])
      .map(({ name, value: text }) => [name, /^-?\d+$/.test(text) ? Number(text) : text]));
    return rejected(BY_ERRORCODE.get(answer.errorcode) ?? answer.errorcode, answer.message || answer.errorcode, Object.keys(params).length ? params : undefined);
  });
}

/** Items only the companion plugin can write, each on its own; refused with a clear message on a site without it. */
export async function throughPlugin<I, T>(
  ctx: MoodleContext,
  wsfunction: WsFunctionName,
  items: readonly ({ index: number } & I)[],
  results: ItemResult<T>[],
  toItem: (item: I) => Record<string, WsValue>,
  value: (answer: PluginItem) => T,
): Promise<void> {
  if (!items.length) return;
  if (!ctx.has(wsfunction)) {
    for (const { index } of items) results[index] = needsPlugin(wsfunction);
    return;
  }
  const sent = await sendPluginItems(ctx, wsfunction, items, (batch) => ({ items: batch.map(toItem) }), value);
  sent.forEach((result, position) => (results[items[position]!.index] = result));
}

/** Sends items to an ITEM function of the companion plugin, in as few calls as max_input_vars allows. */
export async function sendPluginItems<I, T>(
  ctx: MoodleContext,
  wsfunction: WsFunctionName,
  items: readonly I[],
  toParams: (batch: readonly I[]) => Record<string, WsValue>,
  value: (answer: PluginItem) => T,
  maxItems: number = MAX_ITEMS.memberships,
): Promise<ItemResult<T>[]> {
  return inSequence(batchesOf(ctx, items, toParams, maxItems), (batch) =>
    sendItems(batch, async (part) => pluginItems(await ctx.client.call<PluginItem[]>(wsfunction, toParams(part), 'write'), value)));
}

/** An item only the companion plugin can do, on a site without it. */
export function needsPlugin(wsfunction: string): ItemResult<never> {
  return rejected('MOODLE_NEEDS_PLUGIN', `This needs ${wsfunction} of the companion plugin local_toolsync, which this Moodle does not offer to the token`);
}

