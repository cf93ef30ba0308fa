import type { Kysely } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/** The service's own tables: settings, runs and locks. */
export async function up(db: Kysely<unknown>, types: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('ts_settings')
    .addColumn('key', 'text', (column) => column.primaryKey())
    .addColumn('value', 'text', (column) => column.notNull())
    .addColumn('updated_at', types.int, (column) => column.notNull())
    .execute();

  await types
    .id(db.schema.createTable('ts_runs'))
    .addColumn('processor', 'text', (column) => column.notNull())
    .addColumn('action', 'text', (column) => column.notNull())
    .addColumn('input_path', 'text')
    .addColumn('trigger', 'text', (column) => column.notNull())
    .addColumn('simulate', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('rows_read', types.int, (column) => column.notNull().defaultTo(0))
    .addColumn('rows_ok', types.int, (column) => column.notNull().defaultTo(0))
    .addColumn('rows_skipped', types.int, (column) => column.notNull().defaultTo(0))
    .addColumn('rows_error', types.int, (column) => column.notNull().defaultTo(0))
    .addColumn('counters', 'text', (column) => column.notNull().defaultTo('{}'))
    .addColumn('message', 'text')
    .addColumn('owner', 'text')
    .addColumn('queued_at', types.int, (column) => column.notNull())
    .addColumn('started_at', types.int)
    .addColumn('finished_at', types.int)
    .addColumn('report_path', 'text')
    .addColumn('tryback_path', 'text')
    .addColumn('archive_path', 'text')
    .execute();
  await db.schema.createIndex('ts_runs_processor_status').on('ts_runs').columns(['processor', 'status']).execute();

  await db.schema
    .createTable('ts_locks')
    .addColumn('name', 'text', (column) => column.primaryKey())
    .addColumn('owner', 'text', (column) => column.notNull())
    .addColumn('run_id', types.int)
    .addColumn('acquired_at', types.int, (column) => column.notNull())
    .addColumn('heartbeat_at', types.int, (column) => column.notNull())
    .execute();
}
