import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestStore } from '../../../test/databases.js';
import { buildCourse } from '../../../test/factories.js';
import { MoodleOverDouble } from '../../../test/moodle-double/moodle-over-double.js';
import { outcomes } from '../../../test/platform-contract.js';
import type { Store } from '../../store/database.js';
import { addMetaLinks, removeMetaLinks } from './meta-links.js';
import type { MoodleContext } from './moodle-context.js';
import { STANDARD_ROLES } from './references.js';

/** Metacourse links through a PARTIAL function (enrol_meta_add_instances): what came before a failure stays. */
for (const kind of DATABASES) {
  describe(`Moodle metacourse links on ${kind}`, () => {
    const opened: { store: Store; platform: MoodleOverDouble }[] = [];
    afterEach(async () => {
      for (const { store, platform } of opened.splice(0)) {
        await platform.close();
        await store.close();
      }
    });
    const open = async (functions?: string[]) => {
      const store = await openTestStore(kind);
      const platform = new MoodleOverDouble(store, functions ? { functions } : {});
      opened.push({ store, platform });
      const ctx: MoodleContext = { client: platform.client, maxInputVars: 5000, has: (name) => platform.site.functions.has(name), roleMap: STANDARD_ROLES };
      const [meta, a, b] = [await buildCourse(store, { shortname: 'META' }), await buildCourse(store, { shortname: 'A' }), await buildCourse(store, { shortname: 'B' })];
      const linked = async () => (await store.db.selectFrom('lms_enrol').select('customint1').where('enrol', '=', 'meta').orderBy('customint1').execute()).map((row) => row.customint1);
      return { ctx, platform, meta: meta!, a: a!, b: b!, linked };
    };

    it('the double keeps what came before the failing item of a PARTIAL call', async () => {
      const { platform, meta, a, linked } = await open();
      await expect(platform.client.call('enrol_meta_add_instances', {
        instances: [{ metacourseid: meta, courseid: a }, { metacourseid: meta, courseid: 999_999 }],
      }, 'write')).rejects.toMatchObject({ errorcode: 'invalidparameter' });
      expect(await linked()).toEqual([a]);
    });

    it('isolates the bad link, each other link added once, and removes them', async () => {
      const { ctx, meta, a, b, linked } = await open();
      const results = await addMetaLinks(ctx, [
        { courseId: meta, parentId: a }, { courseId: meta, parentId: a }, { courseId: meta, parentId: 999_999 }, { courseId: meta, parentId: b },
      ]);
      expect(results.map((result) => (result.ok ? result.value.outcome : result.error.code))).toEqual(['created', 'unchanged', 'PLATFORM_COURSE_NOT_FOUND', 'created']);
      expect(results[1]).toEqual(results[0]!.ok ? { ok: true, value: { instanceId: results[0]!.value.instanceId, outcome: 'unchanged' } } : undefined);
      expect(await linked()).toEqual([a, b]);
      expect(outcomes(await removeMetaLinks(ctx, [{ courseId: meta, parentId: a }, { courseId: meta, parentId: a }]))).toEqual(['removed', 'absent']);
      expect(await linked()).toEqual([b]);
    });

    it('a refused call is bisected: the links it had applied before the bad one still answer as created', async () => {
      const { ctx, platform, meta, a, b, linked } = await open();
      const results = await addMetaLinks(ctx, [{ courseId: meta, parentId: a }, { courseId: 999_999, parentId: b }]);
      expect(results.map((result) => (result.ok ? result.value.outcome : result.error.code))).toEqual(['created', 'PLATFORM_COURSE_NOT_FOUND']);
      expect(await linked()).toEqual([a]);
      expect(platform.double.calls.filter((call) => call.wsfunction === 'enrol_meta_add_instances')).toHaveLength(3);
    });
  });
}
