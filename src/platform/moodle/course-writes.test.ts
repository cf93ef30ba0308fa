import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestStore } from '../../../test/databases.js';
import { buildCourse } from '../../../test/factories.js';
import { MoodleOverDouble } from '../../../test/moodle-double/moodle-over-double.js';
import { idOf, outcomes } from '../../../test/platform-contract.js';
import type { Store } from '../../store/database.js';
import { createCategories, deleteCourses, updateCourses } from './course-writes.js';
import type { MoodleContext } from './moodle-context.js';
import { STANDARD_ROLES } from './references.js';

/** Course and category writes against the Moodle double: ITEM updates and deletions, ALL category creation, copies. */
for (const kind of DATABASES) {
  describe(`Moodle course writes on ${kind}`, () => {
    const opened: { store: Store; platform: MoodleOverDouble }[] = [];
    afterEach(async () => {
      for (const { store, platform } of opened.splice(0)) {
        await platform.close();
        await store.close();
      }
    });
    const open = async () => {
      const store = await openTestStore(kind);
      const platform = new MoodleOverDouble(store);
      opened.push({ store, platform });
      const ctx: MoodleContext = { client: platform.client, maxInputVars: 5000, has: () => true, roleMap: STANDARD_ROLES };
      return { store, platform, ctx };
    };

    it('updates courses each on its own: an unknown course or a taken shortname fails only its item', async () => {
      const { store, platform, ctx } = await open();
      const [alg, bio] = [await buildCourse(store, { shortname: 'ALG' }), await buildCourse(store, { shortname: 'BIO' })];
      const results = await updateCourses(ctx, [
        { id: alg, set: { fullname: 'Algebra', idnumber: 'C-ALG', visible: 0 } }, { id: 999_999, set: { fullname: 'X' } }, { id: bio, set: { shortname: 'ALG' } },
      ]);
      expect(outcomes(results)).toEqual(['ok', 'PLATFORM_COURSE_NOT_FOUND', 'PLATFORM_COURSE_SHORTNAME_TAKEN']);
      expect(await platform.run('findCourses', { by: { id: [String(alg)] } })).toMatchObject([{ fullname: 'Algebra', idnumber: 'C-ALG', visible: false }]);
    });

    it('deletes courses a few a call, an unknown one refused', async () => {
      const { store, platform, ctx } = await open();
      const ids = [];
      for (let index = 0; index < 7; index++) ids.push(await buildCourse(store, { shortname: `C${index}` }));
      expect(outcomes(await deleteCourses(ctx, [...ids, 999_999]))).toEqual([...ids.map(() => 'ok'), 'PLATFORM_COURSE_NOT_FOUND']);
      expect(platform.double.calls.filter((call) => call.wsfunction === 'core_course_delete_courses')).toHaveLength(2);
      expect(await platform.run('findCourses', { by: { id: ids.map(String) } })).toEqual([]);
    });

    it('creates categories level by level, all or nothing per call, an unknown parent failing only its item', async () => {
      const { store, ctx } = await open();
      const [top] = (await createCategories(ctx, [{ name: 'Faculty', parent: 0, visible: true, idnumber: 'F' }])).map(idOf);
      const results = await createCategories(ctx, [{ name: 'Maths', parent: top!, visible: true }, { name: 'Lost', parent: 999_999, visible: true }, { name: 'Physics', parent: top!, visible: true }]);
      expect(outcomes(results)).toEqual(['ok', 'PLATFORM_CATEGORY_NOT_FOUND', 'ok']);
      const rows = await store.db.selectFrom('lms_course_categories').select(['name', 'path']).where('parent', '=', top!).orderBy('name').execute();
      expect(rows.map((row) => [row.name, row.path.startsWith(`/${top}/`)])).toEqual([['Maths', true], ['Physics', true]]);
    });

    it('hides a new category through the plugin, and without it refuses a hidden one before creating anything', async () => {
      const { store, platform, ctx } = await open();
      const [hidden] = (await createCategories(ctx, [{ name: 'Hidden', parent: 0, visible: false }])).map(idOf);
      expect(await platform.run('findCategories', { by: { id: [String(hidden)] } })).toMatchObject([{ name: 'Hidden', visible: false }]);
      const coreOnly: MoodleContext = { ...ctx, has: (name) => !name.startsWith('local_') };
      const [refused] = await createCategories(coreOnly, [{ name: 'Secret', parent: 0, visible: false }]);
      expect(refused).toMatchObject({ ok: false, error: { code: 'MOODLE_NEEDS_PLUGIN', message: expect.stringContaining('local_toolsync_hide_categories') } });
      expect(await store.db.selectFrom('lms_course_categories').select('id').where('name', '=', 'Secret').execute()).toEqual([]);
    });

    it('what core cannot write is refused by name (a marker); Moodle stamps the creation time itself', async () => {
      const { platform } = await open();
      const [created, marked] = await platform.run('createCourses', [
        { fullname: 'Algebra', shortname: 'ALG', categoryId: 1, settings: { newsitems: 2, lang: 'fr', groupmode: 1, coursedisplay: 1, timecreated: 1_700_000_000 } },
        { fullname: 'Marked', shortname: 'MRK', categoryId: 1, settings: { marker: 3 } },
      ]);
      expect(marked).toMatchObject({ ok: false, error: { code: 'MOODLE_SETTING_NOT_WRITABLE', message: expect.stringContaining('marker') } });
      const [record] = await platform.run('findCourseRecords', { courseIds: [idOf(created)] });
      expect(record).toMatchObject({ newsitems: 2, lang: 'fr', groupmode: 1, coursedisplay: 1 });
      expect(record!.timecreated).not.toBe(1_700_000_000);
    });
  });
}
