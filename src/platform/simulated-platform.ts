import { rejected, succeeded, type ItemResult } from './item-result.js';
import {
  lookupKey,
  matchesLookup,
  USER_LOOKUP_FIELDS,
  type FindUsers,
  type NewUser,
  type OperationInput,
  type OperationKind,
  type OperationOutput,
  type PlatformUser,
  type UserChange,
  type UserLookupField,
} from './operations.js';
import type { ExportEntity, ExportPage, OperationHandlers, Platform } from './platform.js';

/**
 * A platform for simulate runs: reads go to the real platform, writes go to an in-memory overlay that later
 * reads see. So a simulated run takes exactly the decisions of a real one, including rows that depend on
 * earlier rows of the same file, and nothing reaches the platform. Entities created here get negative ids.
 * The overlay applies the same checks the platforms apply (a username is unique), so that a write the real
 * platform would reject is rejected here too.
 */
export class SimulatedPlatform implements Platform {
  readonly name: string;
  readonly capabilities;
  readonly #real: Platform;
  readonly #users = new UserOverlay();
  readonly #handlers: OperationHandlers;

  constructor(real: Platform) {
    this.#real = real;
    this.name = real.name;
    this.capabilities = real.capabilities;
    this.#handlers = {
      findUsers: async (input) => this.#users.merge(input, await real.run('findUsers', input)),
      createUsers: (input) => this.#createUsers(input),
      updateUsers: (input) => this.#updateUsers(input),
      // Nothing writes these entities yet: reads go straight through until their writes get an overlay.
      findCourses: (input) => real.run('findCourses', input),
      findCategories: (input) => real.run('findCategories', input),
      findRoles: (input) => real.run('findRoles', input),
      findCohorts: (input) => real.run('findCohorts', input),
      findGroups: (input) => real.run('findGroups', input),
    };
  }

  run<K extends OperationKind>(kind: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    const handler = this.#handlers[kind] as (input: OperationInput<K>) => Promise<OperationOutput<K>>;
    return handler(input);
  }

  exportEntity(entity: ExportEntity): AsyncIterable<ExportPage> {
    return this.#real.exportEntity(entity);
  }

  async #createUsers(users: readonly NewUser[]): Promise<ItemResult<{ id: number }>[]> {
    const existing = await this.run('findUsers', { by: { username: users.map((user) => user.username) } });
    const taken = new Set(existing.map((user) => user.username));
    return users.map((user) => {
      const username = user.username.toLowerCase();
      if (taken.has(username)) return rejected('PLATFORM_USERNAME_TAKEN', `Username already exists: ${username}`, { username });
      taken.add(username);
      return succeeded({ id: this.#users.create(user).id });
    });
  }

  async #updateUsers(changes: readonly UserChange[]): Promise<ItemResult<null>[]> {
    const current = new Map((await this.run('findUsers', { by: { id: changes.map((change) => String(change.id)) } })).map((user) => [user.id, user]));
    const renames = changes.flatMap((change) => (change.set.username ? [change.set.username] : []));
    const taken = new Set((await this.run('findUsers', { by: { username: renames } })).map((user) => user.username));
    return changes.map(({ id, set }) => {
      const user = current.get(id);
      if (!user) return rejected('PLATFORM_USER_NOT_FOUND', `No user with id ${id}`, { id });
      const username = set.username?.toLowerCase();
      if (username !== undefined && username !== user.username && taken.has(username)) {
        return rejected('PLATFORM_USERNAME_TAKEN', `Username already exists: ${username}`, { username });
      }
      this.#users.put({ ...user, ...set, ...(username !== undefined ? { username } : {}) });
      return succeeded(null);
    });
  }
}

/** Users written during a simulation, indexed by every lookup field. */
class UserOverlay {
  readonly #byId = new Map<number, PlatformUser>();
  readonly #index = new Map<UserLookupField, Map<string, Set<number>>>(USER_LOOKUP_FIELDS.map((field) => [field, new Map()]));
  #nextId = -1;

  create(user: NewUser): PlatformUser {
    const created: PlatformUser = {
      firstname: '', lastname: '', email: '', idnumber: '', auth: 'manual', institution: '', department: '',
      city: '', country: '', lang: 'en', timezone: '99', phone1: '', phone2: '', address: '', url: '',
      description: '', mailformat: 1, maildisplay: 2, maildigest: 0, autosubscribe: 1, trackforums: 0,
      ...definedOnly(user),
      id: this.#nextId--,
      username: user.username.toLowerCase(),
      mnethostid: 1,
      suspended: user.suspended ?? false,
      deleted: false,
    };
    this.put(created);
    return created;
  }

  put(user: PlatformUser): void {
    const before = this.#byId.get(user.id);
    for (const field of USER_LOOKUP_FIELDS) {
      if (before) this.#index.get(field)!.get(keyOf(before, field))?.delete(before.id);
      const key = keyOf(user, field);
      const ids = this.#index.get(field)!.get(key) ?? new Set<number>();
      ids.add(user.id);
      this.#index.get(field)!.set(key, ids);
    }
    this.#byId.set(user.id, user);
  }

  /** The real answer with overlay users replacing their real selves, plus overlay users that now match. */
  merge({ by }: FindUsers, real: readonly PlatformUser[]): PlatformUser[] {
    const found = new Map<number, PlatformUser>();
    for (const user of real) {
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
}

function keyOf(user: PlatformUser, field: UserLookupField): string {
  return lookupKey(field, String(user[field]));
}

function definedOnly<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}
