import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { buildCohort, buildCourse } from '../../../test/factories.js';
import { csv, runFile, usersByName } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';

for (const kind of DATABASES) {
  describe(`users file enrolments, groups and cohorts on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());
    const open = async () => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ dates_timezone: 'Europe/Paris', courses_primaryidentity: 'shortname' });
      const algebra = await buildCourse(engine.store, { shortname: 'ALG101', idnumber: 'C-ALG' });
      const biology = await buildCourse(engine.store, { shortname: 'BIO' });
      await engine.store.db.insertInto('lms_enrol').values({ enrol: 'self', courseid: biology, roleid: 5, status: 1 }).execute();
      return { algebra, biology };
    };
    const enrolments = () =>
      engine.store.db
        .selectFrom('lms_user_enrolments as ue')
        .innerJoin('lms_enrol as e', 'e.id', 'ue.enrolid')
        .innerJoin('lms_course as c', 'c.id', 'e.courseid')
        .innerJoin('lms_user as u', 'u.id', 'ue.userid')
        .select(['u.username', 'c.shortname', 'e.enrol', 'ue.timestart', 'ue.timeend'])
        .orderBy('u.username')
        .orderBy('c.shortname')
        .execute();
    const roles = () =>
      engine.store.db
        .selectFrom('lms_role_assignments as ra')
        .innerJoin('lms_role as r', 'r.id', 'ra.roleid')
        .innerJoin('lms_context as ctx', 'ctx.id', 'ra.contextid')
        .innerJoin('lms_course as c', 'c.id', 'ctx.instanceid')
        .innerJoin('lms_user as u', 'u.id', 'ra.userid')
        .where('ctx.contextlevel', '=', 50)
        .select(['u.username', 'c.shortname', 'r.shortname as role'])
        .orderBy('u.username')
        .orderBy('c.shortname')
        .execute();

    it('enrols with a role and dates in every form, gives a role alone, and puts users in groups created once', async () => {
      await open();
      const { lines, run } = await runFile(engine, csv(
        'username;firstname;lastname;course1;role1;enrol1;group1;start1;end1;course2;role2;enrol2',
        'jdoe;John;Doe;ALG101;student;manual;Group A;2026-09-01;2027-06-30 18:00;BIO;editingteacher;',
        'asmith;Anne;Smith;ALG101;;manual;Group A;1788220800;;;;',
      ));
      expect(lines).toEqual([
        'line 2 [created] User account added: jdoe (John Doe)',
        'line 2 [info] User jdoe enrolled in course ALG101 as student (manual)',
        'line 2 [info] Role "editingteacher" added in course BIO',
        'line 2 [info] Group "Group A" created in course ALG101',
        'line 2 [info] added to group "Group A" of course ALG101',
        'line 3 [created] User account added: asmith (Anne Smith)',
        'line 3 [info] User asmith enrolled in course ALG101 as student (manual)',
        'line 3 [info] added to group "Group A" of course ALG101',
      ]);
      expect(await enrolments()).toEqual([
        { username: 'asmith', shortname: 'ALG101', enrol: 'manual', timestart: 1788220800, timeend: 0 },
        { username: 'jdoe', shortname: 'ALG101', enrol: 'manual', timestart: Date.UTC(2026, 7, 31, 22) / 1000, timeend: Date.UTC(2027, 5, 30, 16) / 1000 },
      ]);
      expect(await roles()).toEqual([
        { username: 'asmith', shortname: 'ALG101', role: 'student' },
        { username: 'jdoe', shortname: 'ALG101', role: 'student' },
        { username: 'jdoe', shortname: 'BIO', role: 'editingteacher' },
      ]);
      expect(await engine.store.db.selectFrom('lms_groups').select('name').execute()).toEqual([{ name: 'Group A' }]);
      expect(run.counters.entities).toMatchObject({ 'user.created': 2, 'enrolment.created': 2, 'role.created': 1, 'group.created': 1, 'groupmember.created': 2 });
      const again = await runFile(engine, csv('username;firstname;lastname;course1;role1;enrol1;group1', 'jdoe;John;Doe;ALG101;student;manual;Group A'));
      expect(again.lines).toEqual([
        'line 2 [unchanged] User account unchanged: jdoe',
        'line 2 [info] User jdoe already enrolled in course ALG101 (manual); dates and role brought up to date',
        'line 2 [info] already in group "Group A" of course ALG101',
      ]);
    });

    it('rejects the whole row, writing nothing, for an unknown course, role or enrolment method, or a bad date', async () => {
      await open();
      const { lines } = await runFile(engine, csv(
        'username;firstname;lastname;course1;role1;enrol1;start1',
        'u1;U;1;NOPE;student;manual;',
        'u2;U;2;ALG101;dean;manual;',
        'u3;U;3;BIO;student;self;',
        'u4;U;4;ALG101;student;manual;next monday',
        'u5;U;5;ALG101;;;',
        'u6;U;6;;student;manual;',
      ));
      expect(lines).toEqual([
        'line 2 [error] column course1: no course with shortname "NOPE"',
        'line 3 [error] column role1: no role "dean"',
        'line 4 [error] column enrol1: course BIO has no enabled "self" enrolment method',
        'line 5 [error] column start1: "next monday" is not a date; expected YYYY-MM-DD, YYYY-MM-DD hh:mm[:ss] or a Unix timestamp',
        'line 6 [error] column course1: course "ALG101" without a role or an enrolment method; give role1 or enrol1',
        'line 7 [created] User account added: u6 (U 6)',
      ]);
      expect([...(await usersByName(engine)).keys()]).toEqual(['u6']);
    });

    it('reads each N on its own and names courses by the course identity setting', async () => {
      await open();
      await engine.settings.save({ courses_primaryidentity: 'idnumber' });
      const { lines } = await runFile(engine, csv(
        'username;firstname;lastname;course1;role1;enrol1;course2;role2;enrol2',
        'jdoe;John;Doe;C-ALG;student;manual;C-ALG;teacher;',
      ));
      expect(lines).toEqual([
        'line 2 [created] User account added: jdoe (John Doe)',
        'line 2 [info] User jdoe enrolled in course C-ALG as student (manual)',
        'line 2 [info] Role "teacher" added in course C-ALG',
      ]);
    });

    it('registers users in cohorts found by name or created once with the cohortid column as idnumber', async () => {
      await open();
      const existing = await buildCohort(engine.store, { name: 'Staff' });
      const { lines, run } = await runFile(engine, csv(
        'username;firstname;lastname;cohort;cohortid',
        'jdoe;John;Doe;Year 1;Y1',
        'asmith;Anne;Smith;Year 1;Y1',
        'bob;Bob;B;Staff;',
      ));
      expect(lines).toEqual([
        'line 2 [created] User account added: jdoe (John Doe)',
        'line 2 [info] Cohort "Year 1" created',
        'line 2 [info] registered in cohort "Year 1"',
        'line 3 [created] User account added: asmith (Anne Smith)',
        'line 3 [info] registered in cohort "Year 1"',
        'line 4 [created] User account added: bob (Bob B)',
        'line 4 [info] registered in cohort "Staff"',
      ]);
      expect(run.counters.entities).toMatchObject({ 'cohort.created': 1, 'cohortmember.created': 3 });
      const cohorts = await engine.store.db.selectFrom('lms_cohort').select(['id', 'name', 'idnumber', 'contextid']).orderBy('id').execute();
      expect(cohorts).toEqual([
        { id: existing, name: 'Staff', idnumber: '', contextid: 1 },
        { id: expect.any(Number), name: 'Year 1', idnumber: 'Y1', contextid: 1 },
      ]);
      expect((await runFile(engine, csv('username;firstname;lastname;cohort', 'jdoe;John;Doe;Year 1'))).lines).toEqual([
        'line 2 [unchanged] User account unchanged: jdoe',
        'line 2 [info] already in cohort "Year 1"',
      ]);
    });

    it('simulates a second run exactly: what is already there answers "already" in the simulation too', async () => {
      await open();
      const file = csv(
        'username;firstname;lastname;course1;role1;enrol1;group1;cohort',
        'jdoe;John;Doe;ALG101;student;manual;Group A;Year 1',
        'asmith;Anne;Smith;ALG101;student;manual;Group A;Year 1',
      );
      await runFile(engine, file);
      const simulated = await runFile(engine, file, { simulate: true });
      const real = await runFile(engine, file);
      expect(simulated.lines).toEqual(real.lines);
      expect(real.lines).toEqual([
        'line 2 [unchanged] User account unchanged: jdoe',
        'line 2 [info] already in cohort "Year 1"',
        'line 2 [info] User jdoe already enrolled in course ALG101 (manual); dates and role brought up to date',
        'line 2 [info] already in group "Group A" of course ALG101',
        'line 3 [unchanged] User account unchanged: asmith',
        'line 3 [info] already in cohort "Year 1"',
        'line 3 [info] User asmith already enrolled in course ALG101 (manual); dates and role brought up to date',
        'line 3 [info] already in group "Group A" of course ALG101',
      ]);
    });

    it('simulates exactly: a user created and enrolled on line 5, referenced again on line 9', async () => {
      await open();
      const file = csv(
        'username;firstname;lastname;email;idnumber;course1;role1;enrol1;group1;cohort',
        '# nightly export',
        'asmith;Anne;Smith;anne@example.org;1002;;;;;',
        'bad user;B;U;;;;;;;',
        'jdoe;John;Doe;jdoe@example.org;1001;ALG101;student;manual;Group A;Year 1',
        'carl;Carl;C;jdoe@example.org;1003;;;;;',
        'dan;Dan;D;dan@example.org;1004;BIO;student;self;;',
        '',
        'jdoe;Johnny;Doe;jdoe@example.org;1001;BIO;editingteacher;;Group B;Year 1',
      );
      const simulated = await runFile(engine, file, { simulate: true });
      expect(await usersByName(engine)).toEqual(new Map());
      expect(await engine.store.db.selectFrom('lms_groups').selectAll().execute()).toEqual([]);
      expect(await engine.store.db.selectFrom('lms_cohort').selectAll().execute()).toEqual([]);
      const real = await runFile(engine, file);
      expect(simulated.lines).toEqual(real.lines);
      expect(simulated.run.counters).toEqual(real.run.counters);
      expect(real.lines).toEqual([
        'line 3 [created] User account added: asmith (Anne Smith)',
        'line 4 [error] column username: "bad user" is not a valid username (lower-case letters, digits and the characters _ - . @ only)',
        'line 5 [created] User account added: jdoe (John Doe)',
        'line 5 [info] Cohort "Year 1" created',
        'line 5 [info] registered in cohort "Year 1"',
        'line 5 [info] User jdoe enrolled in course ALG101 as student (manual)',
        'line 5 [info] Group "Group A" created in course ALG101',
        'line 5 [info] added to group "Group A" of course ALG101',
        'line 6 [error] e-mail jdoe@example.org already belongs to account "jdoe"',
        'line 7 [error] column enrol1: course BIO has no enabled "self" enrolment method',
        'line 9 [updated] User account changed: Johnny Doe as [jdoe] (1001): firstname',
        'line 9 [info] already in cohort "Year 1"',
        'line 9 [info] Role "editingteacher" added in course BIO',
        'line 9 [info] Group "Group B" created in course BIO',
        'line 9 [warning] not added to group "Group B" of course BIO: the user is not enrolled in that course (a role alone does not allow group membership)',
      ]);
    });
  });
}
