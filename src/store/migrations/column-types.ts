import type { ColumnDataType, CreateTableBuilder } from 'kysely';

/** The two databases the store runs on. */
export type DatabaseKind = 'sqlite' | 'postgres';

/** Column types that differ between the databases; ids and times are 64-bit everywhere, like Moodle's. */
export interface ColumnTypes {
  readonly int: ColumnDataType;
  readonly binary: ColumnDataType;
  /** Adds an auto-incremented primary key `id` that never reuses values. */
  id<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'>;
}

export function columnTypes(kind: DatabaseKind): ColumnTypes {
  return {
    int: 'bigint',
    binary: kind === 'postgres' ? 'bytea' : 'blob',
    id: (table) =>
      kind === 'postgres'
        ? table.addColumn('id', 'bigserial', (column) => column.primaryKey())
        : table.addColumn('id', 'integer', (column) => column.primaryKey().autoIncrement()),
  };
}
