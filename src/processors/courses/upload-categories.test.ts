import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { buildCategory } from '../../../test/factories.js';
import { csv } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';
import { categories, courses } from './fixtures/courses-kit.js';
import { simulateThenRun } from './fixtures/upload-kit.js';

for (const kind of DATABASES) {
  describe(`categories of the course creation file on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    const open = async (settings: Record<string, string | boolean> = {}) => {
      engine = await openTestEngine(kind);
      await engine.settings.save(settings);
    };
    const categoryOf = async () => Object.fromEntries(Object.values(await courses(engine)).map((course) => [course.shortname, course.category]));

    it('takes ids (checked) and paths, creating only the missing levels, once, in the order rows need them', async () => {
      await open({ courses_newcategoriesvisible: false });
      const sciences = await buildCategory(engine.store, { name: 'Sciences' });
      const biology = await buildCategory(engine.store, { name: 'Biology', parent: sciences });
      const { lines, run } = await simulateThenRun(
        engine,
        csv(
          'shortname;fullname;category',
          `BIO1;Biology 1;${biology}`,
          'GEN1;Genetics 1;Sciences/Biology/Genetics',
          'GEN2;Genetics 2;/Sciences/Biology/Genetics/',
          'ART1;Arts 1; Arts / Painting ',
          'ART2;Arts 2;Arts',
          'BAD1;Bad 1;999',
          'BAD2;Bad 2;Arts//Sculpture',
          `BAD3;Bad 3;Arts/${'x'.repeat(256)}`,
        ),
      );
      expect(lines).toEqual([
        'line 2 [created] Course [BIO1] Biology 1 has been created in category Biology.',
        'line 3 [created] Course [GEN1] Genetics 1 has been created in category Sciences/Biology/Genetics.',
        'line 3 [info] Category Sciences/Biology/Genetics created',
        'line 4 [created] Course [GEN2] Genetics 2 has been created in category Sciences/Biology/Genetics.',
        'line 5 [created] Course [ART1] Arts 1 has been created in category Arts/Painting.',
        'line 5 [info] Category Arts created',
        'line 5 [info] Category Arts/Painting created',
        'line 6 [created] Course [ART2] Arts 2 has been created in category Arts.',
        'line 7 [error] column category: Course category id 999 not found',
        'line 8 [error] column category: "Arts//Sculpture" is not a category path; expected names separated by / (such as Faculty/Department/Year), none empty, each at most 255 characters',
        `line 9 [error] column category: "Arts/${'x'.repeat(256)}" is not a category path; expected names separated by / (such as Faculty/Department/Year), none empty, each at most 255 characters`,
      ]);
      expect(run.counters.entities).toEqual({ 'course.created': 5, 'course.error': 3, 'category.created': 3 });
      expect(await categories(engine)).toEqual([
        { path: '/Miscellaneous', visible: 1, depth: 1, idsPathOk: true, context: true },
        { path: '/Sciences', visible: 1, depth: 1, idsPathOk: true, context: true },
        { path: '/Sciences/Biology', visible: 1, depth: 2, idsPathOk: true, context: true },
        // courses_newcategoriesvisible is off: created categories are hidden. A batch creates them level by level.
        { path: '/Arts', visible: 0, depth: 1, idsPathOk: true, context: true },
        { path: '/Arts/Painting', visible: 0, depth: 2, idsPathOk: true, context: true },
        { path: '/Sciences/Biology/Genetics', visible: 0, depth: 3, idsPathOk: true, context: true },
      ]);
      const placed = await categoryOf();
      expect(placed.BIO1).toBe(biology);
      expect(placed.GEN1).toBe(placed.GEN2);
      expect(placed.ART2).not.toBe(placed.ART1);
      // A second file finds what the first created.
      const again = await simulateThenRun(engine, csv('shortname;fullname;category', 'GEN3;Genetics 3;Sciences/Biology/Genetics/Lab'));
      expect(again.lines).toEqual([
        'line 2 [created] Course [GEN3] Genetics 3 has been created in category Sciences/Biology/Genetics/Lab.',
        'line 2 [info] Category Sciences/Biology/Genetics/Lab created',
      ]);
    });

    it('sends rows without a category to the default category: Miscellaneous, or the id or path of courses_defaultcategory', async () => {
      await open();
      expect((await simulateThenRun(engine, csv('shortname;fullname;category', 'A;A;', 'B;B;Misc2'))).lines).toEqual([
        'line 2 [created] Course [A] A has been created in category Miscellaneous.',
        'line 3 [created] Course [B] B has been created in category Misc2.',
        'line 3 [info] Category Misc2 created',
      ]);
      await engine.settings.save({ courses_defaultcategory: 'Inbox/Unsorted' });
      expect((await simulateThenRun(engine, csv('shortname;fullname', 'C;C'))).lines).toEqual([
        'line 2 [created] Course [C] C has been created in category Inbox/Unsorted.',
        'line 2 [info] Category Inbox created',
        'line 2 [info] Category Inbox/Unsorted created',
      ]);
      await engine.settings.save({ courses_defaultcategory: '4242' });
      expect((await simulateThenRun(engine, csv('shortname;fullname', 'D;D'))).lines).toEqual(['line 2 [error] column category: Course category id 4242 not found']);
      await engine.settings.save({ courses_defaultcategory: 'Inbox//Unsorted' });
      expect((await simulateThenRun(engine, csv('shortname;fullname', 'D;D'))).lines).toEqual([
        'line 2 [error] column category: no category given, and the setting courses_defaultcategory ("Inbox//Unsorted") is not a category id or path; fix the setting',
      ]);
      const placed = await categoryOf();
      expect(placed.A).toBe(1);
    });

    it('names categories by idnumber when courses_coursecategoryidentifier is idnumber', async () => {
      await open({ courses_coursecategoryidentifier: 'idnumber' });
      const science = await buildCategory(engine.store, { name: 'Science', idnumber: 'SCI' });
      const { lines } = await simulateThenRun(engine, csv('shortname;fullname;category', 'S1;S1;SCI', 'S2;S2;NOPE', 'S3;S3;Science/Sub'));
      expect(lines).toEqual([
        'line 2 [created] Course [S1] S1 has been created in category Science.',
        'line 3 [error] column category: Course category idnumber NOPE not found',
        'line 4 [error] column category: Course category idnumber Science/Sub not found',
      ]);
      expect((await categoryOf()).S1).toBe(science);
    });
  });
}
