import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Saved settings as JSON text by key. */
export async function readSettingRows(db: Kysely<Database>): Promise<{ key: string; value: string }[]> {
  return db.selectFrom('ts_settings').select(['key', 'value']).execute();
}

/** Inserts or replaces the given keys in one statement; other keys are not touched. */
export async function upsertSettingRows(db: Kysely<Database>, rows: readonly { key: string; value: string }[]): Promise<void> {
  if (!rows.length) return;
  const now = Date.now();
  await db
    .insertInto('ts_settings')
    .values(rows.map((row) => ({ ...row, updated_at: now })))
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: eb.ref('excluded.updated_at') })),
    )
    .execute();
}

export async function deleteSettingRows(db: Kysely<Database>, keys: readonly string[]): Promise<void> {
  if (keys.length) await db.deleteFrom('ts_settings').where('key', 'in', keys).execute();
}
