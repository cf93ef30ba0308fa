import type { ItemResult } from '../item-result.js';
import type { PlatformProfileField } from '../operations.js';
import { MAX_ITEMS, type MoodleContext } from './moodle-context.js';
import { sendPluginItems } from './plugin-items.js';

/** Custom profile field definitions: no core function reads nor writes them, the companion plugin does. */
export async function findProfileFields(ctx: MoodleContext, input: { readonly shortnames: readonly string[] }): Promise<PlatformProfileField[]> {
  if (!input.shortnames.length) return [];
  return ctx.client.call<PlatformProfileField[]>('local_toolsync_get_profile_fields', { shortnames: input.shortnames }, 'read');
}

export async function createProfileFields(ctx: MoodleContext, input: readonly { readonly shortname: string; readonly name: string }[]): Promise<ItemResult<{ id: number }>[]> {
  return sendPluginItems(ctx, 'local_toolsync_create_profile_fields', input,
    (batch) => ({ fields: batch.map(({ shortname, name }) => ({ shortname, name })) }), (answer) => ({ id: Number(answer.id) }), MAX_ITEMS.small);
}
