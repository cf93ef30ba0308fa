import type { Kysely } from 'kysely';
import type { AccountRecord } from './accounts-table.js';
import type { Database } from './schema.js';

/** A live session with its account. */
export interface SessionWithAccount {
  readonly csrfToken: string;
  readonly expiresAt: number;
  readonly account: AccountRecord;
}

export async function insertSession(
  db: Kysely<Database>,
  session: { idHash: string; accountId: number; csrfToken: string; expiresAt: number },
): Promise<void> {
  await db
    .insertInto('ts_sessions')
    .values({ id_hash: session.idHash, account_id: session.accountId, csrf_token: session.csrfToken, created_at: Date.now(), expires_at: session.expiresAt })
    .execute();
}

/** The session and its account, when it exists and has not expired at `now`. */
export async function findSession(db: Kysely<Database>, idHash: string, now: number): Promise<SessionWithAccount | undefined> {
  const row = await db
    .selectFrom('ts_sessions')
    .innerJoin('ts_accounts', 'ts_accounts.id', 'ts_sessions.account_id')
    .select([
      'ts_sessions.csrf_token',
      'ts_sessions.expires_at',
      'ts_accounts.id',
      'ts_accounts.username',
      'ts_accounts.password_hash',
      'ts_accounts.role',
      'ts_accounts.lang',
      'ts_accounts.created_at',
    ])
    .where('ts_sessions.id_hash', '=', idHash)
    .where('ts_sessions.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  const { csrf_token, expires_at, ...account } = row;
  return { csrfToken: csrf_token, expiresAt: expires_at, account };
}

/** Moves a session's end (sliding expiry). */
export async function extendSession(db: Kysely<Database>, idHash: string, expiresAt: number): Promise<void> {
  await db.updateTable('ts_sessions').set({ expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('ts_sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of an account (its password changed) but the one given. */
export async function deleteAccountSessions(db: Kysely<Database>, accountId: number, except?: string): Promise<void> {
  let query = db.deleteFrom('ts_sessions').where('account_id', '=', accountId);
  if (except) query = query.where('id_hash', '!=', except);
  await query.execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: number): Promise<void> {
  await db.deleteFrom('ts_sessions').where('expires_at', '<=', now).execute();
}
