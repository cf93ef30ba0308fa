import { lookupKey, type PlatformUser, type UserLookupField } from '../../platform/operations.js';
import type { UsersMessageCode } from './users-messages.js';

/** The identity columns of a users row, as read. */
export interface UserKeys {
  readonly username: string;
  readonly idnumber?: string;
  readonly email?: string;
  /** Previous username when the row renames the account (only when renaming is allowed). */
  readonly oldusername?: string;
}

/** Users already on the platform, by the fields rows are matched and checked on. */
export interface KnownUsers {
  readonly username: Map<string, readonly PlatformUser[]>;
  readonly idnumber: Map<string, readonly PlatformUser[]>;
  readonly email: Map<string, readonly PlatformUser[]>;
}

export type IdentityResult =
  | { readonly ok: true; readonly user: PlatformUser | undefined; readonly renameFrom?: string }
  | { readonly ok: false; readonly code: UsersMessageCode; readonly params: Record<string, string | number>; readonly column: string };

/**
 * Finds the account a row is about and checks the collision rules (spec 3.5, corrected by decisions 27 and 32).
 *
 * The account is found by `users_primaryidentity` when the row has that value, else by username (spec 3.4;
 * `id` has no column in the file, so it falls back to the username). Deleted accounts are never among the
 * known users. Then: the username must not belong to another account, the e-mail must not belong to another
 * account, and an account found by its identity under another username is refused unless the row renames it
 * (`oldusername`). A rename whose source is gone but whose target exists counts as done (so a file can be
 * fed twice).
 */
export function identifyUser(keys: UserKeys, identity: UserLookupField, known: KnownUsers): IdentityResult {
  const field: 'idnumber' | 'email' | 'username' =
    identity === 'idnumber' && keys.idnumber ? 'idnumber' : identity === 'email' && keys.email ? 'email' : 'username';
  const value = field === 'username' ? keys.username : keys[field]!;
  const matches = known[field].get(lookupKey(field, value)) ?? [];
  if (matches.length > 1) return fail('USERS_AMBIGUOUS_IDENTITY', field, { count: matches.length, identity: field, value });
  const byUsername = known.username.get(keys.username)?.[0];
  const byOldUsername = keys.oldusername ? known.username.get(keys.oldusername)?.[0] : undefined;
  let user = matches[0];
  let renameFrom: string | undefined;

  if (keys.oldusername && keys.oldusername !== keys.username) {
    if (byOldUsername) {
      if (byUsername && byUsername.id !== byOldUsername.id) return fail('USERS_RENAME_TARGET_TAKEN', 'username', { username: keys.username });
      if (user && user.id !== byOldUsername.id) {
        return fail('USERS_USERNAME_TAKEN', field, { username: keys.oldusername, identity: field, other: value });
      }
      user = byOldUsername;
      renameFrom = keys.oldusername;
    } else if (!byUsername) {
      return fail('USERS_RENAME_SOURCE_MISSING', 'oldusername', { old: keys.oldusername, username: keys.username });
    }
  }
  if (!renameFrom) {
    if (byUsername && (!user || byUsername.id !== user.id)) {
      return fail('USERS_USERNAME_TAKEN', 'username', { username: keys.username, identity: field, other: String(byUsername[field]) });
    }
    if (user && user.username !== keys.username) {
      return fail('USERS_USERNAME_MISMATCH', 'username', { identity: field, value, current: user.username, username: keys.username });
    }
  }
  if (keys.email) {
    const other = known.email.get(lookupKey('email', keys.email))?.find((candidate) => candidate.id !== user?.id);
    if (other) return fail('USERS_EMAIL_TAKEN', 'email', { email: keys.email, other: other.username });
  }
  return { ok: true, user, ...(renameFrom ? { renameFrom } : {}) };
}

function fail(code: UsersMessageCode, column: string, params: Record<string, string | number>): IdentityResult {
  return { ok: false, code, column, params };
}
