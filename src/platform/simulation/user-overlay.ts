import { checkDeletions, checkNewUsers, checkUserChanges, compareFieldValues, fieldShortnames, matchWithoutHash, PROFILE_FIELDS } from '../embedded/user-rules.js';
import { succeeded, type ItemResult } from '../item-result.js';
import {
  lookupKey,
  matchesLookup,
  USER_LOOKUP_FIELDS,
  type CustomFieldValues,
  type FindUsers,
  type NewUser,
  type PasswordCheck,
  type PlatformUser,
  type UserChange,
  type UserLookupField,
  type UserProfile,
} from '../operations.js';
import type { Platform } from '../platform.js';
import type { ProfileFieldOverlay } from './profile-field-overlay.js';

/** A custom field value as `findUserCustomFields` lists it. */
type FieldValue = { userId: number; shortname: string; value: string };

/**
 * Users written during a simulation: created ones (negative ids), real ones as changed or deleted, indexed by every
 * lookup field; plus the clear passwords and the custom field values written, which later reads answer from.
 */
export class UserOverlay {
  readonly #real: Platform;
  readonly #fields: ProfileFieldOverlay;
  readonly #byId = new Map<number, PlatformUser>();
  readonly #index = new Map<UserLookupField, Map<string, Set<number>>>(USER_LOOKUP_FIELDS.map((field) => [field, new Map()]));
  /** The password each user was given here, in clear as received ('' for none). */
  readonly #passwords = new Map<number, string>();
  readonly #values = new Map<number, Map<string, string>>();
  #nextId = -1;

  constructor(real: Platform, fields: ProfileFieldOverlay) {
    this.#real = real;
    this.#fields = fields;
  }

  /** The real answer with overlay users replacing their real selves, plus overlay users that now match. */
  async findUsers(input: FindUsers): Promise<PlatformUser[]> {
    const { by } = input;
    const found = new Map<number, PlatformUser>();
    for (const user of await this.#real.run('findUsers', input)) {
      const current = this.#byId.get(user.id) ?? user;
      if (!current.deleted && matchesLookup(current, by)) found.set(current.id, current);
    }
    for (const field of USER_LOOKUP_FIELDS) {
      for (const value of by[field] ?? []) {
        for (const id of this.#index.get(field)!.get(lookupKey(field, value)) ?? []) {
          const user = this.#byId.get(id)!;
          if (!user.deleted) found.set(id, user);
        }
      }
    }
    return [...found.values()];
  }

  /** The users among the ids that exist and are not deleted, as the simulation sees them. */
  async activeIds(ids: readonly number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    return new Set((await this.findUsers({ by: { id: [...new Set(ids)].map(String) } })).map((user) => user.id));
  }

  /** Whether the simulation deleted this user. */
  isDeleted(id: number): boolean {
    return this.#byId.get(id)?.deleted ?? false;
  }

