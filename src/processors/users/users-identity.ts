import { lookupKey, type PlatformUser, type UserLookupField } from '../../platform/operations.js';
import type { UsersMessageCode } from './users-messages.js';

/** The identity columns of a users row, as read. */
export interface UserKeys {
  readonly username: string;
  readonly idnumber?: string;
  readonly email?: string;
}

/** Users already on the platform, by the fields rows are matched and checked on. */
export interface KnownUsers {
  readonly username: Map<string, readonly PlatformUser[]>;
  readonly idnumber: Map<string, readonly PlatformUser[]>;
  readonly email: Map<string, readonly PlatformUser[]>;
}

export type IdentityResult =
  | { readonly ok: true; readonly user: PlatformUser | undefined }
  | { readonly ok: false; readonly code: UsersMessageCode; readonly params: Record<string, string>; readonly column: string };

/**
 * Finds the account a row is about and checks the collision rules (spec 3.5, as corrected by decision 27):
 * the row's username must not belong to another account, and its e-mail must not belong to another account.
 * The account is found by `users_primaryidentity` when the row has that value, else by username (spec 3.4).
 */
export function identifyUser(keys: UserKeys, identity: UserLookupField, known: KnownUsers): IdentityResult {
  const byUsername = known.username.get(lookupKey('username', keys.username))?.[0];
  const field: 'idnumber' | 'email' | 'username' =
    identity === 'idnumber' && keys.idnumber ? 'idnumber' : identity === 'email' && keys.email ? 'email' : 'username';
  const value = field === 'username' ? keys.username : keys[field]!;
  const user = field === 'username' ? byUsername : known[field].get(lookupKey(field, value))?.[0];

  if (byUsername && user && byUsername.id !== user.id) {
    return fail('USERS_USERNAME_TAKEN', 'username', { username: keys.username, identity: field, other: byUsername[field] });
  }
  if (!user && byUsername) {
    return fail('USERS_USERNAME_TAKEN', 'username', { username: keys.username, identity: field, other: String(byUsername[field]) });
  }
  if (user && user.username !== keys.username) {
    return fail('USERS_USERNAME_MISMATCH', 'username', { identity: field, value, current: user.username, username: keys.username });
  }
  if (keys.email) {
    const other = known.email.get(lookupKey('email', keys.email))?.find((candidate) => candidate.id !== user?.id);
    if (other) return fail('USERS_EMAIL_TAKEN', 'email', { email: keys.email, other: other.username });
  }
  return { ok: true, user };
}

function fail(code: UsersMessageCode, column: string, params: Record<string, string>): IdentityResult {
  return { ok: false, code, column, params };
}
