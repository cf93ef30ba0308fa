import type { Kysely, Selectable } from 'kysely';
import type { AccountRow, Database } from './schema.js';

export type AccountRecord = Selectable<AccountRow>;

/** How many accounts exist (none: the service offers the first administrator's setup link). */
export async function countAccounts(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('ts_accounts').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function listAccounts(db: Kysely<Database>): Promise<AccountRecord[]> {
  return db.selectFrom('ts_accounts').selectAll().orderBy('username').execute();
}

export async function findAccount(db: Kysely<Database>, username: string): Promise<AccountRecord | undefined> {
  return db.selectFrom('ts_accounts').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findAccountById(db: Kysely<Database>, id: number): Promise<AccountRecord | undefined> {
  return db.selectFrom('ts_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts an account; false when the username is taken. */
export async function insertAccount(
  db: Kysely<Database>,
  account: { username: string; passwordHash: string; role: string; lang: string },
): Promise<boolean> {
  const result = await db
    .insertInto('ts_accounts')
    .values({ username: account.username, password_hash: account.passwordHash, role: account.role, lang: account.lang, created_at: Date.now() })
    .onConflict((conflict) => conflict.column('username').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Changes what is given; false when there is no such account. */
export async function updateAccount(
  db: Kysely<Database>,
  username: string,
  changes: { passwordHash?: string; role?: string; lang?: string },
): Promise<boolean> {
  const set = {
    ...(changes.passwordHash ? { password_hash: changes.passwordHash } : {}),
    ...(changes.role ? { role: changes.role } : {}),
    ...(changes.lang ? { lang: changes.lang } : {}),
  };
  if (!Object.keys(set).length) return (await findAccount(db, username)) !== undefined;
  const result = await db.updateTable('ts_accounts').set(set).where('username', '=', username).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes an account and its sessions; false when there is no such account. */
export async function deleteAccount(db: Kysely<Database>, username: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const account = await trx.selectFrom('ts_accounts').select('id').where('username', '=', username).executeTakeFirst();
    if (!account) return false;
    await trx.deleteFrom('ts_sessions').where('account_id', '=', account.id).execute();
    await trx.deleteFrom('ts_accounts').where('id', '=', account.id).execute();
    return true;
  });
}

/** How many accounts have the role (the last administrator cannot be removed or demoted). */
export async function countAccountsWithRole(db: Kysely<Database>, role: string): Promise<number> {
  const row = await db
    .selectFrom('ts_accounts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', role)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
