import type { CsvRow } from '../../csv/reader.js';
import { lookupKey, type NewUser, type PlatformUser, type UserChange, type UserLookupField } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import { PendingKeys } from '../pending-keys.js';
import type { ProcessorAction, ProcessorContext, RowOutcome } from '../processor.js';
import { USERS_COLUMNS } from './users-columns.js';
import { identifyUser, type KnownUsers, type UserKeys } from './users-identity.js';
import { USERS_MESSAGES, type UsersMessageCode } from './users-messages.js';

/** Profile columns this processor writes (the full set of spec 3.3 arrives with the users processor issue). */
const PROFILE_COLUMNS = ['firstname', 'lastname', 'email', 'idnumber'] as const;
type ProfileColumn = (typeof PROFILE_COLUMNS)[number];

/** Moodle's rule for usernames (`core_user::clean_username` with extended characters off). */
const USERNAME = /^[a-z0-9_\-.@]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface UserRow {
  readonly row: CsvRow;
  readonly keys: UserKeys;
  /** Profile values the row gives (empty values are "not given" and never erase anything). */
  readonly profile: Partial<Record<ProfileColumn, string>>;
}

/** The users file (action ADD): creates or updates accounts (spec 3.4). */
export const usersAddAction: ProcessorAction = {
  processor: 'users',
  action: 'add',
  locationSetting: 'users_filelocation',
  defaultFile: 'userimport.csv',
  columns: USERS_COLUMNS,
  messages: USERS_MESSAGES,
  process: processUsers,
};

async function* processUsers(batches: AsyncIterable<readonly CsvRow[]>, context: ProcessorContext): AsyncGenerator<RowOutcome[]> {
  const identity = context.settings.choice('users_primaryidentity') as UserLookupField;
  const protectEmails = context.settings.bool('users_protectemails');
  for await (const batch of batches) {
    const outcomes: RowOutcome[] = [];
    const rows: UserRow[] = [];
    for (const row of batch) {
      const read = readUserRow(row);
      if ('status' in read) outcomes.push(read);
      else rows.push(read);
    }
    const known = await lookUp(context.platform, rows.map((row) => row.keys), identity);
    const writes = new UserWrites(context.platform, outcomes);
    const pending = new PendingKeys();
    for (const userRow of rows) {
      const rowKeys = keysOf(userRow.keys);
      if (pending.queued(rowKeys)) {
        await writes.flush();
        pending.flushed();
      }
      if (pending.touched(rowKeys)) refresh(known, userRow.keys, await lookUp(context.platform, [userRow.keys], identity));
      const found = identifyUser(userRow.keys, identity, known);
      if (!found.ok) {
        outcomes.push(failure(userRow.row, found.code, found.params, found.column));
        continue;
      }
      const user = found.user;
      if (!user) {
        writes.create(userRow);
      } else {
        const set = changesFor(user, userRow.profile, identity, protectEmails);
        if (Object.keys(set).length) writes.update(userRow, { id: user.id, set });
        else outcomes.push(outcome(userRow.row, 'unchanged', 'USERS_UNCHANGED', { username: user.username }));
      }
      pending.add([...rowKeys, ...(user ? keysOf(user) : [])]);
    }
    await writes.flush();
    yield outcomes;
  }
}

function readUserRow(row: CsvRow): UserRow | RowOutcome {
  for (const column of USERS_COLUMNS.required) {
    if (!row.value(column)) return failure(row, 'USERS_VALUE_MISSING', { column }, column);
  }
  const username = row.value('username')!.toLowerCase();
  if (!USERNAME.test(username)) return failure(row, 'USERS_INVALID_USERNAME', { value: username }, 'username');
  const email = row.value('email');
  if (email && !EMAIL.test(email)) return failure(row, 'USERS_INVALID_EMAIL', { value: email }, 'email');
  const profile: Partial<Record<ProfileColumn, string>> = {};
  for (const column of PROFILE_COLUMNS) {
    const value = row.value(column);
    if (value) profile[column] = value;
  }
  return { row, keys: { username, idnumber: profile.idnumber, email: profile.email }, profile };
}