  async createUsers(users: readonly NewUser[]): Promise<ItemResult<{ id: number }>[]> {
    const taken = new Set((await this.findUsers({ by: { username: users.map((user) => user.username) } })).map((user) => user.username));
    const fields = await this.#fields.existing(fieldShortnames(users.map((user) => user.customFields)));
    const verdicts = checkNewUsers(users, { usernameTaken: (username) => taken.has(username), fieldExists: (shortname) => fields.has(shortname) });
    return users.map((user, index) => {
      const verdict = verdicts[index];
      if (verdict) return verdict;
      const id = this.#nextId--;
      this.#put({
        firstname: '', lastname: '', email: '', idnumber: '', auth: 'manual', institution: '', department: '',
        city: '', country: '', lang: 'en', timezone: '99', phone1: '', phone2: '', address: '', url: '',
        description: '', mailformat: 1, maildisplay: 2, maildigest: 0, autosubscribe: 1, trackforums: 0,
        ...profileOf(user),
        id,
        username: user.username.toLowerCase(),
        mnethostid: 1,
        suspended: user.suspended ?? false,
        deleted: false,
      });
      this.#passwords.set(id, user.password ?? '');
      this.#setValues(id, user.customFields);
      return succeeded({ id });
    });
  }

  async updateUsers(changes: readonly UserChange[]): Promise<ItemResult<null>[]> {
    const current = new Map((await this.findUsers({ by: { id: changes.map((change) => String(change.id)) } })).map((user) => [user.id, user]));
    const renames = changes.flatMap((change) => (change.set.username ? [change.set.username] : []));
    const owners = new Map((await this.findUsers({ by: { username: renames } })).map((user) => [user.username, user.id]));
    const fields = await this.#fields.existing(fieldShortnames(changes.map((change) => change.set.customFields)));
    const verdicts = checkUserChanges(changes, {
      usernameOf: (id) => current.get(id)?.username,
      ownerOf: (username) => owners.get(username),
      fieldExists: (shortname) => fields.has(shortname),
    });
    return changes.map(({ id, set }, index) => {
      const verdict = verdicts[index];
      if (verdict) return verdict;
      const user = this.#byId.get(id) ?? current.get(id)!;
      this.#put({
        ...user,
        ...profileOf(set),
        ...(set.username !== undefined ? { username: set.username.toLowerCase() } : {}),
        ...(set.suspended !== undefined ? { suspended: set.suspended } : {}),
      });
      if (set.password !== undefined) this.#passwords.set(id, set.password);
      this.#setValues(id, set.customFields);
      return succeeded(null);
    });
  }

  async deleteUsers(ids: readonly number[]): Promise<ItemResult<null>[]> {
    const users = new Map((await this.findUsers({ by: { id: ids.map(String) } })).map((user) => [user.id, user]));
    const verdicts = checkDeletions(ids, (id) => users.has(id));
    return ids.map((id, index) => {
      const verdict = verdicts[index];
      if (verdict) return verdict;
      this.#put({ ...users.get(id)!, deleted: true });
      this.#passwords.delete(id);
      this.#values.delete(id);
      return succeeded(null);
    });
  }

  /**
   * Passwords given here are checked in clear; the others by the real platform. The real platform is asked about
   * every item, so that one that cannot tell (`null`, Moodle) stays unable to tell for simulated passwords too.
   */
  async checkPasswords(checks: readonly PasswordCheck[]): Promise<(boolean | null)[]> {
    const real = await this.#real.run('checkPasswords', checks);
    return checks.map(({ id, password }, index) => {
      const answer = real[index] ?? null;
      if (answer === null) return null;
      if (this.isDeleted(id)) return false;
      const given = this.#passwords.get(id);
      return given === undefined ? answer : (matchWithoutHash(given, password) ?? password === given);
    });
  }

  /** Real values, replaced by the values written here, without deleted users nor empty values. */
  async findUserCustomFields(input: { readonly userIds: readonly number[]; readonly shortnames: readonly string[] }): Promise<FieldValue[]> {
    const values = new Map<string, FieldValue>();
    for (const value of await this.#real.run('findUserCustomFields', input)) {
      if (!this.isDeleted(value.userId)) values.set(JSON.stringify([value.userId, value.shortname]), value);
    }
    const shortnames = new Set(input.shortnames);
    for (const userId of new Set(input.userIds)) {
      for (const [shortname, value] of this.#values.get(userId) ?? []) {
        if (shortnames.has(shortname)) values.set(JSON.stringify([userId, shortname]), { userId, shortname, value });
      }
    }
    return [...values.values()].filter((value) => value.value !== '').sort(compareFieldValues);
  }

  #setValues(id: number, fields: CustomFieldValues | undefined): void {
    const values = this.#values.get(id) ?? new Map<string, string>();
    for (const [shortname, value] of Object.entries(fields ?? {})) values.set(shortname, value);
    this.#values.set(id, values);
  }

  #put(user: PlatformUser): void {
    const before = this.#byId.get(user.id);
    for (const field of USER_LOOKUP_FIELDS) {
      const index = this.#index.get(field)!;
      if (before) index.get(keyOf(before, field))?.delete(before.id);
      const key = keyOf(user, field);
      index.set(key, (index.get(key) ?? new Set<number>()).add(user.id));
    }
    this.#byId.set(user.id, user);
  }
}

function keyOf(user: PlatformUser, field: UserLookupField): string {
  return lookupKey(field, String(user[field]));
}

/** The profile fields given, leaving out the others (passwords, custom fields, preferences…). */
function profileOf(source: Partial<UserProfile>): Partial<UserProfile> {
  return Object.fromEntries(PROFILE_FIELDS.flatMap((field) => (source[field] !== undefined ? [[field, source[field]]] : [])));
}
