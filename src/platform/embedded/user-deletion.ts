import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { succeeded, type ItemResult } from '../item-result.js';
import { chunks, nowSeconds, selectIn } from './sql-helpers.js';
import { checkDeletions } from './user-rules.js';

/** Moodle's username column holds 100 characters. */
const USERNAME_LENGTH = 100;

/** Tables whose rows belong to a user and go with the account. */
const USER_ROWS = [
  'lms_user_enrolments',
  'lms_role_assignments',
  'lms_groups_members',
  'lms_cohort_members',
  'lms_user_preferences',
  'lms_user_info_data',
  'lms_user_picture',
] as const;

/**
 * Deletes users as Moodle's delete_user does: the account stays, marked deleted, renamed `<email>.<time>` (the
 * username when there is no e-mail) so that its username and e-mail are free, its e-mail replaced by the md5 of
 * its username and its idnumber cleared; its enrolments, roles, memberships, preferences, custom field data and
 * picture are removed. An unknown or already deleted user is rejected.
 */
export async function deleteUsers(db: Kysely<Database>, ids: readonly number[]): Promise<ItemResult<null>[]> {
  const rows = await selectIn(ids, (part) =>
    db.selectFrom('lms_user').select(['id', 'username', 'email']).where('deleted', '=', 0).where('id', 'in', part).execute(),
  );
  const users = new Map(rows.map((row) => [row.id, row]));
  const verdicts = checkDeletions(ids, (id) => users.has(id));
  const deleted = ids.filter((_, index) => !verdicts[index]);
  const now = nowSeconds();
  const names = await deletedUsernames(db, deleted.map((id) => users.get(id)!), now);
  for (const id of deleted) {
    const { username } = users.get(id)!;
    await db
      .updateTable('lms_user')
      .set({ deleted: 1, username: names.get(id)!, email: createHash('md5').update(username).digest('hex'), idnumber: '', picture: 0, timemodified: now })
      .where('id', '=', id)
      .execute();
  }
  for (const table of USER_ROWS) {
    for (const part of chunks(deleted, 500)) await db.deleteFrom(table).where('userid', 'in', part).execute();
  }
  return verdicts.map((verdict) => verdict ?? succeeded(null));
}

/** `<email>.<time>` cleaned as a username, the time counted up while the name is held (Moodle's `$delname++`). */
async function deletedUsernames(db: Kysely<Database>, users: readonly { id: number; username: string; email: string }[], now: number): Promise<Map<number, string>> {
  const suffix = `.${now}`;
  const bases = new Map(users.map((user) => [user.id, cleanUsername(user.email || user.username).slice(0, USERNAME_LENGTH - suffix.length)]));
  const held = new Set(
    (await selectIn([...bases.values()].map((base) => base + suffix), (part) => db.selectFrom('lms_user').select('username').where('username', 'in', part).execute())).map(
      (row) => row.username,
    ),
  );
  const names = new Map<number, string>();
  for (const [id, base] of bases) {
    let time = now;
    while (held.has(`${base}.${time}`) || (time !== now && (await usernameHeld(db, `${base}.${time}`)))) time += 1;
    held.add(`${base}.${time}`);
    names.set(id, `${base}.${time}`);
  }
  return names;
}

async function usernameHeld(db: Kysely<Database>, username: string): Promise<boolean> {
  return !!(await db.selectFrom('lms_user').select('id').where('username', '=', username).executeTakeFirst());
}

/** Moodle's PARAM_USERNAME cleaning: lower case, only letters, digits and `-._@`. */
function cleanUsername(value: string): string {
  return value.toLowerCase().replace(/[^-.@_a-z0-9]/g, '');
}
