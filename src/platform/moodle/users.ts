import { reject } from '../embedded/rejections.js';
import { rejected, succeeded, type ItemResult } from '../item-result.js';
import { lookupKey, USER_LOOKUP_FIELDS, type FindUsers, type NewUser, type PlatformUser, type UserChange, type UserLookupField } from '../operations.js';
import { inBatches, inSequence, sendAll, sendItems } from './batch-semantics.js';
import { batchesOf, distinct, MAX_ITEMS, type MoodleContext } from './moodle-context.js';
import type { WsValue } from './ws-encode.js';
import type { MoodleException } from './ws-exception.js';

/** A user as core_user_get_users_by_field describes one (the fields tool-sync reads). */
export interface WsUser {
  readonly id: number;
  readonly username: string;
  readonly firstname?: string;
  readonly lastname?: string;
  readonly email?: string;
  readonly idnumber?: string;
  readonly auth?: string;
  readonly suspended?: boolean;
  readonly customfields?: readonly { readonly shortname: string; readonly value: string }[];
  readonly [field: string]: unknown;
}

const TEXT_FIELDS = ['institution', 'department', 'city', 'country', 'lang', 'timezone', 'phone1', 'phone2', 'address', 'description'] as const;

/** Moodle gives deleted accounts an md5 e-mail and returns them only by id, without a deleted flag. */
const DELETED_EMAIL = /^[0-9a-f]{32}$/;

export async function findUsers(ctx: MoodleContext, input: FindUsers): Promise<PlatformUser[]> {
  const found = new Map<number, PlatformUser>();
  for (const field of USER_LOOKUP_FIELDS) {
    for (const user of await usersByField(ctx, field, input.by[field] ?? [])) {
      if (DELETED_EMAIL.test(user.email ?? '')) continue;
      found.set(user.id, toPlatformUser(user));
    }
  }
  // Moodle matches exactly (e-mails by the database's collation): the port's case-insensitive match is kept.
  return [...found.values()].filter((user) => USER_LOOKUP_FIELDS.some((field) => {
    const wanted = new Set((input.by[field] ?? []).map((value) => lookupKey(field, value)));
    return wanted.has(lookupKey(field, String(user[field])));
  }));
}

/**
 * Users by one field, values in as few calls as max_input_vars allows. Each value must already be in Moodle's
 * clean form, or the whole call throws: usernames are sent in lower case, e-mails as given and in lower case, ids
 * only when numeric.
 */
async function usersByField(ctx: MoodleContext, field: UserLookupField, values: readonly string[]): Promise<WsUser[]> {
  const sent = distinct(values.flatMap((value) => {
    if (field === 'id') return /^\d+$/.test(value) ? [value] : [];
    if (field === 'username') return [value.toLowerCase()];
    if (field === 'email') return [value, value.toLowerCase()];
    return [value];
  }).filter((value) => value !== ''));
  const batches = batchesOf(ctx, sent, (batch) => ({ field, values: batch }), MAX_ITEMS.lookups);
  return inBatches(batches, (batch) => ctx.client.call<WsUser[]>('core_user_get_users_by_field', { field, values: batch }, 'read'));
}

export function toPlatformUser(user: WsUser): PlatformUser {
  const text = (name: string) => (typeof user[name] === 'string' ? (user[name] as string) : '');
  const number = (name: string, fallback: number) => (typeof user[name] === 'number' ? (user[name] as number) : fallback);
  return {
    id: user.id,
    username: user.username,
    firstname: text('firstname'),
    lastname: text('lastname'),
    email: text('email'),
    idnumber: text('idnumber'),
    auth: text('auth') || 'manual',
    ...Object.fromEntries(TEXT_FIELDS.map((name) => [name, text(name)])) as Record<(typeof TEXT_FIELDS)[number], string>,
    lang: text('lang') || 'en',
    timezone: text('timezone') || '99',
    url: '',
    // Not returned by core_user_get_users_by_field: Moodle's defaults.
    mailformat: number('mailformat', 1),
    maildisplay: number('maildisplay', 2),
    maildigest: number('maildigest', 0),
    autosubscribe: number('autosubscribe', 1),
    trackforums: number('trackforums', 0),
    mnethostid: 1,
    suspended: Boolean(user.suspended),
    deleted: false,
  };
}

/** Profile fields core_user_create_users and core_user_update_users accept (not maildigest, autosubscribe…). */
const WRITABLE = ['firstname', 'lastname', 'email', 'idnumber', 'auth', 'institution', 'department', 'city', 'country', 'lang', 'timezone',
  'phone1', 'phone2', 'address', 'description', 'mailformat', 'maildisplay'] as const;

function userParams(profile: object, customFields?: Readonly<Record<string, string>>, preferences?: Readonly<Record<string, string>>) {
  const params: Record<string, WsValue> = {};
  const user = profile as Record<string, unknown>;
  for (const name of WRITABLE) if (user[name] !== undefined) params[name] = user[name] as WsValue;
  if (customFields && Object.keys(customFields).length) params.customfields = Object.entries(customFields).map(([type, value]) => ({ type, value }));
  if (preferences && Object.keys(preferences).length) params.preferences = Object.entries(preferences).map(([type, value]) => ({ type, value }));
  return params;
}

function newUserParams(user: NewUser): Record<string, WsValue> {
  return {
    username: user.username.toLowerCase(),
    ...userParams(user, user.customFields, user.preferences),
    firstname: user.firstname ?? '',
    lastname: user.lastname ?? '',
    email: user.email ?? '',
    // Moodle creates no internal account without a password: it generates one and mails it (createpassword).
    ...(user.password !== undefined ? { password: user.password } : (user.auth ?? 'manual') === 'manual' ? { createpassword: true } : {}),
  };
}

