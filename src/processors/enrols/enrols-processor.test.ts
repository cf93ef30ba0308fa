import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { buildCourse, buildEnrolInstance, buildGroup, buildUser } from '../../../test/factories.js';
import { csv, runFile } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';

const SEPT_1 = Date.UTC(2026, 8, 1) / 1000;
const JUNE_30 = Date.UTC(2027, 5, 30) / 1000;

for (const kind of DATABASES) {
  describe(`enrolment file on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    /** Two courses with their manual instance, three users, and the file's identifiers by shortname and username. */
    const open = async (settings: Record<string, string | boolean> = {}) => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ dates_timezone: 'UTC', enrols_courseidentifier: 'shortname', enrols_useridentifier: 'username', ...settings });
      const alg = await buildCourse(engine.store, { shortname: 'ALG101', idnumber: 'C-ALG' });
      const bio = await buildCourse(engine.store, { shortname: 'BIO' });
      const users = {
        jdoe: await buildUser(engine.store, { username: 'jdoe', idnumber: 'U1', email: 'jdoe@example.org' }),
        asmith: await buildUser(engine.store, { username: 'asmith', idnumber: 'U2', email: 'shared@example.org' }),
        bmartin: await buildUser(engine.store, { username: 'bmartin', idnumber: 'U3', email: 'shared@example.org' }),
      };
      const instance = async (courseId: number) =>
        (await engine.store.db.selectFrom('lms_enrol').select('id').where('courseid', '=', courseId).where('enrol', '=', 'manual').executeTakeFirstOrThrow()).id;
      return { alg, bio, users, algManual: await instance(alg), bioManual: await instance(bio) };
    };
    const run = (text: string, simulate = false) => runFile(engine, text, { action: 'enrols', name: 'enrols.csv', simulate });
    const enrolments = () =>
      engine.store.db
        .selectFrom('lms_user_enrolments as ue')
        .innerJoin('lms_enrol as e', 'e.id', 'ue.enrolid')
        .innerJoin('lms_course as c', 'c.id', 'e.courseid')
        .innerJoin('lms_user as u', 'u.id', 'ue.userid')
        .select(['u.username', 'c.shortname as course', 'e.enrol', 'ue.status', 'ue.timestart', 'ue.timeend'])
        .orderBy('u.username')
        .orderBy('c.shortname')
        .orderBy('e.enrol')
        .execute();
    const roles = () =>
      engine.store.db
        .selectFrom('lms_role_assignments as ra')
        .innerJoin('lms_role as r', 'r.id', 'ra.roleid')
        .innerJoin('lms_context as ctx', 'ctx.id', 'ra.contextid')
        .innerJoin('lms_course as c', 'c.id', 'ctx.instanceid')
        .innerJoin('lms_user as u', 'u.id', 'ra.userid')
        .where('ctx.contextlevel', '=', 50)
        .select(['u.username', 'c.shortname as course', 'r.shortname as role', 'ra.component'])
        .orderBy('u.username')
        .orderBy('c.shortname')
        .orderBy('r.shortname')
        .execute();
    const members = () =>
      engine.store.db
        .selectFrom('lms_groups_members as gm')
        .innerJoin('lms_groups as g', 'g.id', 'gm.groupid')
        .innerJoin('lms_course as c', 'c.id', 'g.courseid')
        .innerJoin('lms_user as u', 'u.id', 'gm.userid')
        .select(['u.username', 'c.shortname as course', 'g.name as group', 'gm.component'])
        .orderBy('u.username')
        .orderBy('g.name')
        .execute();
    const groupNames = async () => (await engine.store.db.selectFrom('lms_groups').select('name').orderBy('name').execute()).map((row) => row.name);

    describe('with an enrolment method', () => {
      it('enrols with the role and dates, then leaves a re-run unchanged and only brings changed dates up to date', async () => {
        await open();
        const first = await run(csv(
          'cmd;cid;uid;rolename;enrol;starttime;endtime',
          'add;ALG101;jdoe;student;manual;2026-09-01;2027-06-30',
          'add;BIO;asmith;editingteacher;;;',
        ));
        expect(first.lines).toEqual([
          'line 2 [created] User jdoe enrolled in course ALG101 as student (manual)',
          'line 3 [created] User asmith enrolled in course BIO as editingteacher (manual)',
        ]);
        expect(await enrolments()).toEqual([
          { username: 'asmith', course: 'BIO', enrol: 'manual', status: 0, timestart: 0, timeend: 0 },
          { username: 'jdoe', course: 'ALG101', enrol: 'manual', status: 0, timestart: SEPT_1, timeend: JUNE_30 },
        ]);
        expect(await roles()).toEqual([
          { username: 'asmith', course: 'BIO', role: 'editingteacher', component: '' },
          { username: 'jdoe', course: 'ALG101', role: 'student', component: '' },
        ]);
        expect(first.run.counters.entities).toEqual({ 'enrolment.created': 2 });

        // No dates in the row: the enrolment keeps its own (a nightly run never moves them).
        const again = await run(csv('cmd;cid;uid;rolename;enrol', 'add;ALG101;jdoe;student;manual'));
        expect(again.lines).toEqual(['line 2 [unchanged] User jdoe already enrolled in course ALG101 as student (manual), nothing to change']);
        const later = await run(csv('cid;uid;rolename;enrol;endtime', 'ALG101;jdoe;teacher;manual;2027-07-31'));
        expect(later.lines).toEqual(['line 2 [updated] User jdoe already enrolled in course ALG101 (manual): rolename teacher, endtime']);
        expect((await enrolments()).find((row) => row.username === 'jdoe')).toMatchObject({ timestart: SEPT_1, timeend: Date.UTC(2027, 6, 31) / 1000 });
        expect((await roles()).filter((row) => row.username === 'jdoe').map((row) => row.role)).toEqual(['student', 'teacher']);
      });

      it('unenrols, and with the last enrolment go every role and group membership of the user in the course', async () => {
        const { alg, algManual, users } = await open();
        const self = await buildEnrolInstance(engine.store, { courseId: alg, enrol: 'self' });
        await run(csv('cid;uid;rolename;enrol;gcmd;g1', 'ALG101;jdoe;student;manual;gaddcreate;Team A', 'ALG101;asmith;student;manual;gaddcreate;Team A'));
        await engine.platform.run('enrolUsers', [{ instanceId: self, userId: users.asmith, roleId: 5, timestart: 0, timeend: 0 }]);
        expect(algManual).toBeGreaterThan(0);
        const { lines, run: result } = await run(csv(
          'cmd;cid;uid;rolename;enrol',
          'del;ALG101;jdoe;;manual',
          'delete;ALG101;asmith;;manual',
          'del;ALG101;bmartin;;manual',
        ));
        expect(lines).toEqual([
          'line 2 [deleted] User jdoe unenrolled from course ALG101 (manual)',
          'line 3 [deleted] User asmith unenrolled from course ALG101 (manual)',
          'line 4 [skipped] User bmartin is not enrolled in course ALG101 through manual, nothing to del',
        ]);
        expect(result.counters.entities).toEqual({ 'enrolment.deleted': 2, 'enrolment.skipped': 1 });
        // asmith keeps the self enrolment, hence the role and the group; jdoe had only the manual one.
        expect(await enrolments()).toEqual([{ username: 'asmith', course: 'ALG101', enrol: 'self', status: 0, timestart: 0, timeend: 0 }]);
        expect(await roles()).toEqual([{ username: 'asmith', course: 'ALG101', role: 'student', component: '' }]);
        expect(await members()).toEqual([{ username: 'asmith', course: 'ALG101', group: 'Team A', component: '' }]);
      });

      it('shift changes the role and keeps the enrolment, its dates and its groups', async () => {
        await open();
        await run(csv('cid;uid;rolename;enrol;starttime;gcmd;g1', 'ALG101;jdoe;student;manual;2026-09-01;gaddcreate;Team A'));
        const { lines } = await run(csv('cmd;cid;uid;rolename;enrol', 'shift;ALG101;jdoe;teacher;manual', 'shift;ALG101;jdoe;teacher;manual', 'shift;BIO;asmith;student;manual'));
        expect(lines).toEqual([
          'line 2 [updated] User jdoe now has the role teacher in course ALG101 (removed: student); the enrolment is kept',
          'line 3 [unchanged] User jdoe already enrolled in course ALG101 as teacher (manual), nothing to change',
          'line 4 [created] User asmith enrolled in course BIO as student (manual)',
        ]);
        expect(await roles()).toEqual([
          { username: 'asmith', course: 'BIO', role: 'student', component: '' },
          { username: 'jdoe', course: 'ALG101', role: 'teacher', component: '' },
        ]);
        expect((await enrolments()).find((row) => row.username === 'jdoe')).toMatchObject({ timestart: SEPT_1, status: 0 });
        expect(await members()).toEqual([{ username: 'jdoe', course: 'ALG101', group: 'Team A', component: '' }]);
      });

      it('disable and enable change the status and keep the dates unless the row gives them', async () => {
        await open();
        await run(csv('cid;uid;rolename;enrol;starttime;endtime', 'ALG101;jdoe;student;manual;2026-09-01;2027-06-30'));
        const disabled = await run(csv('cmd;cid;uid;rolename;enrol', 'disable;ALG101;jdoe;;manual', 'disable;ALG101;jdoe;;manual', 'disable;ALG101;asmith;;manual'));
        expect(disabled.lines).toEqual([
          'line 2 [updated] User jdoe enrolment in course ALG101 has been disabled (manual)',
          'line 3 [unchanged] User jdoe enrolment in course ALG101 is already disabled (manual)',
          'line 4 [skipped] User asmith is not enrolled in course ALG101 through manual, nothing to disable',
        ]);
        expect(disabled.run.counters.entities).toMatchObject({ 'enrolment.disabled': 1 });
        expect((await enrolments())[0]).toMatchObject({ status: 1, timestart: SEPT_1, timeend: JUNE_30 });
        const enabled = await run(csv('cmd;cid;uid;rolename;enrol;endtime', 'enable;ALG101;jdoe;;manual;2027-12-31'));
        expect(enabled.lines).toEqual(['line 2 [updated] User jdoe enrolment in course ALG101 has been enabled (manual)']);
        expect((await enrolments())[0]).toMatchObject({ status: 0, timestart: SEPT_1, timeend: Date.UTC(2027, 11, 31) / 1000 });
      });

      it('uses the first enabled instance of the method, a disabled one only with enrols_enableenrolondisabled', async () => {
        const { bio } = await open();
        await buildEnrolInstance(engine.store, { courseId: bio, enrol: 'self', status: 1 });
        const refused = await run(csv('cid;uid;rolename;enrol', 'BIO;jdoe;student;self', 'BIO;jdoe;student;sync'));
        expect(refused.lines).toEqual([
          'line 2 [error] column enrol: the required enrol method "self" is not active in the course BIO',
          'line 3 [error] column enrol: the "sync" method belongs to the enrol_sync Moodle plugin, which tool-sync does not drive; use manual',
        ]);
        await engine.settings.save({ enrols_enableenrolondisabled: true });
        const accepted = await run(csv('cid;uid;rolename;enrol', 'BIO;jdoe;student;self'));
        expect(accepted.lines).toEqual(['line 2 [created] User jdoe enrolled in course BIO as student (self)']);
      });
    });

    describe('without an enrolment method (roles only)', () => {
      it('adds, keeps, shifts and removes roles given by hand, and never takes a typo for "every role"', async () => {
        await open();
        const added = await run(csv('cid;uid;rolename', 'ALG101;jdoe;student', 'ALG101;jdoe;student', 'ALG101;jdoe;teacher', 'ALG101;asmith;student'));
        expect(added.lines).toEqual([
          'line 2 [created] Role "student" added for jdoe in course ALG101',
          'line 3 [unchanged] User jdoe already assigned to student in course ALG101',
          'line 4 [created] Role "teacher" added for jdoe in course ALG101',
          'line 5 [created] Role "student" added for asmith in course ALG101',
        ]);
        expect(await enrolments()).toEqual([]);
        const changed = await run(csv(
          'cmd;cid;uid;rolename',
          'shift;ALG101;jdoe;editingteacher',
          'del;ALG101;asmith;studnet',
          'del;ALG101;asmith;teacher',
          'del;ALG101;asmith;student',
          'del;ALG101;jdoe;*',
        ));
        expect(changed.lines).toEqual([
          'line 2 [updated] User jdoe now has the role editingteacher in course ALG101 (removed: student, teacher)',
          'line 3 [error] column rolename: no role has the shortname "studnet"',
          'line 4 [skipped] User asmith has no teacher role in course ALG101, nothing to remove',
          'line 5 [deleted] The student role assignment of asmith in course ALG101 is deleted',
          'line 6 [deleted] All role deletion for jdoe in course ALG101: editingteacher',
        ]);
        expect(await roles()).toEqual([]);
      });

      it('enable and disable act on every enrolment of the user in the course', async () => {
        const { alg, users } = await open();
        const self = await buildEnrolInstance(engine.store, { courseId: alg, enrol: 'self' });
        await run(csv('cid;uid;rolename;enrol', 'ALG101;jdoe;student;manual'));
        await engine.platform.run('enrolUsers', [{ instanceId: self, userId: users.jdoe, roleId: 5, timestart: 0, timeend: 0 }]);
        const { lines } = await run(csv('cmd;cid;uid;rolename', 'disable;ALG101;jdoe;', 'disable;BIO;jdoe;'));
        expect(lines).toEqual([
          'line 2 [updated] User jdoe enrolment in course ALG101 has been disabled (manual, self)',
          'line 3 [skipped] User jdoe has no enrolment in course BIO, nothing to disable',
        ]);
        expect((await enrolments()).map((row) => row.status)).toEqual([1, 1]);
      });
    });

    describe('row errors', () => {
      it('reports each bad row with its line and column and feeds it, as written, to the tryback file', async () => {
        await open({ enrols_useridentifier: 'email', filefailed: true });
        const text = csv(
          '# exported by the SIS',
          'cmd;cid;uid;rolename;enrol;starttime;gcmd',
          'add;ALG101;nobody@example.org;student;manual;;',
          'add;ALG101;shared@example.org;student;manual;;',
          'add;;jdoe@example.org;student;manual;;',
          'add;NOPE;jdoe@example.org;student;manual;;',
          'add;ALG101;jdoe@example.org;;manual;;',
          'add;ALG101;jdoe@example.org;boss;manual;;',
          'add;ALG101;jdoe@example.org;student;manual;next monday;',
          'enroll;ALG101;jdoe@example.org;student;manual;;',
          'add;ALG101;jdoe@example.org;student;manual;;gmove',
          'add;ALG101;;student;manual;;',
          ';ALG101;JDOE@example.org;student;manual;;',
          'enroll;ALG101;jdoe@example.org;student;manual;next monday;gmove',
        );
        const { lines, run: result } = await run(text);
        expect(lines).toEqual([
          'line 3 [error] add student nobody@example.org ALG101: No such user (no active account has email "nobody@example.org")',
          'line 4 [error] column uid: 2 accounts have email "shared@example.org"; use an identifier that names one account',
          'line 5 [error] Null or invalid course identifier.',
          'line 6 [error] add student jdoe@example.org NOPE: No such course (no course has shortname "NOPE")',
          'line 7 [error] column rolename: add needs a role; you need to mention a role shortname (student, editingteacher…)',
          'line 8 [error] column rolename: no role has the shortname "boss"',
          'line 9 [error] column starttime: "next monday" is not a date; expected YYYY-MM-DD, YYYY-MM-DD hh:mm[:ss] or a Unix timestamp',
          'line 10 [error] column cmd: "enroll" is not a command; expected add, del (or delete), shift, enable or disable',
          'line 11 [error] column gcmd: "gmove" is not a group command; expected gadd, gaddcreate, greplace, greplacecreate or gdel',
          'line 12 [error] column uid: empty user identifier',
          // An empty cmd takes the default command (decision 48); e-mails compare case-insensitively.
          'line 13 [created] User JDOE@example.org enrolled in course ALG101 as student (manual)',
          // Every problem of a row at once.
          'line 14 [error] column cmd: "enroll" is not a command; expected add, del (or delete), shift, enable or disable',
          'line 14 [error] column gcmd: "gmove" is not a group command; expected gadd, gaddcreate, greplace, greplacecreate or gdel',
          'line 14 [error] column starttime: "next monday" is not a date; expected YYYY-MM-DD, YYYY-MM-DD hh:mm[:ss] or a Unix timestamp',
        ]);
        expect(result.counters.errors).toBe(11);
        const tryback = readFileSync(join(engine.folder.files, result.trybackPath!), 'utf8').trim().split('\n');
        const rows = text.trim().split('\n');
        expect(tryback).toEqual(['cmd;cid;uid;rolename;enrol;starttime;gcmd', ...rows.slice(2, 12), rows[13]]);
      });

      it('takes enrols_defaultcmd for a file without cmd column', async () => {
        await open();
        await run(csv('cid;uid;rolename;enrol', 'ALG101;jdoe;student;manual'));
        await engine.settings.save({ enrols_defaultcmd: 'del' });
        const { lines } = await run(csv('cid;uid;rolename;enrol', 'ALG101;jdoe;student;manual'));
        expect(lines).toEqual(['line 2 [deleted] User jdoe unenrolled from course ALG101 (manual)']);
      });
    });

    describe('group commands', () => {
      it('gaddcreate creates a missing group once; gadd never creates and says so', async () => {
        await open();
        const { lines, run: result } = await run(csv(
          'cid;uid;rolename;enrol;gcmd;g1;g2',
          'ALG101;bmartin;student;manual;gadd;Team A;',
          'ALG101;jdoe;student;manual;gaddcreate;Team A;Team B',
          'ALG101;asmith;student;manual;gadd;Team A;Team C',
        ));
        expect(lines).toEqual([
          'line 2 [created] User bmartin enrolled in course ALG101 as student (manual)',
          'line 2 [warning] This group Team A is not known in ALG101 and cannot be created (use gaddcreate or greplacecreate)',
          'line 3 [created] User jdoe enrolled in course ALG101 as student (manual)',
          'line 3 [info] Group Team A created in course ALG101',
          'line 3 [info] Group Team B created in course ALG101',
          'line 3 [info] User jdoe added to group Team A',
          'line 3 [info] User jdoe added to group Team B',
          'line 4 [created] User asmith enrolled in course ALG101 as student (manual)',
          'line 4 [warning] This group Team C is not known in ALG101 and cannot be created (use gaddcreate or greplacecreate)',
          'line 4 [info] User asmith added to group Team A',
        ]);
        expect(await groupNames()).toEqual(['Team A', 'Team B']);
        expect(result.counters.entities).toMatchObject({ 'group.created': 2, 'groupmember.created': 3, 'groupmember.error': 2 });
      });

      it('greplace replaces memberships without a component and keeps the protected ones', async () => {
        const { alg, users } = await open();
        await run(csv('cid;uid;rolename;enrol;gcmd;g1;g2', 'ALG101;jdoe;student;manual;gaddcreate;Old;Keep'));
        const owned = await buildGroup(engine.store, { courseId: alg, name: 'Cohort group' });
        await engine.platform.run('addGroupMembers', [{ groupId: owned, userId: users.jdoe, component: 'enrol_cohort' }]);
        await engine.settings.save({ enrols_protectgroups: true });
        const protectedGroup = await buildGroup(engine.store, { courseId: alg, name: 'Synced' });
        await engine.platform.run('addGroupMembers', [{ groupId: protectedGroup, userId: users.jdoe, component: 'tool_sync' }]);
        const { lines } = await run(csv('cid;uid;rolename;enrol;gcmd;g1;g2', 'ALG101;jdoe;student;manual;greplacecreate;Keep;New'));
        expect(lines).toEqual([
          'line 2 [unchanged] User jdoe already enrolled in course ALG101 as student (manual), nothing to change',
          'line 2 [info] Previous group assignments deleted for jdoe in course ALG101: Old',
          'line 2 [info] Group memberships of jdoe kept in course ALG101 (protected or owned by another plugin): Cohort group, Synced',
          'line 2 [info] Group New created in course ALG101',
          'line 2 [info] User jdoe already in group Keep',
          'line 2 [info] User jdoe added to group New',
        ]);
        expect(await members()).toEqual([
          { username: 'jdoe', course: 'ALG101', group: 'Cohort group', component: 'enrol_cohort' },
          { username: 'jdoe', course: 'ALG101', group: 'Keep', component: '' },
          { username: 'jdoe', course: 'ALG101', group: 'New', component: 'tool_sync' },
          { username: 'jdoe', course: 'ALG101', group: 'Synced', component: 'tool_sync' },
        ]);
      });

      it('greplace without create replaces with the groups that exist and warns about the others', async () => {
        await open();
        await run(csv('cid;uid;rolename;enrol;gcmd;g1;g2', 'ALG101;jdoe;student;manual;gaddcreate;Old;Kept'));
        const { lines } = await run(csv('cid;uid;rolename;enrol;gcmd;g1;g2', 'ALG101;jdoe;student;manual;greplace;Kept;Missing'));
        expect(lines).toEqual([
          'line 2 [unchanged] User jdoe already enrolled in course ALG101 as student (manual), nothing to change',
          'line 2 [info] Previous group assignments deleted for jdoe in course ALG101: Old',
          'line 2 [warning] This group Missing is not known in ALG101 and cannot be created (use gaddcreate or greplacecreate)',
          'line 2 [info] User jdoe already in group Kept',
        ]);
        expect(await members()).toEqual([{ username: 'jdoe', course: 'ALG101', group: 'Kept', component: '' }]);
        expect(await groupNames()).toEqual(['Kept', 'Old']);
      });

      it('gdel removes what the protection setting allows', async () => {
        const { alg, users } = await open();
        const byHand = await buildGroup(engine.store, { courseId: alg, name: 'By hand' });
        const bySync = await buildGroup(engine.store, { courseId: alg, name: 'By sync' });
        await run(csv('cid;uid;rolename;enrol', 'ALG101;jdoe;student;manual', 'ALG101;asmith;student;manual'));
        for (const userId of [users.jdoe, users.asmith]) {
          await engine.platform.run('addGroupMembers', [{ groupId: byHand, userId }, { groupId: bySync, userId, component: 'tool_sync' }]);
        }
        await engine.settings.save({ enrols_protectgroups: true });
        const on = await run(csv('cid;uid;rolename;enrol;gcmd;g1;g2;g3', 'ALG101;jdoe;student;manual;gdel;By hand;By sync;Nowhere'));
        expect(on.lines).toEqual([
          'line 2 [unchanged] User jdoe already enrolled in course ALG101 as student (manual), nothing to change',
          'line 2 [info] Group memberships of jdoe kept in course ALG101 (protected or owned by another plugin): By hand',
          'line 2 [info] Group Nowhere does not exist in course ALG101, nothing to remove',
          'line 2 [info] User jdoe removed from group By sync',
        ]);
        await engine.settings.save({ enrols_protectgroups: false });
        const off = await run(csv('cid;uid;rolename;enrol;gcmd;g1;g2', 'ALG101;asmith;student;manual;gdel;By hand;By sync'));
        expect(off.lines.slice(1)).toEqual(['line 2 [info] User asmith removed from group By hand', 'line 2 [info] User asmith removed from group By sync']);
        expect(await members()).toEqual([{ username: 'jdoe', course: 'ALG101', group: 'By hand', component: '' }]);
      });

      it('enrolcleanup deletes the groups left empty in the courses of the file only', async () => {
        const { alg, bio } = await open({ enrolcleanup: true });
        await buildGroup(engine.store, { courseId: bio, name: 'Empty elsewhere' });
        await buildGroup(engine.store, { courseId: alg, name: 'Empty here' });
        const { report } = await run(csv('cmd;cid;uid;rolename;enrol;gcmd;g1', 'add;ALG101;jdoe;student;manual;gaddcreate;Team A', 'add;ALG101;asmith;student;manual;gaddcreate;Team B', 'del;ALG101;asmith;;manual;;'));
        expect(report).toContain('Group cleanup: empty group Empty here deleted from course ALG101');
        expect(report).toContain('Group cleanup: empty group Team B deleted from course ALG101');
        expect(await groupNames()).toEqual(['Empty elsewhere', 'Team A']);
      });
    });

    it('mails each editing teacher of a course one digest of the students who arrived, in the teacher’s language', async () => {
      const { users } = await open({ enrols_mailadmins: true });
      const teacher = await buildUser(engine.store, { username: 'prof', email: 'prof@example.org' });
      await engine.store.db.updateTable('lms_user').set({ lang: 'fr', firstname: 'Paul' }).where('id', '=', teacher).execute();
      await engine.store.db.updateTable('lms_user').set({ firstname: 'John', lastname: 'Doe' }).where('id', '=', users.jdoe).execute();
      await run(csv('cid;uid;rolename;enrol', 'ALG101;prof;editingteacher;manual'));
      const simulated = await run(csv('cid;uid;rolename;enrol', 'ALG101;jdoe;student;manual'), true);
      expect(simulated.report).toContain('Enrolment digest of course ALG101 (1 new students) would be mailed to its editing teachers');
      const { report, run: result } = await run(csv('cid;uid;rolename;enrol', 'ALG101;jdoe;student;manual', 'ALG101;asmith;student;manual', 'BIO;bmartin;teacher;manual'));
      expect(report).toContain('Enrolment digest of course ALG101 (2 new students) mailed to prof@example.org');
      expect(result.counters.entities).toMatchObject({ 'mail.sent': 1 });
      const { readdirSync } = await import('node:fs');
      const mails = readdirSync(engine.folder.outbox).filter((name) => name.endsWith('.eml'));
      expect(mails).toHaveLength(1);
      const mail = readFileSync(`${engine.folder.outbox}/${mails[0]}`, 'utf8');
      expect(mail).toContain('To: prof@example.org');
      expect(mail).toContain('- John Doe (jdoe)');
      expect(mail).toContain('- First Last (asmith)');
      expect(mail).toContain('Bonjour Paul,');
    });

    it('runs rows that depend on earlier rows of the same batch as if one after the other', async () => {
      await open();
      const { lines } = await run(csv(
        'cmd;cid;uid;rolename;enrol;gcmd;g1',
        'add;ALG101;jdoe;student;manual;gaddcreate;Team A',
        'shift;ALG101;jdoe;teacher;manual;;',
        'del;ALG101;jdoe;;manual;;',
        'add;ALG101;jdoe;student;manual;gadd;Team A',
      ));
      expect(lines).toEqual([
        'line 2 [created] User jdoe enrolled in course ALG101 as student (manual)',
        'line 2 [info] Group Team A created in course ALG101',
        'line 2 [info] User jdoe added to group Team A',
        'line 3 [updated] User jdoe now has the role teacher in course ALG101 (removed: student); the enrolment is kept',
        'line 4 [deleted] User jdoe unenrolled from course ALG101 (manual)',
        'line 5 [created] User jdoe enrolled in course ALG101 as student (manual)',
        'line 5 [info] User jdoe added to group Team A',
      ]);
    });

    it('simulates exactly what the real run then does, writing nothing', async () => {
      const { alg, users } = await open({ enrolcleanup: true });
      await run(csv('cid;uid;rolename;enrol;gcmd;g1', 'ALG101;jdoe;student;manual;gaddcreate;Team A', 'ALG101;asmith;student;manual;gaddcreate;Team B'));
      await buildGroup(engine.store, { courseId: alg, name: 'Lonely' });
      await engine.platform.run('assignCourseRoles', [{ courseId: alg, userId: users.bmartin, roleId: 4 }]);
      const file = csv(
        'cmd;cid;uid;rolename;enrol;starttime;gcmd;g1;g2',
        'add;ALG101;bmartin;student;manual;2026-09-01;gaddcreate;Team C;Team A',
        'shift;ALG101;jdoe;teacher;manual;;greplacecreate;Team B;',
        'disable;ALG101;asmith;;manual;;gdel;Team B;',
        'del;ALG101;asmith;;manual;;;;',
        'add;BIO;jdoe;student;manual;;gadd;Team A;',
        'add;NOPE;jdoe;student;manual;;;;',
      );
      const before = JSON.stringify([await enrolments(), await roles(), await members(), await groupNames()]);
      const simulated = await run(file, true);
      expect(JSON.stringify([await enrolments(), await roles(), await members(), await groupNames()])).toBe(before);
      const real = await run(file);
      expect(simulated.lines).toEqual(real.lines);
      const notices = (report: string) => report.split('\n').filter((line) => line.includes('[notice]')).map((line) => line.replace('SIMULATION: ', ''));
      expect(notices(simulated.report)).toEqual(notices(real.report));
      expect(notices(real.report).length).toBeGreaterThan(0);
      // What a simulation says it would do is marked as such, as its rows are.
      expect(simulated.report).toMatch(/\[notice\] SIMULATION: Group cleanup: empty group \S+ deleted from course ALG101/);
      expect(simulated.run.counters.entities).toEqual(real.run.counters.entities);
      expect(real.lines.length).toBeGreaterThan(8);

      // Role mode, rows depending on earlier rows of the file.
      const roleFile = csv(
        'cmd;cid;uid;rolename',
        'add;BIO;asmith;teacher',
        'add;BIO;asmith;student',
        'shift;BIO;asmith;editingteacher',
        'del;BIO;asmith;*',
        'add;BIO;bmartin;student',
        'disable;ALG101;bmartin;',
        'del;BIO;bmartin;teacher',
      );
      const simulatedRoles = await run(roleFile, true);
      const realRoles = await run(roleFile);
      expect(simulatedRoles.lines).toEqual(realRoles.lines);
      expect(realRoles.lines).toContain('line 5 [deleted] All role deletion for asmith in course BIO: editingteacher');
    });
  });
}
