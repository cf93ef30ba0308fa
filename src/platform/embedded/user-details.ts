import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { CustomFieldValues } from '../operations.js';
import { chunks, keyOf, selectIn } from './sql-helpers.js';
import { compareFieldValues } from './user-rules.js';

/** Custom field values and preferences to write for one user. */
export interface UserDetails {
  readonly userId: number;
  readonly customFields?: CustomFieldValues | undefined;
  readonly preferences?: Readonly<Record<string, string>> | undefined;
}

/** The ids of the custom profile fields that exist among the shortnames. */
export async function profileFieldIds(db: Kysely<Database>, shortnames: readonly string[]): Promise<Map<string, number>> {
  const rows = await selectIn(shortnames, (part) =>
    db.selectFrom('lms_user_info_field').select(['id', 'shortname']).where('shortname', 'in', part).execute(),
  );
  return new Map(rows.map((row) => [row.shortname, row.id]));
}

/**
 * Upserts custom field data (`lms_user_info_data`) and preferences (`lms_user_preferences`); when a user comes
 * twice, the later value wins, as if written one after the other. Every shortname must be in `fieldIds`.
 */
export async function writeUserDetails(db: Kysely<Database>, details: readonly UserDetails[], fieldIds: ReadonlyMap<string, number>): Promise<void> {
  const data = new Map<string, { userid: number; fieldid: number; data: string }>();
  const preferences = new Map<string, { userid: number; name: string; value: string }>();
  for (const { userId, customFields, preferences: values } of details) {
    for (const [shortname, value] of Object.entries(customFields ?? {})) {
      const fieldid = fieldIds.get(shortname)!;
      data.set(keyOf(userId, fieldid), { userid: userId, fieldid, data: value });
    }
    for (const [name, value] of Object.entries(values ?? {})) preferences.set(keyOf(userId, name), { userid: userId, name, value });
  }
  for (const part of chunks([...data.values()], 500)) {
    await db
      .insertInto('lms_user_info_data')
      .values(part)
      .onConflict((conflict) => conflict.columns(['userid', 'fieldid']).doUpdateSet({ data: (eb) => eb.ref('excluded.data') }))
      .execute();
  }
  for (const part of chunks([...preferences.values()], 500)) {
    await db
      .insertInto('lms_user_preferences')
      .values(part)
      .onConflict((conflict) => conflict.columns(['userid', 'name']).doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
      .execute();
  }
}

/**
 * The custom field values the users have, for the shortnames asked, in user then shortname order. An empty value
 * is left out, as Moodle's user details leave out empty fields; so are deleted users.
 */
export async function findUserCustomFields(
  db: Kysely<Database>,
  { userIds, shortnames }: { userIds: readonly number[]; shortnames: readonly string[] },
): Promise<{ userId: number; shortname: string; value: string }[]> {
  const fieldIds = await profileFieldIds(db, shortnames);
  const shortnameOf = new Map([...fieldIds].map(([shortname, id]) => [id, shortname]));
  if (!fieldIds.size) return [];
  const rows = await selectIn(userIds, (part) =>
    db
      .selectFrom('lms_user_info_data as d')
      .innerJoin('lms_user as u', 'u.id', 'd.userid')
      .select(['d.userid', 'd.fieldid', 'd.data'])
      .where('u.deleted', '=', 0)
      .where('d.userid', 'in', part)
      .where('d.fieldid', 'in', [...shortnameOf.keys()])
      .where('d.data', '<>', '')
      .execute(),
  );
  return rows
    .map((row) => ({ userId: row.userid, shortname: shortnameOf.get(row.fieldid)!, value: row.data }))
    .sort(compareFieldValues);
}

