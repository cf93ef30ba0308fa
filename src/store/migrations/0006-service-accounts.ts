import type { Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/** The service's accounts, browser sessions, API tokens and schedules. Secrets are stored hashed. */
export async function up(db: Kysely<unknown>, types: ColumnTypes): Promise<void> {
  await types
    .id(db.schema.createTable('ts_accounts'))
    .addColumn('username', 'text', (column) => column.notNull().unique())
    .addColumn('password_hash', 'text', (column) => column.notNull())
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('lang', 'text', (column) => column.notNull().defaultTo('en'))
    .addColumn('created_at', types.int, (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('ts_sessions')
    .addColumn('id_hash', 'text', (column) => column.primaryKey())
    .addColumn('account_id', types.int, (column) => column.notNull().references('ts_accounts.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (column) => column.notNull())
    .addColumn('created_at', types.int, (column) => column.notNull())
    .addColumn('expires_at', types.int, (column) => column.notNull())
    .execute();
  await db.schema.createIndex('ts_sessions_account').on('ts_sessions').column('account_id').execute();

  await types
    .id(db.schema.createTable('ts_api_tokens'))
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('created_at', types.int, (column) => column.notNull())
    .addColumn('last_used_at', types.int)
    .execute();

  await db.schema
    .createTable('ts_schedules')
    .addColumn('task', 'text', (column) => column.primaryKey())
    .addColumn('enabled', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('cron', 'text', (column) => column.notNull())
    .addColumn('updated_at', types.int, (column) => column.notNull())
    .addColumn('last_fired_at', types.int)
    .execute();
}
