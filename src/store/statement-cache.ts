import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * The connection as Kysely's SQLite dialect sees it, keeping its last `capacity` prepared statements by SQL
 * text: Kysely prepares every query it runs, and preparing a batch's statement of 2,000 values cost about as
 * much as running it. Lists are padded to a few sizes (see `padToBucket`) so that their texts repeat. A
 * statement still being iterated is never handed out twice.
 */
export function withStatementCache(database: SQLite.Database, capacity = 128): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Most recently used last: the first key is the one to evict.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > capacity) cache.delete(cache.keys().next().value!);
      return statement;
    },
    close() {
      cache.clear();
      database.close();
    },
  };
}
