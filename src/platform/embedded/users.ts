import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, UserTable } from '../../store/schema.js';
import { rejected, succeeded, type ItemResult } from '../item-result.js';
import { lookupKey, type FindUsers, type NewUser, type PlatformUser, type UserChange, type UserProfile } from '../operations.js';
import { chunks, nowSeconds } from './sql-helpers.js';

/** Moodle's local MNet host: every user created here belongs to it. */
const LOCAL_HOST = 1;

export async function findUsers(db: Kysely<Database>, { field, values }: FindUsers): Promise<Map<string, PlatformUser[]>> {
  const found = new Map<string, PlatformUser[]>();
  const wanted = [...new Set(values.map((value) => lookupKey(field, value)))];
  for (const part of chunks(wanted, 500)) {
    let query = db.selectFrom('lms_user').selectAll().where('deleted', '=', 0);
    if (field === 'id') {
      const ids = part.map(Number).filter(Number.isSafeInteger);
      if (!ids.length) continue;
      query = query.where('id', 'in', ids);
    } else if (field === 'email') {
      query = query.where(sql<string>`lower(email)`, 'in', part);
    } else {
      query = query.where(field, 'in', part);
    }
    for (const row of await query.execute()) {
      const key = lookupKey(field, String(row[field]));
      const list = found.get(key) ?? [];
      list.push(toPlatformUser(row));
      found.set(key, list);
    }
  }
  return found;
}

export async function createUsers(db: Kysely<Database>, users: readonly NewUser[]): Promise<ItemResult<{ id: number }>[]> {
  const results: ItemResult<{ id: number }>[] = new Array(users.length);
  const taken = await takenUsernames(db, users.map((user) => user.username.toLowerCase()));
  const toInsert: { index: number; user: NewUser }[] = [];
  const inBatch = new Set<string>();
  users.forEach((user, index) => {
    const username = user.username.toLowerCase();
    if (taken.has(username) || inBatch.has(username)) {
      results[index] = rejected('PLATFORM_USERNAME_TAKEN', `Username already exists: ${username}`, { username });
    } else {
      inBatch.add(username);
      toInsert.push({ index, user });
    }
  });
  const now = nowSeconds();
  for (const part of chunks(toInsert, 200)) {
    const rows = await db
      .insertInto('lms_user')
      .values(part.map(({ user }) => newUserRow(user, now)))
      .returning(['id', 'username'])
      .execute();
    const ids = new Map(rows.map((row) => [row.username, row.id]));
    for (const { index, user } of part) results[index] = succeeded({ id: ids.get(user.username.toLowerCase())! });
  }
  return results;
}

export async function updateUsers(db: Kysely<Database>, changes: readonly UserChange[]): Promise<ItemResult<null>[]> {
  const now = nowSeconds();
  const renamed = changes.flatMap((change) => (change.set.username ? [change.set.username.toLowerCase()] : []));
  const taken = await takenUsernames(db, renamed);
  const results: ItemResult<null>[] = [];
  for (const { id, set } of changes) {
    const username = set.username?.toLowerCase();
    if (username !== undefined && taken.has(username)) {
      results.push(rejected('PLATFORM_USERNAME_TAKEN', `Username already exists: ${username}`, { username }));
      continue;
    }
    const { suspended, ...fields } = set;
    const updated = await db
      .updateTable('lms_user')
      .set({
        ...fields,
        ...(username !== undefined ? { username } : {}),
        ...(suspended !== undefined ? { suspended: suspended ? 1 : 0 } : {}),
        timemodified: now,
      })
      .where('id', '=', id)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    results.push(
      updated.numUpdatedRows > 0n ? succeeded(null) : rejected('PLATFORM_USER_NOT_FOUND', `No user with id ${id}`, { id }),
    );
  }
  return results;
}

async function takenUsernames(db: Kysely<Database>, usernames: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const part of chunks([...new Set(usernames)], 500)) {
    const rows = await db
      .selectFrom('lms_user')
      .select('username')
      .where('mnethostid', '=', LOCAL_HOST)
      .where('username', 'in', part)
      .execute();
    for (const row of rows) taken.add(row.username);
  }
  return taken;
}

/** Moodle's defaults for what a new user row does not say; every row is complete (SQLite has no DEFAULT in VALUES). */
const NEW_USER_DEFAULTS: UserProfile = {
  firstname: '',
  lastname: '',
  email: '',
  idnumber: '',
  auth: 'manual',
  institution: '',
  department: '',
  city: '',
  country: '',
  lang: 'en',
  timezone: '99',
  phone1: '',
  phone2: '',
  address: '',
  url: '',
  description: '',
  mailformat: 1,
  maildisplay: 2,
  maildigest: 0,
  autosubscribe: 1,
  trackforums: 0,
};

function newUserRow(user: NewUser, now: number) {
  const { suspended, password, ...profile } = user;
  return {
    ...NEW_USER_DEFAULTS,
    ...withoutUndefined(profile),
    deleted: 0,
    picture: 0,
    username: user.username.toLowerCase(),
    password: password ?? '',
    suspended: suspended ? 1 : 0,
    mnethostid: LOCAL_HOST,
    confirmed: 1,
    timecreated: now,
    timemodified: now,
  };
}

function withoutUndefined<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export function toPlatformUser(row: Selectable<UserTable>): PlatformUser {
  const { password: _password, confirmed: _confirmed, picture: _picture, timecreated: _c, timemodified: _m, ...rest } = row;
  return { ...rest, suspended: row.suspended === 1, deleted: row.deleted === 1 };
}
