import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { PlatformProfileField } from '../operations.js';
import { selectIn } from './sql-helpers.js';
import { checkNewProfileFields } from './user-rules.js';

/** Custom profile fields by exact shortname. */
export async function findProfileFields(db: Kysely<Database>, { shortnames }: { shortnames: readonly string[] }): Promise<PlatformProfileField[]> {
  return selectIn(shortnames, (part) =>
    db.selectFrom('lms_user_info_field').select(['id', 'shortname', 'name', 'datatype']).where('shortname', 'in', part).orderBy('id').execute(),
  );
}

/** Creates text fields; a shortname already used, or twice in the call, is rejected for that item. */
export async function createProfileFields(
  db: Kysely<Database>,
  fields: readonly { shortname: string; name: string }[],
): Promise<ItemResult<{ id: number }>[]> {
  const taken = new Set((await findProfileFields(db, { shortnames: fields.map((field) => field.shortname) })).map((field) => field.shortname));
  const verdicts = checkNewProfileFields(fields, (shortname) => taken.has(shortname));
  const results: ItemResult<{ id: number }>[] = [];
  for (const [index, { shortname, name }] of fields.entries()) {
    const verdict = verdicts[index];
    if (verdict) {
      results.push(verdict);
      continue;
    }
    const { id } = await db.insertInto('lms_user_info_field').values({ shortname, name, datatype: 'text' }).returning('id').executeTakeFirstOrThrow();
    results.push(succeeded({ id }));
  }
  return results;
}
