import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine, TEST_PLATFORM } from '../../../test/databases.js';
import { buildCategory, buildCourse } from '../../../test/factories.js';
import { rowLines } from '../../../test/users-kit.js';
import { seedCourses } from '../../processors/courses/fixtures/courses-kit.js';
import { findAction } from '../../processors/registry.js';
import type { Engine } from '../engine.js';
import { startRuns } from '../run/start-runs.js';
import { deleteEmptyCategories, findEmptyCategories } from './clean-categories.js';
import { writeDeletionFile, writeResetFile } from './course-file-generators.js';
import { listCourses } from './list-courses.js';

for (const kind of DATABASES) {
  describe(`course utilities on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    const runAction = async (name: string) => {
      const [run] = await startRuns(engine, { action: findAction(name)!, trigger: 'manual' });
      return rowLines(readFileSync(run!.reportFile, 'utf8')).filter((line) => !/\[(info|warning)\]/.test(line));
    };

    it('writes the deletion file where courses/delete reads it, and that run deletes the courses', async () => {
      engine = await openTestEngine(kind);
      await seedCourses(engine);
      const file = await writeDeletionFile(engine, ['BIO', 'EMPTY', 'BIO', ' ']);
      expect(file.path).toBe('deletecourses.csv');
      expect(file.courses.map((course) => course.shortname)).toEqual(['BIO', 'EMPTY']);
      expect(readFileSync(join(engine.folder.files, 'deletecourses.csv'), 'utf8')).toBe('BIO\nEMPTY\n');
      expect(await runAction('courses/delete')).toEqual([
        expect.stringMatching(/^line 1 \[deleted\] Course BIO deleted/),
        expect.stringMatching(/^line 2 \[deleted\] Course EMPTY deleted/),
      ]);
    });

    it('names courses by the identifier settings and writes to the configured location', async () => {
      engine = await openTestEngine(kind);
      await seedCourses(engine);
      await engine.settings.save({ courses_filedeleteidentifier: 'idnumber', courses_filedeletelocation: 'incoming/old-courses.csv', csvseparator: ',' });
      const file = await writeDeletionFile(engine, ['C-ALG']);
      expect(file.path).toBe('incoming/old-courses.csv');
      expect(readFileSync(join(engine.folder.files, 'incoming/old-courses.csv'), 'utf8')).toBe('C-ALG\n');
      await engine.settings.save({ courses_fileresetidentifier: 'idnumber' });
      await writeResetFile(engine, ['C-BIO']);
      expect(readFileSync(join(engine.folder.files, 'resetcourses.csv'), 'utf8')).toBe(
        'idnumber,roles,local_roles,completion,grades,groups,groupings,blog_associations,events,logs,notes,comments,modules\n' +
          'C-BIO,student teacher guest,all,yes,all,all,all,yes,yes,yes,yes,yes,all\n',
      );
    });

    it('refuses unknown courses, writing nothing', async () => {
      engine = await openTestEngine(kind);
      await seedCourses(engine);
      await expect(writeDeletionFile(engine, ['BIO', 'NOPE', 'GONE'])).rejects.toMatchObject({ code: 'ENGINE_UNKNOWN_COURSES', message: 'No course has shortname NOPE, GONE; nothing was written.' });
      expect(existsSync(join(engine.folder.files, 'deletecourses.csv'))).toBe(false);
    });

    it('writes the reset file with the original generator’s defaults, and courses/reset runs it', async () => {
      engine = await openTestEngine(kind);
      await seedCourses(engine);
      const file = await writeResetFile(engine, ['ALG101']);
      expect(file.path).toBe('resetcourses.csv');
      expect(readFileSync(join(engine.folder.files, 'resetcourses.csv'), 'utf8')).toBe(
        'shortname;roles;local_roles;completion;grades;groups;groupings;blog_associations;events;logs;notes;comments;modules\n' +
          'ALG101;student teacher guest;all;yes;all;all;all;yes;yes;yes;yes;yes;all\n',
      );
      // Moodle resets the course whole (reset_course_userdata) and says so; the embedded store counts what it held.
      expect(await runAction('courses/reset')).toEqual([TEST_PLATFORM === 'moodle'
        ? 'line 2 [updated] Course ALG101 reset by the moodle platform: roles=student teacher guest, groups=all, groupings=all, events, notes, comments, blog_associations, completion, local_roles, overrides, grade_items, grades, modules=all'
        : 'line 2 [updated] Course ALG101 reset: 2 user(s) unenrolled, 1 role assignment(s) removed, 2 group(s) deleted, 0 group membership(s) removed, 1 grouping(s) deleted, 0 group(s) taken out of groupings',
      ]);
    });

    it('previews then deletes empty categories, sub-categories first, with or without the ignore option, under a start category', async () => {
      engine = await openTestEngine(kind);
      const a = await buildCategory(engine.store, { name: 'A' });
      const b = await buildCategory(engine.store, { name: 'B' });
      const b1 = await buildCategory(engine.store, { name: 'B1', parent: b });
      const b2 = await buildCategory(engine.store, { name: 'B2', parent: b1 });
      const c = await buildCategory(engine.store, { name: 'C' });
      const c1 = await buildCategory(engine.store, { name: 'C1', parent: c });
      await buildCourse(engine.store, { shortname: 'IN-C1', category: c1 });
      const names = (list: readonly { path: string }[]) => list.map((category) => category.path);
      expect(names(await findEmptyCategories(engine))).toEqual(['A', 'B / B1 / B2']);
      expect(names(await findEmptyCategories(engine, { ignoreEmptySubcategories: true }))).toEqual(['A', 'B / B1 / B2', 'B / B1', 'B']);
      expect(names(await findEmptyCategories(engine, { start: b, ignoreEmptySubcategories: true }))).toEqual(['B / B1 / B2', 'B / B1']);
      const deleted = await deleteEmptyCategories(engine, { start: b, ignoreEmptySubcategories: true });
      expect(deleted.map(({ category, result }) => [category.id, result.ok])).toEqual([[b2, true], [b1, true]]);
      const left = await engine.store.db.selectFrom('lms_course_categories').select('id').orderBy('id').execute();
      expect(left.map((row) => row.id)).toEqual([1, a, b, c, c1]);
      const contexts = await engine.store.db.selectFrom('lms_context').select('instanceid').where('contextlevel', '=', 40).where('instanceid', 'in', [b1, b2]).execute();
      expect(contexts).toEqual([]);
      expect(names(await findEmptyCategories(engine))).toEqual(['A', 'B']);
    });

    it('has the platform refuse a category that is not empty', async () => {
      engine = await openTestEngine(kind);
      const c = await buildCategory(engine.store, { name: 'C' });
      const c1 = await buildCategory(engine.store, { name: 'C1', parent: c });
      await buildCourse(engine.store, { shortname: 'IN-C', category: c });
      const results = await engine.platform.run('deleteCategories', [c, c1, 999]);
      expect(results.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual(['PLATFORM_CATEGORY_NOT_EMPTY', 'ok', 'PLATFORM_CATEGORY_NOT_FOUND']);
    });
  });
}

for (const kind of DATABASES) {
  describe(`course listing on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    it('lists courses with the users holding each role, of one category or all', async () => {
      engine = await openTestEngine(kind);
      const ids = await seedCourses(engine);
      const science = await buildCategory(engine.store, { name: 'Science' });
      const lab = await buildCourse(engine.store, { shortname: 'LAB', fullname: 'Lab', category: science });
      expect(await listCourses(engine)).toEqual([
        { id: ids.alg, shortname: 'ALG101', fullname: 'Algebra', idnumber: 'C-ALG', category: 1, roles: { student: 3, editingteacher: 1 } },
        { id: ids.bio, shortname: 'BIO', fullname: 'Biology', idnumber: 'C-BIO', category: 1, roles: { student: 1 } },
        { id: ids.empty, shortname: 'EMPTY', fullname: 'Empty course', idnumber: 'C-EMPTY', category: 1, roles: {} },
        { id: lab, shortname: 'LAB', fullname: 'Lab', idnumber: '', category: science, roles: {} },
      ]);
      expect((await listCourses(engine, { category: science })).map((course) => course.shortname)).toEqual(['LAB']);
    });
  });
}
