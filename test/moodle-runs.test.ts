import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine/engine.js';
import { DATABASES, openTestEngine, openTestStore } from './databases.js';
import { buildCategory, buildCourse } from './factories.js';
import { deleteEmptyCategories, findEmptyCategories } from '../src/engine/courses/clean-categories.js';
import { listCourses } from '../src/engine/courses/list-courses.js';
import { SimulatedPlatform } from '../src/platform/simulated-platform.js';
import { DOUBLE_FUNCTIONS } from './moodle-double/moodle-double.js';
import { MoodleOverDouble } from './moodle-double/moodle-over-double.js';
import { csv, runFile } from './users-kit.js';

async function drain(pages: AsyncIterable<unknown>): Promise<void> {
  for await (const _page of pages) { /* reading is the point */ }
}

/** Reads of the web services (everything else writes). */
const READ = /^(core_webservice_get_site_info|core_\w+_get_\w+|core_cohort_search_cohorts|local_toolsync_get_\w+)$/;

/** Runs against Moodle through its web services (the double): calls counted, simulate reads only, same reports. */
for (const kind of DATABASES) {
  describe(`runs against Moodle on ${kind}`, () => {
    const engines: Engine[] = [];
    afterEach(async () => {
      for (const engine of engines.splice(0)) await engine.close();
    });
    /** An engine whose platform is Moodle over the double (its state: the engine's store), with courses C1…Cn. */
    const open = async (courses: number) => {
      const base = await openTestEngine(kind);
      const platform = new MoodleOverDouble(base.store);
      const engine: Engine = { ...base, platform, close: async () => { await platform.close(); await base.close(); } };
      engines.push(engine);
      await engine.settings.save({ courses_primaryidentity: 'shortname' });
      for (let index = 1; index <= courses; index++) await buildCourse(engine.store, { shortname: `C${index}` });
      return { engine, platform };
    };
    const usersFile = (rows: number) => csv('username;firstname;lastname;email;course1;role1;enrol1',
      ...Array.from({ length: rows }, (_, index) => `user${index};First;Last${index};user${index}@example.org;C${(index % 20) + 1};student;manual`));

    it('a users file of 2,000 rows with course enrolments takes far fewer calls than rows, with no lookup per row', async () => {
      const { engine, platform } = await open(20);
      const { run } = await runFile(engine, usersFile(2000));
      expect(run.status).toBe('succeeded');
      const { reads, writes, byFunction } = platform.client.counts;
      const calls = reads + writes;
      expect(calls).toBeLessThan(2000 / 20);
      expect(byFunction.get('core_user_get_users_by_field') ?? 0).toBeLessThan(20);
      expect(byFunction.get('enrol_manual_enrol_users') ?? 0).toBeLessThan(20);
      const enrolled = await engine.store.db.selectFrom('lms_user_enrolments').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
      expect(Number(enrolled.count)).toBe(2000);
      expect(platform.double.calls.every((call) => call.dropped === 0)).toBe(true);
    });

    it('simulates against Moodle with reads only, and predicts the real run line by line', async () => {
      const { engine, platform } = await open(3);
      const file = csv('username;firstname;lastname;email;course1;role1;enrol1;group1',
        'jdoe;John;Doe;jdoe@example.org;C1;student;manual;Group A',
        'asmith;Anne;Smith;asmith@example.org;C1;editingteacher;manual;Group A',
        'jdoe;Johnny;Doe;jdoe@example.org;C2;student;manual;',
        'bad;;;;C9;student;manual;');
      const simulated = await runFile(engine, file, { simulate: true });
      expect(platform.client.counts.writes).toBe(0);
      expect(platform.double.calls.filter((call) => !READ.test(call.wsfunction))).toEqual([]);
      const real = await runFile(engine, file);
      expect(platform.client.counts.writes).toBeGreaterThan(0);
      expect(simulated.lines).toEqual(real.lines);
      expect(real.lines.length).toBeGreaterThan(4);
    });

    it('fails a simulation where the real run fails: a write the token may not call', async () => {
      const base = await openTestEngine(kind);
      const core = (await import('./moodle-double/moodle-double.js')).DOUBLE_FUNCTIONS;
      const platform = new MoodleOverDouble(base.store, { functions: Object.keys(core).filter((name) => name !== 'core_user_create_users') });
      const engine: Engine = { ...base, platform, close: async () => { await platform.close(); await base.close(); } };
      engines.push(engine);
      const file = csv('username;firstname;lastname;email', 'jdoe;John;Doe;jdoe@example.org');
      const simulated = await runFile(engine, file, { simulate: true });
      const real = await runFile(engine, file);
      expect(real.run).toMatchObject({ status: 'failed', message: expect.stringMatching(/createUsers.*core_user_create_users.*moodle\/user:create/) });
      expect(simulated.run).toMatchObject({ status: 'failed', message: real.run.message });
      expect(platform.double.calls.filter((call) => !READ.test(call.wsfunction))).toEqual([]);
    });

    it('resets courses through local_toolsync_reset_course; simulated, it reads only; without the plugin each row names the function', async () => {
      const { engine, platform } = await open(2);
      const file = csv('shortname;roles;local_roles;grades;groups;groupings;events;logs;notes;modules;quiz_attempts',
        'C1;student;all;grades;all;;yes;yes;no;-forum;1',
        'C2;;;;;;;;;;');
      const simulated = await runFile(engine, file, { action: 'courses/reset', name: 'resetcourses.csv', simulate: true });
      expect(platform.double.calls.filter((call) => !READ.test(call.wsfunction))).toEqual([]);
      const real = await runFile(engine, file, { action: 'courses/reset', name: 'resetcourses.csv' });
      expect(platform.client.counts.byFunction.get('local_toolsync_reset_course')).toBe(2);
      // Moodle's account of what it reset comes with the real run only.
      const main = (lines: readonly string[]) => lines.filter((line) => !/\[info\]/.test(line));
      expect(simulated.lines).toEqual(real.lines.filter((line) => !/\] (General|Roles|Groups|Gradebook): /.test(line)));
      expect(main(real.lines)).toEqual([
        'line 2 [updated] Course C1 reset by the moodle platform: roles=student, groups=all, events, comments, blog_associations, local_roles, overrides, grades, quiz_attempts, modules=all -forum',
        'line 3 [updated] Course C2 reset by the moodle platform: comments, blog_associations',
      ]);
      expect(real.lines).toContain('line 2 [info] General: Delete events');
      expect(real.lines).toContain('line 2 [info] Gradebook: Delete all grades');

      const core = Object.keys(DOUBLE_FUNCTIONS).filter((name) => name !== 'local_toolsync_reset_course');
      const bare = new MoodleOverDouble(engine.store, { functions: ['core_webservice_get_site_info', ...core] });
      const withoutPlugin: Engine = { ...engine, platform: bare };
      try {
        const resetFile = csv('shortname;roles;local_roles;grades;groups;groupings;events;logs;notes;modules', 'C1;;;;;;yes;;;');
        const refused = await runFile(withoutPlugin, resetFile, { action: 'courses/reset', name: 'resetcourses.csv' });
        // The simulation predicts the refusal.
        expect((await runFile(withoutPlugin, resetFile, { action: 'courses/reset', name: 'resetcourses.csv', simulate: true })).lines).toEqual(refused.lines);
        expect(refused.lines).toEqual([
          'line 2 [error] Course C1: the reset stopped, refused by the platform: This needs local_toolsync_reset_course of the companion plugin local_toolsync, which this Moodle does not offer to the token',
        ]);
      } finally {
        await bare.close();
      }
    });

    it('lists courses, finds and deletes empty categories with lookups alone (Moodle has no export), simulated with reads only', async () => {
      const base = await openTestEngine(kind);
      const platform = new MoodleOverDouble(base.store, { exportsState: false });
      const engine: Engine = { ...base, platform, close: async () => { await platform.close(); await base.close(); } };
      engines.push(engine);
      const a = await buildCategory(engine.store, { name: 'A' });
      const b = await buildCategory(engine.store, { name: 'B' });
      const b1 = await buildCategory(engine.store, { name: 'B1', parent: b });
      const c = await buildCategory(engine.store, { name: 'C' });
      await buildCourse(engine.store, { shortname: 'IN-C', category: c });
      await expect(drain(platform.exportEntity('categories'))).rejects.toThrow();
      expect((await listCourses(engine)).map((course) => [course.shortname, course.category])).toEqual([['IN-C', c]]);
      const paths = (list: readonly { path: string }[]) => list.map((category) => category.path);
      expect(paths(await findEmptyCategories(engine, { ignoreEmptySubcategories: true }))).toEqual(['A', 'B / B1', 'B']);

      // Simulated: the overlay decides from lookups (B holds B1 until B1 is gone), and Moodle gets no write.
      const simulated: Engine = { ...engine, platform: new SimulatedPlatform(platform) };
      const preview = await deleteEmptyCategories(simulated, { ignoreEmptySubcategories: true });
      expect(preview.map(({ category, result }) => [category.path, result.ok])).toEqual([['A', true], ['B / B1', true], ['B', true]]);
      const refused = await simulated.platform.run('deleteCategories', [c, 999]);
      expect(refused.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual(['PLATFORM_CATEGORY_NOT_EMPTY', 'PLATFORM_CATEGORY_NOT_FOUND']);
      expect(platform.double.calls.filter((call) => !READ.test(call.wsfunction))).toEqual([]);
      expect(await findEmptyCategories(simulated)).toEqual([]);

      const deleted = await deleteEmptyCategories(engine, { ignoreEmptySubcategories: true });
      expect(deleted.map(({ category, result }) => [category.id, result.ok])).toEqual([[a, true], [b1, true], [b, true]]);
      expect((await platform.run('findCategories', { by: { id: [a, b, b1, c].map(String) } })).map((category) => category.name)).toEqual(['C']);
    });

    it('restores .mbz templates of the command file area through local_toolsync_restore_course: new courses then their row values, existing ones per template mode', async () => {
      const { engine, platform } = await open(1);
      await engine.settings.save({ courses_forceupdate: true, courses_template_mode: '1' });
      mkdirSync(join(engine.folder.files, 'templates'));
      const mbz = new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]);
      writeFileSync(join(engine.folder.files, 'templates', 'algebra.mbz'), mbz);
      const file = csv('shortname;fullname;idnumber;summary;template;topic1',
        'NEW1;New one;N-1;From the backup;templates/algebra.mbz;Week one|First',
        'NEW2;New two;;;templates/missing.mbz;',
        'C1;Course 1;;;templates/algebra.mbz;',
        'NEW3;Twice;;;templates/algebra.mbz;');
      const simulated = await runFile(engine, file, { action: 'courses/create', name: 'uploadcourses.csv', simulate: true });
      expect(platform.double.calls.filter((call) => !READ.test(call.wsfunction))).toEqual([]);
      const real = await runFile(engine, file, { action: 'courses/create', name: 'uploadcourses.csv' });
      expect(simulated.lines).toEqual(real.lines);
      expect(real.lines).toEqual([
        'line 2 [created] Course [NEW1] New one has been created in category Miscellaneous on template templates/algebra.mbz.',
        'line 2 [info] Backup templates/algebra.mbz restored into the new course by the moodle platform, then the row’s values written on it',
        'line 2 [info] Sections written: topic1',
        'line 3 [error] column template: no backup file templates/missing.mbz in the command file area; a .mbz template is read from there, by its path in the area (such as templates/course.mbz)',
        // Into an existing course, per courses_template_mode (1: added to its content).
        'line 4 [updated] Course [C1]  Course 1 updated (fullname, template).',
        'line 4 [info] Backup templates/algebra.mbz restored into the course by the moodle platform: its content added to the course’s',
        'line 5 [created] Course [NEW3] Twice has been created in category Miscellaneous on template templates/algebra.mbz.',
        'line 5 [info] Backup templates/algebra.mbz restored into the new course by the moodle platform, then the row’s values written on it',
      ]);
      // Each restore uploads the file to a draft area first (webservice/upload.php), then restores it.
      expect(platform.client.counts.byFunction.get('local_toolsync_restore_course')).toBe(3);
      expect(platform.double.calls.filter((call) => call.wsfunction === 'upload.php')).toHaveLength(3);
      const created = await engine.store.db.selectFrom('lms_course').select(['shortname', 'fullname', 'idnumber', 'summary']).where('shortname', 'in', ['NEW1', 'NEW3']).orderBy('id').execute();
      expect(created).toEqual([
        { shortname: 'NEW1', fullname: 'New one', idnumber: 'N-1', summary: 'From the backup' },
        { shortname: 'NEW3', fullname: 'Twice', idnumber: '', summary: expect.any(String) },
      ]);

      await engine.settings.save({ courses_template_mode: '2' });
      const replaced = await runFile(engine, csv('shortname;fullname;template', 'C1;Course 1;templates/algebra.mbz'), { action: 'courses/create', name: 'uploadcourses.csv' });
      expect(replaced.lines).toEqual([
        'line 2 [updated] Course [C1]  Course 1 updated (template).',
        'line 2 [info] Backup templates/algebra.mbz restored into the course by the moodle platform: its content in place of the course’s (users, groups and enrolment methods kept)',
      ]);
      expect(platform.double.calls.filter((call) => call.wsfunction === 'local_toolsync_restore_course').length).toBe(4);

      const core = Object.keys(DOUBLE_FUNCTIONS).filter((name) => name !== 'local_toolsync_restore_course');
      const bare = new MoodleOverDouble(engine.store, { functions: ['core_webservice_get_site_info', ...core] });
      try {
        const restoreFile = csv('shortname;fullname;template', 'NEW4;Four;templates/algebra.mbz');
        const refused = await runFile({ ...engine, platform: bare }, restoreFile, { action: 'courses/create', name: 'uploadcourses.csv' });
        // The simulation predicts the refusal.
        expect((await runFile({ ...engine, platform: bare }, restoreFile, { action: 'courses/create', name: 'uploadcourses.csv', simulate: true })).lines)
          .toEqual(refused.lines);
        expect(refused.lines).toEqual([
          'line 2 [error] create course [NEW4]: refused by the platform: This needs local_toolsync_restore_course of the companion plugin local_toolsync, which this Moodle does not offer to the token',
        ]);
      } finally {
        await bare.close();
      }
    });

    it('copies template courses by Moodle\'s backup and restore: duplicate for a new course, import to add, the plugin to replace', async () => {
      const { engine, platform } = await open(2);
      await engine.settings.save({ courses_forceupdate: true, courses_template_mode: '1' });
      await runFile(engine, csv('shortname;fullname;topic1', 'TPL;Template;Week 1|First'), { action: 'courses/create', name: 'uploadcourses.csv' });
      const file = csv('shortname;fullname;template', 'NEW1;New one;TPL', 'C1;C1;TPL');
      platform.double.calls.splice(0);
      const simulated = await runFile(engine, file, { action: 'courses/create', name: 'uploadcourses.csv', simulate: true });
      expect(platform.double.calls.filter((call) => !READ.test(call.wsfunction))).toEqual([]);
      platform.client.counts.byFunction.clear();
      const real = await runFile(engine, file, { action: 'courses/create', name: 'uploadcourses.csv' });
      expect(simulated.lines).toEqual(real.lines);
      expect(real.lines).toEqual([
        'line 2 [created] Course [NEW1] New one has been created in category Miscellaneous on template TPL.',
        'line 2 [info] Template TPL copied: 2 sections, 0 groups, 0 groupings, 0 enrolment methods',
        'line 3 [updated] Course [C1]  C1 updated (template).',
        'line 3 [info] Template TPL content added: 2 sections, 0 groups, 0 groupings, 0 enrolment methods',
      ]);
      const calls = (name: string) => platform.client.counts.byFunction.get(name) ?? 0;
      expect([calls('core_course_duplicate_course'), calls('core_course_import_course'), calls('core_course_create_courses')]).toEqual([1, 1, 0]);

      // Replacing content goes through the plugin: core's import with deletecontent would unenrol the course's users.
      await engine.settings.save({ courses_template_mode: '2' });
      const replace = csv('shortname;fullname;template', 'C2;C2;TPL');
      expect((await runFile(engine, replace, { action: 'courses/create', name: 'uploadcourses.csv' })).lines).toEqual([
        'line 2 [updated] Course [C2]  C2 updated (template).',
        'line 2 [info] Course content replaced by template TPL: 2 sections, 0 groups, 0 groupings, 0 enrolment methods',
      ]);
      expect(calls('local_toolsync_replace_course_content')).toBe(1);
      const core = Object.keys(DOUBLE_FUNCTIONS).filter((name) => name !== 'local_toolsync_replace_course_content');
      const bare = new MoodleOverDouble(engine.store, { functions: ['core_webservice_get_site_info', ...core] });
      try {
        const refused = await runFile({ ...engine, platform: bare }, replace, { action: 'courses/create', name: 'uploadcourses.csv' });
        expect((await runFile({ ...engine, platform: bare }, replace, { action: 'courses/create', name: 'uploadcourses.csv', simulate: true })).lines)
          .toEqual(refused.lines);
        expect(refused.lines).toEqual([
          'line 2 [unchanged] Course [C2]  C2 unchanged.',
          'line 2 [warning] template TPL: refused by the platform: This needs local_toolsync_replace_course_content of the companion plugin local_toolsync, which this Moodle does not offer to the token',
        ]);
      } finally {
        await bare.close();
      }
    });

    it('gives the same report lines on Moodle as on the embedded store', async () => {
      const file = csv('username;firstname;lastname;email;idnumber;city;course1;role1;enrol1;group1;course2;role2',
        'jdoe;John;Doe;jdoe@example.org;A1;Lyon;C1;student;manual;Group A;C2;teacher',
        'asmith;Anne;Smith;asmith@example.org;A2;Paris;C2;editingteacher;manual;Group B;;',
        'jdoe;John;Doe;other@example.org;A1;Lyon;C2;student;manual;;;');
      const { engine: moodle } = await open(2);
      const embedded = await openTestEngine(kind);
      engines.push(embedded);
      await embedded.settings.save({ courses_primaryidentity: 'shortname' });
      for (const shortname of ['C1', 'C2']) await buildCourse(embedded.store, { shortname });
      expect((await runFile(moodle, file)).lines).toEqual((await runFile(embedded, file)).lines);
      expect((await runFile(moodle, file)).lines).toEqual((await runFile(embedded, file)).lines);
    });
  });
}

