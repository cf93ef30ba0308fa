import type { ProcessorContext } from '../processor.js';

/**
 * Makes sure the custom profile fields the header names exist: a missing one is created as a text field
 * named after its shortname, and said once in the report (not on every row).
 */
export async function ensureProfileFields(context: ProcessorContext, shortnames: readonly string[]): Promise<void> {
  if (!shortnames.length) return;
  const existing = new Set((await context.platform.run('findProfileFields', { shortnames })).map((field) => field.shortname));
  const missing = shortnames.filter((shortname) => !existing.has(shortname));
  if (!missing.length) return;
  const results = await context.platform.run('createProfileFields', missing.map((shortname) => ({ shortname, name: shortname })));
  for (const [index, shortname] of missing.entries()) {
    if (results[index]!.ok) await context.notice('USERS_PROFILE_FIELD_CREATED', { field: shortname });
  }
}
