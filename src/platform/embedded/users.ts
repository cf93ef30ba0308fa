import type SQLite from 'better-sqlite3';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, UserTable } from '../../store/schema.js';
import { succeeded, type ItemResult } from '../item-result.js';
import { lookupKey, type FindUsers, type NewUser, type PlatformUser, type UserLookupField } from '../operations.js';
import { insertEach } from './bulk-insert.js';
import { chunks, jsonList, nowSeconds, selectIn, type InList } from './sql-helpers.js';
import { profileFieldIds, writeUserDetails } from './user-details.js';
import { checkNewUsers, fieldShortnames, PROFILE_FIELDS } from './user-rules.js';

/** Moodle's local MNet host: every user created here belongs to it. */
export const LOCAL_HOST = 1;

/** The columns a PlatformUser is made of, in the order `fromRow` reads them. */
const USER_COLUMNS = [
  'id', 'username', 'mnethostid', 'suspended', 'deleted', 'firstname', 'lastname', 'email', 'idnumber', 'auth',
  'institution', 'department', 'city', 'country', 'lang', 'timezone', 'phone1', 'phone2', 'address', 'url',
  'description', 'mailformat', 'maildisplay', 'maildigest', 'autosubscribe', 'trackforums',
] as const satisfies readonly (keyof UserTable)[];

/**
 * One query per thousand values of each field, the fields joined by OR (every branch uses its index). On
 * SQLite the rows come back as arrays: building 26-property objects in the driver cost more than the query
 * itself (measured 9.6 ms against 4.4 ms per thousand users); and each list is one JSON parameter, so a batch
 * is one statement whatever its size (see `jsonList`).
 */
export async function findUsers(db: Kysely<Database>, { by }: FindUsers, sqlite?: SQLite.Database): Promise<PlatformUser[]> {
  const lists = {
    id: [...new Set((by.id ?? []).map(Number).filter(Number.isSafeInteger))],
    username: distinctKeys('username', by.username),
    idnumber: distinctKeys('idnumber', by.idnumber),
    email: distinctKeys('email', by.email),
  };
  const found = new Map<number, PlatformUser>();
  const longest = Math.max(...Object.values(lists).map((list) => list.length));
  if (!longest) return [];
  if (sqlite) {
    const { sql: text, parameters } = usersQuery(db, { id: jsonList(lists.id), username: jsonList(lists.username), idnumber: jsonList(lists.idnumber), email: jsonList(lists.email) }, lists).compile();
    for (const values of sqlite.prepare(text).raw().all(...parameters) as unknown[][]) {
      const user = fromValues(values);
      found.set(user.id, user);
    }
    return [...found.values()];
  }
  for (let start = 0; start < longest; start += 1000) {
    const part = <T>(list: T[]) => list.slice(start, start + 1000);
    const parts = { id: part(lists.id), username: part(lists.username), idnumber: part(lists.idnumber), email: part(lists.email) };
    for (const row of await usersQuery(db, parts, parts).execute()) found.set(row.id, toPlatformUser(row as Selectable<UserTable>));
  }
  return [...found.values()];
}

type UserLists = { readonly id: InList<number> } & { readonly [F in Exclude<UserLookupField, 'id'>]: InList<string> };

/** Active users matching any of the lists; `asked` tells which lists hold values (the others are left out). */
function usersQuery(db: Kysely<Database>, lists: UserLists, asked: Record<UserLookupField, readonly unknown[]>) {
  return db
    .selectFrom('lms_user')
    .select(USER_COLUMNS)
    .where('deleted', '=', 0)
    .where((eb) => {
      const branches = [];
      if (asked.id.length) branches.push(eb('id', 'in', lists.id));
      // (mnethostid, username) is the unique index, and a username is looked up on its host (spec 3.4).
      if (asked.username.length) branches.push(eb.and([eb('mnethostid', '=', LOCAL_HOST), eb('username', 'in', lists.username)]));
      if (asked.idnumber.length) branches.push(eb('idnumber', 'in', lists.idnumber));
      if (asked.email.length) branches.push(eb(sql<string>`lower(email)`, 'in', lists.email));
      return eb.or(branches);
    });
}

function distinctKeys(field: UserLookupField, values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).filter(Boolean).map((value) => lookupKey(field, value)))];
}

/**
 * Creates users; a username taken on the platform or twice in the list, or an unknown custom field, is rejected
 * for that item only. `passwords` are the values to store, item by item (already hashed).
 * With `sqlite` (the same connection as `db`, inside its transaction) rows go through cached prepared statements.
 */
