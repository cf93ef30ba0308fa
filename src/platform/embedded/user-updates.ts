import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { succeeded, type ItemResult } from '../item-result.js';
import type { UserChange } from '../operations.js';
import { nowSeconds, selectIn } from './sql-helpers.js';
import { profileFieldIds, writeUserDetails } from './user-details.js';
import { checkUserChanges, fieldShortnames, PROFILE_FIELDS } from './user-rules.js';
import { usernameOwners } from './users.js';

/**
 * Updates users in order, writing only the fields given; an unknown or deleted user, a username held by another
 * account or an unknown custom field rejects that item. `passwords` are the values to store (already hashed).
 */
export async function updateUsers(
  db: Kysely<Database>,
  changes: readonly UserChange[],
  passwords: readonly (string | undefined)[],
): Promise<ItemResult<null>[]> {
  const current = await selectIn(
    changes.map((change) => change.id),
    (part) => db.selectFrom('lms_user').select(['id', 'username']).where('deleted', '=', 0).where('id', 'in', part).execute(),
  );
  const usernames = new Map(current.map((row) => [row.id, row.username]));
  const owners = await usernameOwners(db, changes.flatMap((change) => (change.set.username ? [change.set.username.toLowerCase()] : [])));
  const fieldIds = await profileFieldIds(db, fieldShortnames(changes.map((change) => change.set.customFields)));
  const verdicts = checkUserChanges(changes, {
    usernameOf: (id) => usernames.get(id),
    ownerOf: (username) => owners.get(username),
    fieldExists: (shortname) => fieldIds.has(shortname),
  });
  const now = nowSeconds();
  for (const [index, { id, set }] of changes.entries()) {
    if (verdicts[index]) continue;
    const columns: Record<string, string | number> = { timemodified: now };
    for (const field of PROFILE_FIELDS) if (set[field] !== undefined) columns[field] = set[field];
    if (set.username !== undefined) columns.username = set.username.toLowerCase();
    if (set.suspended !== undefined) columns.suspended = set.suspended ? 1 : 0;
    const password = passwords[index];
    if (password !== undefined) columns.password = password;
    await db.updateTable('lms_user').set(columns).where('id', '=', id).execute();
  }
  await writeUserDetails(
    db,
    changes.flatMap(({ id, set }, index) => (verdicts[index] ? [] : [{ userId: id, customFields: set.customFields, preferences: set.preferences }])),
    fieldIds,
  );
  return verdicts.map((verdict) => verdict ?? succeeded(null));
}