/** Only the fields that differ; the e-mail stays when protected; the identity field is what matched. */
function changesFor(
  user: PlatformUser,
  profile: UserRow['profile'],
  identity: UserLookupField,
  protectEmails: boolean,
): Record<string, string> {
  const set: Record<string, string> = {};
  for (const column of PROFILE_COLUMNS) {
    const value = profile[column];
    if (value === undefined || value === user[column]) continue;
    if (column === 'email' && (protectEmails || identity === 'email')) continue;
    if (column === 'idnumber' && identity === 'idnumber') continue;
    set[column] = value;
  }
  return set;
}

async function lookUp(platform: Platform, keys: readonly UserKeys[], identity: UserLookupField): Promise<KnownUsers> {
  const values = (pick: (keys: UserKeys) => string | undefined) => keys.flatMap((key) => pick(key) ?? []);
  const users = await platform.run('findUsers', {
    by: {
      username: values((key) => key.username),
      ...(identity === 'idnumber' ? { idnumber: values((key) => key.idnumber) } : {}),
      email: values((key) => key.email),
    },
  });
  const known: KnownUsers = { username: new Map(), idnumber: new Map(), email: new Map() };
  for (const user of users) {
    for (const field of ['username', 'idnumber', 'email'] as const) {
      if (!user[field]) continue;
      const key = lookupKey(field, user[field]);
      known[field].set(key, [...(known[field].get(key) ?? []), user]);
    }
  }
  return known;
}

/** Replaces what is known of a row's keys by a fresh lookup (a key now absent means "no such user" any more). */
function refresh(known: KnownUsers, keys: UserKeys, fresh: KnownUsers): void {
  for (const field of ['username', 'idnumber', 'email'] as const) {
    const value = keys[field];
    if (value === undefined) continue;
    const key = lookupKey(field, value);
    const users = fresh[field].get(key);
    if (users) known[field].set(key, users);
    else known[field].delete(key);
  }
}

function keysOf(user: { username: string; idnumber?: string; email?: string }): string[] {
  const keys = [`u:${lookupKey('username', user.username)}`];
  if (user.idnumber) keys.push(`i:${user.idnumber}`);
  if (user.email) keys.push(`e:${lookupKey('email', user.email)}`);
  return keys;
}

/** Creates and updates queued for one call each, with the outcome of every row once they ran. */
class UserWrites {
  readonly #platform: Platform;
  readonly #outcomes: RowOutcome[];
  #creates: UserRow[] = [];
  #updates: { userRow: UserRow; change: UserChange }[] = [];

  constructor(platform: Platform, outcomes: RowOutcome[]) {
    this.#platform = platform;
    this.#outcomes = outcomes;
  }

  create(userRow: UserRow): void {
    this.#creates.push(userRow);
  }

  update(userRow: UserRow, change: UserChange): void {
    this.#updates.push({ userRow, change });
  }

  async flush(): Promise<void> {
    const creates = this.#creates;
    const updates = this.#updates;
    this.#creates = [];
    this.#updates = [];
    if (creates.length) {
      const results = await this.#platform.run('createUsers', creates.map(newUser));
      creates.forEach(({ row, keys, profile }, index) => {
        const result = results[index]!;
        this.#outcomes.push(
          result.ok
            ? outcome(row, 'created', 'USERS_CREATED', { username: keys.username, firstname: profile.firstname!, lastname: profile.lastname! })
            : failure(row, 'USERS_PLATFORM_REJECTED', { reason: result.error.message }),
        );
      });
    }
    if (updates.length) {
      const results = await this.#platform.run('updateUsers', updates.map((update) => update.change));
      updates.forEach(({ userRow, change }, index) => {
        const result = results[index]!;
        this.#outcomes.push(
          result.ok
            ? outcome(userRow.row, 'updated', 'USERS_UPDATED', { username: userRow.keys.username, fields: Object.keys(change.set).join(', ') })
            : failure(userRow.row, 'USERS_PLATFORM_REJECTED', { reason: result.error.message }),
        );
      });
    }
  }
}

function newUser({ keys, profile }: UserRow): NewUser {
  return { ...profile, username: keys.username, firstname: profile.firstname!, lastname: profile.lastname! };
}

function outcome(row: CsvRow, status: RowOutcome['status'], code: UsersMessageCode, params: Record<string, string>): RowOutcome {
  return { row, status, code, params, entity: 'user' };
}

function failure(row: CsvRow, code: UsersMessageCode, params: Record<string, string>, column?: string): RowOutcome {
  return { row, status: 'error', code, params, entity: 'user', ...(column ? { column } : {}) };
}
