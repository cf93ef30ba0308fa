import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestStore } from '../../test/databases.js';
import type { Store } from './database.js';

for (const kind of DATABASES) {
  describe(`store on ${kind}`, () => {
    let store: Store;
    afterEach(async () => store?.close());

    it('migrates a fresh database with the seeds of a new Moodle', async () => {
      store = await openTestStore(kind);
      const roles = await store.db.selectFrom('lms_role').select(['id', 'shortname']).orderBy('id').execute();
      expect(roles.map((role) => role.shortname)).toEqual([
        'manager', 'coursecreator', 'editingteacher', 'teacher', 'student', 'guest', 'user', 'frontpage',
      ]);
      expect(roles[4]).toEqual({ id: 5, shortname: 'student' });
      const category = await store.db.selectFrom('lms_course_categories').selectAll().executeTakeFirstOrThrow();
      expect(category).toMatchObject({ id: 1, name: 'Miscellaneous', path: '/1', parent: 0 });
    });

    it('returns 64-bit integers as numbers', async () => {
      store = await openTestStore(kind);
      const later = 4_102_444_800_000; // 2100-01-01 in milliseconds, beyond 32 bits
      await store.db.insertInto('ts_settings').values({ key: 'k', value: '1', updated_at: later }).execute();
      const row = await store.db.selectFrom('ts_settings').selectAll().executeTakeFirstOrThrow();
      expect(row.updated_at).toBe(later);
    });
  });
}