describe('Moodle platform without the companion plugin', () => {
  it('says which operation needs which function and what to grant, and keeps working with core', async () => {
    const store = await openTestStore('sqlite');
    const core = (await import('./moodle-double/moodle-double.js')).DOUBLE_FUNCTIONS;
    const platform = new MoodleOverDouble(store, { functions: ['core_webservice_get_site_info', ...Object.keys(core).filter((name) => !name.startsWith('local_'))] });
    try {
      await expect(platform.run('findEnrolInstances', { courseIds: [1] })).rejects.toMatchObject({
        code: 'MOODLE_PLUGIN_MISSING',
        message: expect.stringMatching(/findEnrolInstances.*local_toolsync_get_enrol_instances.*companion plugin local_toolsync.*moodle\/course:enrolreview/),
      });
      // Roles from the role map (Moodle's standard ids), cohorts from core's search (no category known).
      expect(await platform.run('findRoles', { by: { shortname: ['student', 'editingteacher'] } })).toEqual([
        { id: 3, shortname: 'editingteacher', name: 'editingteacher' },
        { id: 5, shortname: 'student', name: 'student' },
      ]);
      const [created] = await platform.run('createCohorts', [{ name: 'Year 1', idnumber: 'Y1' }]);
      expect(created).toMatchObject({ ok: true });
      expect(await platform.run('findCohorts', { by: { idnumber: ['Y1'] } })).toEqual([
        { id: expect.any(Number), name: 'Year 1', idnumber: 'Y1', description: '', categoryId: null },
      ]);
      expect(platform.capabilities.supportsCustomProfileFields).toBe(false);
    } finally {
      await platform.close();
      await store.close();
    }
  });
});
