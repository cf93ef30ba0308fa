import type SQLite from 'better-sqlite3';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, UserTable } from '../../store/schema.js';
import { rejected, succeeded, type ItemResult } from '../item-result.js';
import { lookupKey, type FindUsers, type NewUser, type PlatformUser, type UserChange, type UserLookupField, type UserProfile } from '../operations.js';
import { chunks, nowSeconds } from './sql-helpers.js';

/** Moodle's local MNet host: every user created here belongs to it. */
const LOCAL_HOST = 1;

/** One query per thousand values of each field, the fields joined by OR (every branch uses its index). */
export async function findUsers(db: Kysely<Database>, { by }: FindUsers): Promise<PlatformUser[]> {
  const lists = {
    id: [...new Set((by.id ?? []).map(Number).filter(Number.isSafeInteger))],
    username: distinctKeys('username', by.username),
    idnumber: distinctKeys('idnumber', by.idnumber),
    email: distinctKeys('email', by.email),
  };
  const found = new Map<number, PlatformUser>();
  const longest = Math.max(...Object.values(lists).map((list) => list.length));
  for (let start = 0; start < longest; start += 1000) {
    const part = <T>(list: T[]) => list.slice(start, start + 1000);
    const rows = await db
      .selectFrom('lms_user')
      .selectAll()
      .where('deleted', '=', 0)
      .where((eb) => {
        const branches = [];
        if (part(lists.id).length) branches.push(eb('id', 'in', part(lists.id)));
        // (mnethostid, username) is the unique index, and a username is looked up on its host (spec 3.4).
        if (part(lists.username).length) branches.push(eb.and([eb('mnethostid', '=', LOCAL_HOST), eb('username', 'in', part(lists.username))]));
        if (part(lists.idnumber).length) branches.push(eb('idnumber', 'in', part(lists.idnumber)));
        if (part(lists.email).length) branches.push(eb(sql<string>`lower(email)`, 'in', part(lists.email)));
        return eb.or(branches);
      })
      .execute();
    for (const row of rows) found.set(row.id, toPlatformUser(row));
  }
  return [...found.values()];
}

function distinctKeys(field: UserLookupField, values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).filter(Boolean).map((value) => lookupKey(field, value)))];
}

/**
 * Creates users; a username taken on the platform or twice in the list is rejected for that item only.
 * With `sqlite` (the same connection as `db`, inside its transaction) rows go through cached prepared statements.
 */
export async function createUsers(
  db: Kysely<Database>,
  users: readonly NewUser[],
  sqlite?: SQLite.Database,
): Promise<ItemResult<{ id: number }>[]> {
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
  if (sqlite) {
    for (const { index, user } of toInsert) {
      const row = newUserRow(user, now);
      const id = Number(insertStatement(sqlite, Object.keys(row)).run(Object.values(row)).lastInsertRowid);
      results[index] = succeeded({ id });
    }
    return results;
  }
  const groups = new Map<string, { index: number; row: Record<string, string | number> }[]>();
  for (const { index, user } of toInsert) {
    const row = newUserRow(user, now);
    const signature = Object.keys(row).join();
    const group = groups.get(signature) ?? [];
    group.push({ index, row });
    groups.set(signature, group);
  }
  for (const group of groups.values()) {
    for (const part of chunks(group, 500)) {
      const inserted = await db
        .insertInto('lms_user')
        .values(part.map(({ row }) => row) as never)
        .returning(['id', 'username'])
        .execute();
      const ids = new Map(inserted.map((row) => [row.username, row.id]));
      for (const { index, row } of part) results[index] = succeeded({ id: ids.get(row.username as string)! });
    }
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

const insertStatements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

/** One prepared statement per column set, kept for the life of the connection. */
function insertStatement(sqlite: SQLite.Database, columns: readonly string[]): SQLite.Statement {
  const statements = insertStatements.get(sqlite) ?? new Map<string, SQLite.Statement>();
  insertStatements.set(sqlite, statements);
  const key = columns.join();
  let statement = statements.get(key);
  if (!statement) {
    statement = sqlite.prepare(`insert into lms_user (${key}) values (${columns.map(() => '?').join()})`);
    statements.set(key, statement);
  }
  return statement;
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

const PROFILE_FIELDS = [
  'firstname', 'lastname', 'email', 'idnumber', 'auth', 'institution', 'department', 'city', 'country', 'lang',
  'timezone', 'phone1', 'phone2', 'address', 'url', 'description', 'mailformat', 'maildisplay', 'maildigest',
  'autosubscribe', 'trackforums',
] as const satisfies readonly (keyof UserProfile)[];

/**
 * The columns a new user gives; the others take the table's defaults (Moodle's). Rows are inserted in groups
 * of the same column set, because SQLite has no DEFAULT inside a multi-row VALUES list.
 */
function newUserRow(user: NewUser, now: number): Record<string, string | number> {
  const row: Record<string, string | number> = {
    username: user.username.toLowerCase(),
    password: user.password ?? '',
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

export function toPlatformUser(row: Selectable<UserTable>): PlatformUser {
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
