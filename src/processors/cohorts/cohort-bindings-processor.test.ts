import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { buildCohort, buildCourse, buildEnrolInstance, buildGroup, buildUser, buildUserEnrolment } from '../../../test/factories.js';
import { csv, runFile } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';

const SEPT_1 = Date.UTC(2026, 8, 1) / 1000;
const JUNE_30 = Date.UTC(2027, 5, 30) / 1000;
const STUDENT = 5;
const TEACHER = 3;

for (const kind of DATABASES) {
  describe(`cohort binding file on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    /** Two courses, two cohorts (the first with two members), by idnumber. */
    const open = async (settings: Record<string, string | boolean> = {}) => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ dates_timezone: 'UTC', ...settings });
      const alg = await buildCourse(engine.store, { shortname: 'ALG101', idnumber: 'C-ALG' });
      const bio = await buildCourse(engine.store, { shortname: 'BIO', idnumber: 'C-BIO' });
      const first = await buildCohort(engine.store, { name: 'First years', idnumber: 'COH1' });
      const second = await buildCohort(engine.store, { name: 'Second years', idnumber: 'COH2' });
      const jdoe = await buildUser(engine.store, { username: 'jdoe' });
      const asmith = await buildUser(engine.store, { username: 'asmith' });
      await engine.store.db.insertInto('lms_cohort_members').values([{ cohortid: first, userid: jdoe }, { cohortid: first, userid: asmith }]).execute();
      return { alg, bio, first, second, jdoe, asmith };
    };
    const run = (text: string, simulate = false) => runFile(engine, text, { action: 'cohorts/bindings', name: 'cohortscourses.csv', simulate });
    const notices = (report: string) =>
      report.split('\n').filter((line) => line.includes('[notice]')).map((line) => line.replace(/^.*\[notice\] /, '').replace('SIMULATION: ', ''));
    const instances = () =>
      engine.store.db
        .selectFrom('lms_enrol as e')
        .innerJoin('lms_course as c', 'c.id', 'e.courseid')
        .innerJoin('lms_cohort as h', 'h.id', 'e.customint1')
        .where('e.enrol', '=', 'cohort')
        .select(['c.shortname as course', 'h.idnumber as cohort', 'e.roleid', 'e.status', 'e.customint2 as groupId', 'e.enrolstartdate', 'e.enrolenddate'])
        .orderBy('c.shortname')
        .orderBy('h.idnumber')
        .orderBy('e.roleid')
        .execute();
    const enrolments = () =>
      engine.store.db
        .selectFrom('lms_user_enrolments as ue')
        .innerJoin('lms_enrol as e', 'e.id', 'ue.enrolid')
        .innerJoin('lms_course as c', 'c.id', 'e.courseid')
        .innerJoin('lms_user as u', 'u.id', 'ue.userid')
        .where('e.enrol', '=', 'cohort')
        .select(['u.username', 'c.shortname as course', 'e.roleid', 'ue.status'])
        .orderBy('u.username')
        .orderBy('c.shortname')
        .orderBy('e.roleid')
        .execute();
    const roles = () =>
      engine.store.db
        .selectFrom('lms_role_assignments as ra')
        .innerJoin('lms_context as ctx', 'ctx.id', 'ra.contextid')
        .innerJoin('lms_course as c', 'c.id', 'ctx.instanceid')
        .innerJoin('lms_user as u', 'u.id', 'ra.userid')
        .where('ctx.contextlevel', '=', 50)
        .select(['u.username', 'c.shortname as course', 'ra.roleid'])
        .orderBy('u.username')
        .orderBy('ra.roleid')
        .execute();
    const members = () =>
      engine.store.db
        .selectFrom('lms_groups_members as gm')
        .innerJoin('lms_groups as g', 'g.id', 'gm.groupid')
        .innerJoin('lms_user as u', 'u.id', 'gm.userid')
        .select(['u.username', 'g.name as group', 'g.courseid'])
        .orderBy('u.username')
        .execute();

    it('adds bindings with the role, group and dates, then the sync enrols the members of the file’s courses', async () => {
      const ids = await open();
      const result = await run(csv(
        'cohort;course;role;makegroup;enrolstart;enrolend',
        'COH1;C-ALG;;1;2026-09-01;2027-06-30',
        ' COH1 ; C-BIO ; editingteacher ; no ; ; ',
        'COH2;C-BIO;student;;;',
      ));
      expect(result.lines).toEqual([
        'line 2 [created] Cohort COH1 added in course C-ALG with role student',
        'line 2 [info] Group First years created in course C-ALG for the cohort',
        'line 3 [created] Cohort COH1 added in course C-BIO with role editingteacher',
        'line 4 [created] Cohort COH2 added in course C-BIO with role student',
      ]);
      expect(notices(result.report)).toEqual(['Cohort enrolment sync of the 2 course(s) of the file: 4 enrolled, 0 unenrolled, 0 suspended, 0 reactivated']);
      const group = await engine.store.db.selectFrom('lms_groups').select(['id', 'name', 'courseid']).executeTakeFirstOrThrow();
      expect(group).toMatchObject({ name: 'First years', courseid: ids.alg });
      expect(await instances()).toEqual([
        { course: 'ALG101', cohort: 'COH1', roleid: STUDENT, status: 0, groupId: group.id, enrolstartdate: SEPT_1, enrolenddate: JUNE_30 },
        { course: 'BIO', cohort: 'COH1', roleid: TEACHER, status: 0, groupId: null, enrolstartdate: 0, enrolenddate: 0 },
        { course: 'BIO', cohort: 'COH2', roleid: STUDENT, status: 0, groupId: null, enrolstartdate: 0, enrolenddate: 0 },
      ]);
      expect(await enrolments()).toEqual([
        { username: 'asmith', course: 'ALG101', roleid: STUDENT, status: 0 },
        { username: 'asmith', course: 'BIO', roleid: TEACHER, status: 0 },
        { username: 'jdoe', course: 'ALG101', roleid: STUDENT, status: 0 },
        { username: 'jdoe', course: 'BIO', roleid: TEACHER, status: 0 },
      ]);
      expect(await roles()).toEqual([
        { username: 'asmith', course: 'BIO', roleid: TEACHER },
        { username: 'asmith', course: 'ALG101', roleid: STUDENT },
        { username: 'jdoe', course: 'BIO', roleid: TEACHER },
        { username: 'jdoe', course: 'ALG101', roleid: STUDENT },
      ].sort((a, b) => a.username.localeCompare(b.username) || a.roleid - b.roleid));
      expect(await members()).toEqual([
        { username: 'asmith', group: 'First years', courseid: ids.alg },
        { username: 'jdoe', group: 'First years', courseid: ids.alg },
      ]);
      expect(result.run.counters.entities).toMatchObject({ 'cohortbinding.created': 3, 'group.created': 1 });

      // A re-run changes nothing; the group is reused by a new binding with another role.
      const again = await run(csv('cohort;course;role;makegroup', 'COH1;C-ALG;student;1', 'COH1;C-ALG;editingteacher;yes'));
      expect(again.lines).toEqual([
        'line 2 [unchanged] Cohort COH1 is already bound to course C-ALG with role student (binding left as it is)',
        'line 3 [created] Cohort COH1 added in course C-ALG with role editingteacher',
        'line 3 [info] Group First years of course C-ALG used for the cohort',
      ]);
      expect(await engine.store.db.selectFrom('lms_groups').select('id').execute()).toHaveLength(1);
      expect(notices(again.report)).toEqual(['Cohort enrolment sync of the 1 course(s) of the file: 2 enrolled, 0 unenrolled, 0 suspended, 0 reactivated']);
    });

    it('disengages, restores and fully deletes bindings, one role or every role, and syncs only the file’s courses', async () => {
      const ids = await open();
      await run(csv('cohort;course;role', 'COH1;C-ALG;student', 'COH1;C-ALG;editingteacher', 'COH1;C-BIO;student'));
      expect(await enrolments()).toHaveLength(6);

      const del = await run(csv('cohort;course;role;cmd', 'COH1;C-ALG;*;del', 'COH1;C-ALG;student;del', 'COH2;C-ALG;student;del'));
      expect(del.lines).toEqual([
        'line 2 [updated] Cohort COH1 disengaged from course C-ALG for role student, editingteacher',
        'line 3 [unchanged] Cohort COH1 is already disengaged from course C-ALG for role student',
        'line 4 [skipped] Cohort COH2 is not bound to course C-ALG for role student: nothing to del',
      ]);
      expect((await instances()).map((row) => [row.course, row.roleid, row.status])).toEqual([
        ['ALG101', TEACHER, 1],
        ['ALG101', STUDENT, 1],
        ['BIO', STUDENT, 0],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0])) || Number(a[1]) - Number(b[1])));
      // Disabled instances suspend their enrolments; BIO is not in the file and is left alone.
      expect(notices(del.report)).toEqual(['Cohort enrolment sync of the 1 course(s) of the file: 0 enrolled, 0 unenrolled, 4 suspended, 0 reactivated']);
      expect((await enrolments()).filter((row) => row.status === 1)).toHaveLength(4);

      const restore = await run(csv('cohort;course;role;cmd', 'COH1;C-ALG;editingteacher;restore', 'COH1;C-BIO;*;restore'));
      expect(restore.lines).toEqual([
        'line 2 [updated] Cohort COH1 restored in course C-ALG for role editingteacher',
        'line 3 [unchanged] Cohort COH1 is already active in course C-BIO for role student',
      ]);
      expect(notices(restore.report)).toEqual(['Cohort enrolment sync of the 2 course(s) of the file: 0 enrolled, 0 unenrolled, 0 suspended, 2 reactivated']);

      // A disabled binding added again is enabled.
      const readd = await run(csv('cohort;course', 'COH1;C-ALG'));
      expect(readd.lines).toEqual(['line 2 [updated] Cohort COH1 added in course C-ALG with role student: its disabled binding was enabled again']);
      expect(notices(readd.report)).toEqual(['Cohort enrolment sync of the 1 course(s) of the file: 0 enrolled, 0 unenrolled, 0 suspended, 2 reactivated']);

      const fulldel = await run(csv('cmd;cohort;course;role', 'fulldel;COH1;C-ALG;*', 'fulldel;COH1;C-ALG;student'));
      expect(fulldel.lines).toEqual([
        'line 2 [deleted] 2 binding(s) of cohort COH1 deleted from course C-ALG for role student, editingteacher, with the enrolments they made',
        'line 3 [skipped] Cohort COH1 is not bound to course C-ALG for role student: nothing to fulldel',
      ]);
      expect((await instances()).map((row) => row.course)).toEqual(['BIO']);
      expect(await enrolments()).toEqual([
        { username: 'asmith', course: 'BIO', roleid: STUDENT, status: 0 },
        { username: 'jdoe', course: 'BIO', roleid: STUDENT, status: 0 },
      ]);
      expect((await roles()).filter((row) => row.course === 'ALG101')).toEqual([]);
      expect(fulldel.run.counters.entities).toMatchObject({ 'cohortbinding.deleted': 1, 'cohortbinding.skipped': 1 });
      expect(ids.alg).toBeGreaterThan(0);
    });

    it('plays rows on the same binding row by row (add then del then add in one file)', async () => {
      await open();
      const result = await run(csv(
        'cmd;cohort;course;makegroup',
        'add;COH1;C-ALG;1',
        'del;COH1;C-ALG;',
        'add;COH1;C-ALG;1',
        'fulldel;COH2;C-ALG;',
        'add;COH2;C-ALG;',
        'fulldel;COH2;C-ALG;',
      ));
      expect(result.lines).toEqual([
        'line 2 [created] Cohort COH1 added in course C-ALG with role student',
        'line 2 [info] Group First years created in course C-ALG for the cohort',
        'line 3 [updated] Cohort COH1 disengaged from course C-ALG for role student',
        'line 4 [updated] Cohort COH1 added in course C-ALG with role student: its disabled binding was enabled again',
        'line 5 [skipped] Cohort COH2 is not bound to course C-ALG for role student: nothing to fulldel',
        'line 6 [created] Cohort COH2 added in course C-ALG with role student',
        'line 7 [deleted] 1 binding(s) of cohort COH2 deleted from course C-ALG for role student, with the enrolments they made',
      ]);
      expect((await instances()).map((row) => [row.cohort, row.status])).toEqual([['COH1', 0]]);
      expect(await engine.store.db.selectFrom('lms_groups').select('name').execute()).toEqual([{ name: 'First years' }]);
      expect(notices(result.report)).toEqual(['Cohort enrolment sync of the 1 course(s) of the file: 2 enrolled, 0 unenrolled, 0 suspended, 0 reactivated']);
    });

    it('unenrols users who left the cohort and honours the identifier settings', async () => {
      const ids = await open({ cohorts_cohortidentifier: 'name', cohorts_courseidentifier: 'shortname', cohorts_roleidentifier: 'id' });
      const instance = await buildEnrolInstance(engine.store, { courseId: ids.bio, enrol: 'cohort', customint1: ids.second, roleId: STUDENT });
      const leaver = await buildUser(engine.store, { username: 'leaver' });
      await buildUserEnrolment(engine.store, { instanceId: instance, userId: leaver });
      const group = await buildGroup(engine.store, { courseId: ids.bio, name: 'First years' });
      const result = await run(csv('cohort;course;role;makegroup', 'First years;BIO;3;true', 'Second years;BIO;;'));
      expect(result.lines).toEqual([
        'line 2 [created] Cohort First years added in course BIO with role editingteacher',
        'line 2 [info] Group First years of course BIO used for the cohort',
        'line 3 [unchanged] Cohort Second years is already bound to course BIO with role student (binding left as it is)',
      ]);
      expect(notices(result.report)).toEqual(['Cohort enrolment sync of the 1 course(s) of the file: 2 enrolled, 1 unenrolled, 0 suspended, 0 reactivated']);
      expect((await instances()).find((row) => row.cohort === 'COH1')).toMatchObject({ roleid: TEACHER, groupId: group });
      expect((await enrolments()).map((row) => row.username)).toEqual(['asmith', 'jdoe']);
    });

    it('finds cohorts and courses by id, and courses by idnumber', async () => {
      const ids = await open({ cohorts_cohortidentifier: 'id', cohorts_courseidentifier: 'id' });
      const byId = await run(csv('cohort;course', `${ids.first};${ids.alg}`, `999999;${ids.alg}`));
      expect(byId.lines).toEqual([
        `line 2 [created] Cohort ${ids.first} added in course ${ids.alg} with role student`,
        expect.stringMatching(/^line 3 \[error\] .*999999/),
      ]);
      await engine.settings.save({ cohorts_cohortidentifier: 'idnumber', cohorts_courseidentifier: 'idnumber' });
      const byIdnumber = await run(csv('cohort;course', 'COH2;C-BIO'));
      expect(byIdnumber.lines).toEqual(['line 2 [created] Cohort COH2 added in course C-BIO with role student']);
      expect((await instances()).map((row) => row.cohort).sort()).toEqual(['COH1', 'COH2']);
    });

    it('reports bad rows with their column and feeds them to the tryback file', async () => {
      await open({ filefailed: true });
      const text = csv(
        'cohort;course;role;cmd;enrol;makegroup;enrolstart',
        'COH1;C-ALG;student;add;cohort;;',
        'NOPE;C-ALG;student;add;;;',
        'COH1;NOPE;student;add;;;',
        'COH1;C-ALG;boss;add;;;',
        'COH1;C-ALG;*;add;;;',
        'COH1;C-ALG;student;purge;;;',
        'COH1;C-ALG;student;add;manual;;',
        'COH1;C-ALG;student;add;;maybe;',
        'COH1;C-ALG;student;add;;;tomorrow',
        ';C-ALG;student;add;;;',
        'COH1;C-ALG;student;add;;;;extra',
        'COH1;C-ALG;student',
        ';;student;purge;manual;maybe;tomorrow',
      );
      const result = await run(text);
      expect(result.lines.slice(0, 10)).toEqual([
        'line 2 [created] Cohort COH1 added in course C-ALG with role student',
        'line 3 [error] The expected cohort NOPE could not be found (no cohort has idnumber "NOPE"). Skipping.',
        'line 4 [error] The expected course NOPE could not be found (no course has idnumber "NOPE"). Skipping.',
        'line 5 [error] The explicit role boss could not be found (no role has shortname "boss"). Skipping.',
        'line 6 [error] column role: "*" (every role) is only allowed with del, restore or fulldel; add needs one role',
        'line 7 [error] column cmd: "purge" is not a command; expected add, del, restore or fulldel',
        'line 8 [error] column enrol: the enrol method "manual" is not supported; only cohort bindings can be managed by this file',
        'line 9 [error] column makegroup: "maybe" is not a yes/no value; expected 1, yes, true, 0, no, false or empty',
        'line 10 [error] column enrolstart: "tomorrow" is not a date; expected YYYY-MM-DD, YYYY-MM-DD hh:mm[:ss] or a Unix timestamp',
        'line 11 [error] column cohort: empty identifier',
      ]);
      expect(result.lines[10]).toMatch(/^line 12 \[error\] /);
      expect(result.lines[11]).toBe('line 13 [error] the row has fewer values than the 7 columns of the header');
      // Every problem of a row at once.
      expect(result.lines.slice(12)).toEqual([
        'line 14 [error] column cmd: "purge" is not a command; expected add, del, restore or fulldel',
        'line 14 [error] column cohort: empty identifier',
        'line 14 [error] column course: empty identifier',
        'line 14 [error] column enrol: the enrol method "manual" is not supported; only cohort bindings can be managed by this file',
        'line 14 [error] column makegroup: "maybe" is not a yes/no value; expected 1, yes, true, 0, no, false or empty',
        'line 14 [error] column enrolstart: "tomorrow" is not a date; expected YYYY-MM-DD, YYYY-MM-DD hh:mm[:ss] or a Unix timestamp',
      ]);
      expect(result.run.counters.entities).toMatchObject({ 'cohortbinding.created': 1, 'cohortbinding.error': 11 });
      const tryback = readFileSync(join(engine.folder.files, result.run.trybackPath!), 'utf8').trim().split('\n');
      expect(tryback).toEqual(['cohort;course;role;cmd;enrol;makegroup;enrolstart', ...text.trim().split('\n').slice(2)]);
    });

    it('simulates exactly what the real run then does, writing nothing', async () => {
      await open();
      await run(csv('cohort;course;role', 'COH2;C-BIO;student'));
      await engine.store.db.updateTable('lms_enrol').set({ status: 1 }).where('enrol', '=', 'cohort').execute();
      const file = csv(
        'cmd;cohort;course;role;makegroup;enrolstart',
        'add;COH1;C-ALG;;1;2026-09-01',
        'del;COH1;C-ALG;*;;',
        'restore;COH1;C-ALG;student;;',
        'add;COH1;C-BIO;editingteacher;1;',
        'add;COH2;C-BIO;student;;',
        'fulldel;COH1;C-BIO;*;;',
        'add;NOPE;C-BIO;;;',
      );
      const before = { instances: await instances(), enrolments: await enrolments(), groups: await engine.store.db.selectFrom('lms_groups').selectAll().execute() };
      const simulated = await run(file, true);
      expect({ instances: await instances(), enrolments: await enrolments(), groups: await engine.store.db.selectFrom('lms_groups').selectAll().execute() }).toEqual(before);
      const real = await run(file);
      expect(simulated.lines).toEqual(real.lines);
      expect(notices(simulated.report)).toEqual(notices(real.report));
      expect(simulated.report).toContain('SIMULATION');
      expect(notices(real.report)).toEqual(['Cohort enrolment sync of the 2 course(s) of the file: 2 enrolled, 0 unenrolled, 0 suspended, 0 reactivated']);
      expect(simulated.run.counters.entities).toEqual(real.run.counters.entities);
      expect(real.lines).toEqual([
        'line 2 [created] Cohort COH1 added in course C-ALG with role student',
        'line 2 [info] Group First years created in course C-ALG for the cohort',
        'line 3 [updated] Cohort COH1 disengaged from course C-ALG for role student',
        'line 4 [updated] Cohort COH1 restored in course C-ALG for role student',
        'line 5 [created] Cohort COH1 added in course C-BIO with role editingteacher',
        'line 5 [info] Group First years created in course C-BIO for the cohort',
        'line 6 [updated] Cohort COH2 added in course C-BIO with role student: its disabled binding was enabled again',
        'line 7 [deleted] 1 binding(s) of cohort COH1 deleted from course C-BIO for role editingteacher, with the enrolments they made',
        'line 8 [error] The expected cohort NOPE could not be found (no cohort has idnumber "NOPE"). Skipping.',
      ]);
      expect((await instances()).find((row) => row.course === 'ALG101')).toMatchObject({ enrolstartdate: SEPT_1, enrolenddate: 0, status: 0 });
    });
  });
}
