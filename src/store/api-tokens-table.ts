import type { Kysely, Selectable } from 'kysely';
import type { ApiTokenRow, Database } from './schema.js';

export type ApiTokenRecord = Omit<Selectable<ApiTokenRow>, 'token_hash'>;

const PUBLIC_COLUMNS = ['id', 'name', 'role', 'created_at', 'last_used_at'] as const;

export async function insertApiToken(db: Kysely<Database>, token: { name: string; role: string; tokenHash: string }): Promise<number> {
  const row = await db
    .insertInto('ts_api_tokens')
    .values({ name: token.name, role: token.role, token_hash: token.tokenHash, created_at: Date.now(), last_used_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every token, without its hash. */
export async function listApiTokens(db: Kysely<Database>): Promise<ApiTokenRecord[]> {
  return db.selectFrom('ts_api_tokens').select(PUBLIC_COLUMNS).orderBy('id').execute();
}

/** The token of a hash, its use recorded; undefined when revoked or unknown. */
export async function useApiToken(db: Kysely<Database>, tokenHash: string, now: number): Promise<ApiTokenRecord | undefined> {
  const token = await db.selectFrom('ts_api_tokens').select(PUBLIC_COLUMNS).where('token_hash', '=', tokenHash).executeTakeFirst();
  if (token) await db.updateTable('ts_api_tokens').set({ last_used_at: now }).where('id', '=', token.id).execute();
  return token;
}

/** Revokes a token; false when there is no such token. */
export async function deleteApiToken(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('ts_api_tokens').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