export async function createUsers(
  db: Kysely<Database>,
  users: readonly NewUser[],
  passwords: readonly (string | undefined)[],
  sqlite?: SQLite.Database,
): Promise<ItemResult<{ id: number }>[]> {
  const taken = await takenUsernames(db, users.map((user) => user.username.toLowerCase()));
  const fieldIds = await profileFieldIds(db, fieldShortnames(users.map((user) => user.customFields)));
  const verdicts = checkNewUsers(users, { usernameTaken: (username) => taken.has(username), fieldExists: (shortname) => fieldIds.has(shortname) });
  const now = nowSeconds();
  const rows = verdicts.flatMap((verdict, index) => (verdict ? [] : [{ index, row: newUserRow(users[index]!, passwords[index], now) }]));
  const ids = sqlite ? insertOneByOne(sqlite, rows) : await insertByColumnSet(db, rows);
  await writeUserDetails(
    db,
    [...ids].map(([index, userId]) => ({ userId, customFields: users[index]!.customFields, preferences: users[index]!.preferences })),
    fieldIds,
  );
  return verdicts.map((verdict, index) => verdict ?? succeeded({ id: ids.get(index)! }));
}

type IndexedRow = { index: number; row: Record<string, string | number> };

function insertOneByOne(sqlite: SQLite.Database, rows: readonly IndexedRow[]): Map<number, number> {
  const ids = insertEach(sqlite, 'lms_user', rows.map(({ row }) => row));
  return new Map(rows.map(({ index }, position) => [index, ids[position]!]));
}

async function insertByColumnSet(db: Kysely<Database>, rows: readonly IndexedRow[]): Promise<Map<number, number>> {
  const groups = new Map<string, IndexedRow[]>();
  for (const item of rows) {
    const signature = Object.keys(item.row).join();
    const group = groups.get(signature) ?? [];
    group.push(item);
    groups.set(signature, group);
  }
  const ids = new Map<number, number>();
  for (const group of groups.values()) {
    for (const part of chunks(group, 500)) {
      const inserted = await db
        .insertInto('lms_user')
        .values(part.map(({ row }) => row) as never)
        .returning(['id', 'username'])
        .execute();
      const byUsername = new Map(inserted.map((row) => [row.username, row.id]));
      for (const { index, row } of part) ids.set(index, byUsername.get(row.username as string)!);
    }
  }
  return ids;
}

async function takenUsernames(db: Kysely<Database>, usernames: readonly string[]): Promise<Set<string>> {
  return new Set((await usernameOwners(db, usernames)).keys());
}

/** The accounts of the local host holding these (lower-case) usernames, deleted ones included (the index does). */
export async function usernameOwners(db: Kysely<Database>, usernames: readonly string[]): Promise<Map<string, number>> {
  const rows = await selectIn(usernames, (part) =>
    db.selectFrom('lms_user').select(['id', 'username']).where('mnethostid', '=', LOCAL_HOST).where('username', 'in', part).execute(),
  );
  return new Map(rows.map((row) => [row.username, row.id]));
}


/**
 * The columns a new user gives; the others take the table's defaults (Moodle's). Rows are inserted in groups
 * of the same column set, because SQLite has no DEFAULT inside a multi-row VALUES list.
 */
function newUserRow(user: NewUser, password: string | undefined, now: number): Record<string, string | number> {
  const row: Record<string, string | number> = {
    username: user.username.toLowerCase(),
    password: password ?? '',
    suspended: user.suspended ? 1 : 0,
    mnethostid: LOCAL_HOST,
    confirmed: 1,
    timecreated: now,
    timemodified: now,
  };
  for (const field of PROFILE_FIELDS) {
    const value = user[field];
    if (value !== undefined) row[field] = value;
  }
  return row;
}

/** A row read as an array of USER_COLUMNS. */
function fromValues(values: readonly unknown[]): PlatformUser {
  const [id, username, mnethostid, suspended, deleted, firstname, lastname, email, idnumber, auth, institution, department, city, country, lang, timezone, phone1, phone2, address, url, description, mailformat, maildisplay, maildigest, autosubscribe, trackforums] =
    values as [number, string, number, number, number, ...string[]];
  return toPlatformUser({
    id, username, mnethostid, suspended, deleted, firstname: firstname!, lastname: lastname!, email: email!, idnumber: idnumber!, auth: auth!,
    institution: institution!, department: department!, city: city!, country: country!, lang: lang!, timezone: timezone!, phone1: phone1!,
    phone2: phone2!, address: address!, url: url!, description: description!, mailformat: Number(mailformat), maildisplay: Number(maildisplay),
    maildigest: Number(maildigest), autosubscribe: Number(autosubscribe), trackforums: Number(trackforums),
  });
}

/** A `lms_user` row as the port shows it. */
export function toPlatformUser(row: Pick<Selectable<UserTable>, (typeof USER_COLUMNS)[number]>): PlatformUser {
  return {
    id: row.id,
    username: row.username,
    mnethostid: row.mnethostid,
    suspended: row.suspended === 1,
    deleted: row.deleted === 1,
    firstname: row.firstname,
    lastname: row.lastname,
    email: row.email,
    idnumber: row.idnumber,
    auth: row.auth,
    institution: row.institution,
    department: row.department,
    city: row.city,
    country: row.country,
    lang: row.lang,
    timezone: row.timezone,
    phone1: row.phone1,
    phone2: row.phone2,
    address: row.address,
    url: row.url,
    description: row.description,
    mailformat: row.mailformat,
    maildisplay: row.maildisplay,
    maildigest: row.maildigest,
    autosubscribe: row.autosubscribe,
    trackforums: row.trackforums,
  };
}
