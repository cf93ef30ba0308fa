import { NO_PASSWORD, type CustomFieldValues, type NewUser, type UserChange, type UserProfile } from '../operations.js';
import { reject, type Rejection } from './rejections.js';

/**
 * The checks of the user writes, one verdict per item in order (`null` = accepted), decided on what the platform
 * holds (the view) and on the items accepted before in the same call. The embedded platform and the simulation
 * overlay both decide through these functions, each with its own view, so their answers cannot drift apart.
 */

/** What checking new users needs to know about the platform. */
export interface NewUserView {
  /** Whether a (lower-case) username is held by an account of the platform. */
  usernameTaken(username: string): boolean;
  /** Whether a custom profile field has this shortname. */
  fieldExists(shortname: string): boolean;
}

/** A username taken (on the platform or earlier in the call) or an unknown custom field refuses the item. */
export function checkNewUsers(users: readonly NewUser[], view: NewUserView): (Rejection | null)[] {
  const inCall = new Set<string>();
  return users.map((user) => {
    const username = user.username.toLowerCase();
    if (view.usernameTaken(username) || inCall.has(username)) return reject.usernameTaken(username);
    const unknown = unknownField(user.customFields, view);
    if (unknown !== undefined) return reject.profileFieldUnknown(unknown);
    inCall.add(username);
    return null;
  });
}

/** What checking user changes needs to know about the platform. */
export interface UserChangeView {
  /** The username of a user that exists and is not deleted; undefined otherwise. */
  usernameOf(id: number): string | undefined;
  /** The id of the account holding a (lower-case) username, if any. */
  ownerOf(username: string): number | undefined;
  fieldExists(shortname: string): boolean;
}

/** Changes apply in order: a user renamed earlier in the call frees its old username for the next items. */
export function checkUserChanges(changes: readonly UserChange[], view: UserChangeView): (Rejection | null)[] {
  const names = new Map<number, string>();
  const owners = new Map<string, number | undefined>();
  return changes.map(({ id, set }) => {
    const current = names.has(id) ? names.get(id) : view.usernameOf(id);
    if (current === undefined) return reject.userNotFound(id);
    const username = set.username?.toLowerCase();
    if (username !== undefined && username !== current) {
      const owner = owners.has(username) ? owners.get(username) : view.ownerOf(username);
      if (owner !== undefined && owner !== id) return reject.usernameTaken(username);
    }
    const unknown = unknownField(set.customFields, view);
    if (unknown !== undefined) return reject.profileFieldUnknown(unknown);
    if (username !== undefined && username !== current) {
      owners.set(current, undefined);
      owners.set(username, id);
      names.set(id, username);
    }
    return null;
  });
}

/** An unknown or already deleted user is refused, so is the second deletion of one user in a call. */
export function checkDeletions(ids: readonly number[], exists: (id: number) => boolean): (Rejection | null)[] {
  const deleted = new Set<number>();
  return ids.map((id) => {
    if (deleted.has(id) || !exists(id)) return reject.userNotFound(id);
    deleted.add(id);
    return null;
  });
}

/** Every custom field shortname written by a list of users or changes. */
export function fieldShortnames(values: readonly (CustomFieldValues | undefined)[]): string[] {
  return [...new Set(values.flatMap((fields) => Object.keys(fields ?? {})))];
}

function unknownField(fields: CustomFieldValues | undefined, view: { fieldExists(shortname: string): boolean }): string | undefined {
  return Object.keys(fields ?? {}).find((shortname) => !view.fieldExists(shortname));
}

/** A shortname held by a field of the platform or created earlier in the call is refused. */
export function checkNewProfileFields(
  fields: readonly { readonly shortname: string }[],
  taken: (shortname: string) => boolean,
): (Rejection | null)[] {
  const inCall = new Set<string>();
  return fields.map(({ shortname }) => {
    if (taken(shortname) || inCall.has(shortname)) return reject.profileFieldTaken(shortname);
    inCall.add(shortname);
    return null;
  });
}

/** The order custom field values are listed in: user, then shortname. */
export function compareFieldValues(a: { userId: number; shortname: string }, b: { userId: number; shortname: string }): number {
  return a.userId - b.userId || (a.shortname < b.shortname ? -1 : a.shortname > b.shortname ? 1 : 0);
}

/** The columns of `lms_user` a caller may set directly. */
export const PROFILE_FIELDS = [
  'firstname', 'lastname', 'email', 'idnumber', 'auth', 'institution', 'department', 'city', 'country', 'lang',
  'timezone', 'phone1', 'phone2', 'address', 'url', 'description', 'mailformat', 'maildisplay', 'maildigest',
  'autosubscribe', 'trackforums',
] as const satisfies readonly (keyof UserProfile)[];

/**
 * Whether a clear password is the one a stored value stands for, when no hashing is needed to tell: an empty
 * stored password never matches, `*NOPASS*` matches only itself; undefined means "verify the hash".
 */
export function matchWithoutHash(stored: string, password: string): boolean | undefined {
  if (stored === '') return false;
  if (stored === NO_PASSWORD) return password === NO_PASSWORD;
  return password === NO_PASSWORD ? false : undefined;
}
