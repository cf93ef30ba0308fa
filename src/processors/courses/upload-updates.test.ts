import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { buildUser } from '../../../test/factories.js';
import { csv } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';
import { categories, course, courses, enrolled, methods, sections } from './fixtures/courses-kit.js';
import { simulateThenRun } from './fixtures/upload-kit.js';

for (const kind of DATABASES) {
  describe(`forced updates and identifiers of the course creation file on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    const open = async (settings: Record<string, string | boolean> = {}) => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ dates_timezone: 'UTC', ...settings });
      await buildUser(engine.store, { username: 'jdoe', idnumber: 'U0001', email: 'jdoe@example.org' });
    };
    const seed = () => simulateThenRun(engine, csv('shortname;fullname;idnumber;category;visible;self;guest', 'C1;Course one;ID1;Old;0;1;1'));

    it('updates only the columns given, moves the category unless protected, and a re-run is unchanged', async () => {
      await open({ courses_forceupdate: true });
      await seed();
      const before = await course(engine, 'C1');
      const text = csv('shortname;fullname;category;summary;topic1;self;teacher1_account', 'C1;Course One;New/Place;New summary;Intro|Hello;0;jdoe');
      const { lines, run } = await simulateThenRun(engine, text);
      expect(lines).toEqual([
        'line 2 [updated] Course [C1] ID1 Course One updated (fullname, summary, category, topic1, self, teacher1_account).',
        'line 2 [info] Category New created',
        'line 2 [info] Category New/Place created',
        'line 2 [info] Sections written: topic1',
        'line 2 [info] Enrolment method self disabled',
        'line 2 [info] User jdoe enrolled with role editingteacher',
      ]);
      expect(run.counters.entities).toEqual({ 'course.updated': 1, 'category.created': 2, 'enrolment.created': 1 });
      const after = await course(engine, 'C1');
      // Absent columns leave the course as it was (decision 39): idnumber, visibility, guest access.
      expect(after).toEqual({ ...before, fullname: 'Course One', summary: 'New summary', category: after.category });
      expect(after.category).not.toBe(before.category);
      expect(await methods(engine)).toEqual(['C1 manual on student', 'C1 self off student', 'C1 guest on -']);
      expect(await sections(engine)).toEqual(['C1#0 (default)|', 'C1#1 Intro|Hello', 'C1#2 (default)|', 'C1#3 (default)|', 'C1#4 (default)|']);
      expect(await enrolled(engine)).toEqual(['C1 jdoe manual editingteacher']);

      expect((await simulateThenRun(engine, text)).lines).toEqual([
        'line 2 [unchanged] Course [C1] ID1 Course One unchanged.',
        'line 2 [info] User jdoe already enrolled (role editingteacher)',
      ]);

      await engine.settings.save({ courses_protectcategory: true });
      const moved = await simulateThenRun(engine, csv('shortname;fullname;category;visible;guest', 'C1;Course One;Elsewhere;1;0'));
      expect(moved.lines).toEqual([
        'line 2 [updated] Course [C1] ID1 Course One updated (visible, guest).',
        'line 2 [info] Category kept (courses_protectcategory is on)',
        'line 2 [info] Enrolment method guest disabled',
      ]);
      expect((await course(engine, 'C1')).category).toBe(after.category);
      expect((await categories(engine)).map((category) => category.path)).not.toContain('/Elsewhere');
    });

    it('skips existing courses without courses_forceupdate; a course two rows name is created then updated', async () => {
      await open();
      await seed();
      expect((await simulateThenRun(engine, csv('shortname;fullname', 'C1;Other name'))).lines).toEqual([
        'line 2 [skipped] Course [C1] ID1 Course one already exists (courses_forceupdate is off).',
      ]);
      expect((await course(engine, 'C1')).fullname).toBe('Course one');
      await engine.settings.save({ courses_forceupdate: true });
      const { lines } = await simulateThenRun(engine, csv('shortname;fullname;idnumber;topic2', 'D1;First;D-1;', 'D1;Second;D-2;Two|Second section'));
      expect(lines).toEqual([
        'line 2 [created] Course [D1] First has been created in category Miscellaneous.',
        'line 3 [updated] Course [D1] D-2 Second updated (fullname, idnumber, topic2).',
        'line 3 [info] Sections written: topic2',
      ]);
      expect(await course(engine, 'D1')).toMatchObject({ fullname: 'Second', idnumber: 'D-2' });
    });

    it('identifies rows by idnumber: renames, and reports shortname and idnumber collisions naming the other course', async () => {
      await open({ courses_forceupdate: true });
      await seed();
      await engine.settings.save({ courses_fileuploadidentifier: 'idnumber' });
      const { lines, run } = await simulateThenRun(
        engine,
        csv('idnumber;shortname;fullname', 'ID1;C1-new;Renamed', 'ID2;C1-new;Another', ';E;Empty', 'ID3;C3;Third', 'ID3;C1-new;Third again'),
      );
      expect(lines).toEqual([
        'line 2 [updated] Course [C1-new] ID1 Renamed updated (fullname, shortname).',
        'line 3 [error] column shortname: course identified by ID2 has colliding shortname C1-new with another existing course (Renamed).',
        'line 4 [error] column idnumber: a value is required',
        'line 5 [created] Course [C3] Third has been created in category Miscellaneous.',
        'line 6 [error] column shortname: course identified by ID3 has colliding shortname C1-new with another existing course (Renamed).',
      ]);
      expect(run.counters.entities).toEqual({ 'course.updated': 1, 'course.created': 1, 'course.error': 3 });
      expect(Object.keys(await courses(engine))).toEqual(['C1-new', 'C3']);

      await engine.settings.save({ courses_fileuploadidentifier: 'shortname' });
      expect((await simulateThenRun(engine, csv('shortname;fullname;idnumber', 'NEW;New;ID1', 'C3;Third;ID1'))).lines).toEqual([
        'line 2 [error] column idnumber: course identified by NEW has colliding idnumber ID1 with another existing course [C1-new] Renamed.',
        'line 3 [error] column idnumber: course identified by C3 has colliding idnumber ID1 with another existing course [C1-new] Renamed.',
      ]);
    });

    it('identifies rows by id for updates only, and says why a row cannot create by id', async () => {
      await open({ courses_forceupdate: true });
      await seed();
      await engine.settings.save({ courses_fileuploadidentifier: 'id' });
      const { id } = await engine.store.db.selectFrom('lms_course').select('id').executeTakeFirstOrThrow();
      const { lines } = await simulateThenRun(engine, csv('id;shortname;fullname', `${id};C1;By id`, '9999;NEW;New', 'x;NEW;New'));
      expect(lines).toEqual([
        'line 2 [updated] Course [C1] ID1 By id updated (fullname).',
        'line 3 [error] column id: no course has id 9999; a course cannot be created by its id (courses_fileuploadidentifier is id): identify rows by shortname or idnumber to create courses',
        'line 4 [error] column id: Invalid value for field id ("x"); expected a whole number from 1 to 9007199254740991',
      ]);
    });

    it('enrols teachers found by id, username, idnumber or email, with their role; unknown, ambiguous and bad roles reject the row', async () => {
      await open();
      const asmith = await buildUser(engine.store, { username: 'asmith', idnumber: 'U0002', email: 'shared@example.org' });
      await buildUser(engine.store, { username: 'bmartin', idnumber: 'U0003', email: 'shared@example.org' });
      await buildUser(engine.store, { username: 'gone', idnumber: 'U0009', email: 'gone@example.org', deleted: true });
      const { lines } = await simulateThenRun(
        engine,
        csv(
          'shortname;fullname;teacher1_account;teacher1_role;teacher2_account;teacher2_role',
          `T1;T1;${asmith};;JDOE@example.org;teacher`,
          'T2;T2;U0003;manager;;',
          'T3;T3;shared@example.org;;;',
          'T4;T4;nobody;;;',
          'T5;T5;gone;;;',
          'T6;T6;jdoe;boss;;',
        ),
      );
      expect(lines).toEqual([
        'line 2 [created] Course [T1] T1 has been created in category Miscellaneous.',
        'line 2 [info] User asmith enrolled with role editingteacher',
        'line 2 [info] User jdoe enrolled with role teacher',
        'line 3 [created] Course [T2] T2 has been created in category Miscellaneous.',
        'line 3 [info] User bmartin enrolled with role manager',
        'line 4 [error] column teacher1_account: "shared@example.org" names 2 users (by username, idnumber or email); give a value that names one user, such as the user id',
        'line 5 [error] column teacher1_account: no active user has id, username, idnumber or email "nobody"',
        'line 6 [error] column teacher1_account: no active user has id, username, idnumber or email "gone"',
        'line 7 [error] column teacher1_role: no role has the shortname "boss"',
      ]);
      expect(await enrolled(engine)).toEqual(['T1 asmith manual editingteacher', 'T1 jdoe manual teacher', 'T2 bmartin manual manager']);
    });
  });
}