/** The reasons Moodle gives for a refused user (in debuginfo), worded as the embedded platform words them. */
function userRefusal(exception: MoodleException, username: string): ItemResult<never> {
  const reason = exception.debuginfo ?? exception.message;
  if (/Username already exists/i.test(reason) || exception.errorcode === 'usernameexists') return reject.usernameTaken(username);
  return rejected(exception.errorcode || 'moodle', exception.readable);
}

/**
 * core_user_create_users (ALL: a bad user fails the call, bisected down to it); suspended users are suspended
 * right after through core_user_update_users, which create_users does not take.
 */
export async function createUsers(ctx: MoodleContext, input: readonly NewUser[]): Promise<ItemResult<{ id: number }>[]> {
  const toParams = (batch: readonly NewUser[]) => ({ users: batch.map(newUserParams) });
  // One after the other: a username twice in the file is refused the second time, as in one call.
  const results = await inSequence(batchesOf(ctx, input, toParams, MAX_ITEMS.users), (batch) =>
    sendAll('core_user_create_users', batch, (items) => ctx.client.call<{ id: number }[]>('core_user_create_users', toParams(items), 'write'),
      (exception, user) => userRefusal(exception, user.username)));
  const suspend = input.flatMap((user, index) => (user.suspended && results[index]!.ok ? [{ id: (results[index] as { value: { id: number } }).value.id, set: { suspended: true } }] : []));
  const suspended = await updateUsers(ctx, suspend);
  let next = 0;
  return results.map((result, index) => {
    if (!result.ok) return result;
    const value = { id: result.value.id };
    if (!input[index]!.suspended) return succeeded(value);
    const outcome = suspended[next++]!;
    return outcome.ok ? succeeded(value) : outcome;
  });
}

interface UpdateWarning {
  readonly item?: string;
  readonly itemid?: number;
  readonly warningcode: string;
  readonly message: string;
}

/**
 * core_user_update_users (ITEM: each user on its own, refusals in warnings by user id). A user changed twice in one
 * list goes in two calls, in order, so that each warning names one change.
 */
export async function updateUsers(ctx: MoodleContext, input: readonly UserChange[]): Promise<ItemResult<null>[]> {
  const toParams = (batch: readonly UserChange[]) => ({
    users: batch.map((change) => {
      const { username, password, suspended, customFields, preferences, ...profile } = change.set;
      return {
        id: change.id,
        ...userParams(profile, customFields, preferences),
        ...(username !== undefined ? { username: username.toLowerCase() } : {}),
        ...(password !== undefined ? { password } : {}),
        ...(suspended !== undefined ? { suspended } : {}),
      };
    }),
  });
  const rounds: UserChange[][] = [];
  for (const change of input) {
    const round = rounds.find((candidate) => !candidate.some((other) => other.id === change.id));
    if (round) round.push(change);
    else rounds.push([change]);
  }
  const byChange = new Map<UserChange, ItemResult<null>>();
  for (const round of rounds) {
    await inSequence(batchesOf(ctx, round, toParams, MAX_ITEMS.users), async (batch) => {
      const results = await sendItems(batch, async (items) => {
        const answer = await ctx.client.call<{ warnings?: UpdateWarning[] }>('core_user_update_users', toParams(items), 'write');
        const warnings = new Map((answer?.warnings ?? []).map((warning) => [warning.itemid, warning]));
        return items.map((change) => {
          const warning = warnings.get(change.id);
          return warning ? updateRefusal(warning, change) : succeeded(null);
        });
      });
      batch.forEach((change, index) => byChange.set(change, results[index]!));
      return [];
    });
  }
  return input.map((change) => byChange.get(change)!);
}

function updateRefusal(warning: UpdateWarning, change: UserChange): ItemResult<never> {
  if (warning.warningcode === 'invaliduserid') return reject.userNotFound(change.id);
  if (warning.warningcode === 'usernameexists' || /Username already exists/i.test(warning.message)) return reject.usernameTaken(change.set.username ?? '');
  return rejected(warning.warningcode, warning.message);
}

/** core_user_delete_users (ALL, bisected: an unknown or already deleted id fails only its own item). */
export async function deleteUsers(ctx: MoodleContext, input: readonly number[]): Promise<ItemResult<null>[]> {
  const toParams = (batch: readonly number[]) => ({ userids: batch });
  return inSequence(batchesOf(ctx, input, toParams, MAX_ITEMS.users), (batch) =>
    sendAll('core_user_delete_users', batch, async (items) => {
      await ctx.client.call<null>('core_user_delete_users', toParams(items), 'write');
      return items.map(() => null);
    }, (exception, id) => (/invalidrecord/.test(exception.errorcode) ? reject.userNotFound(id) : rejected(exception.errorcode, exception.readable))));
}

/** Custom profile field values, read from the users' descriptions (only fields with a value). */
export async function findUserCustomFields(ctx: MoodleContext, input: { readonly userIds: readonly number[]; readonly shortnames: readonly string[] }) {
  const wanted = new Set(input.shortnames);
  const users = await usersByField(ctx, 'id', input.userIds.map(String));
  return users.flatMap((user) =>
    (user.customfields ?? []).filter((field) => wanted.has(field.shortname) && field.value !== '' && field.value !== null)
      .map((field) => ({ userId: user.id, shortname: field.shortname, value: String(field.value) })));
}

/** Moodle keeps only password hashes and no function checks one: the platform cannot tell. */
export function checkPasswords(input: readonly unknown[]): (boolean | null)[] {
  return input.map(() => null);
}
