import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { buildCategory, buildCohort, buildCourse, buildEnrolInstance, buildUser } from '../../../test/factories.js';
import { csv, runFile } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

for (const kind of DATABASES) {
  describe(`cohort file on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    const open = async (settings: Record<string, string | boolean> = {}) => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ cohorts_useridentifier: 'idnumber', cohorts_cohortidentifier: 'idnumber', ...settings });
      const users = {
        u1: await buildUser(engine.store, { username: 'jdoe', idnumber: 'U0001', email: 'jdoe@example.org' }),
        u2: await buildUser(engine.store, { username: 'asmith', idnumber: 'U0002', email: 'shared@example.org' }),
        u3: await buildUser(engine.store, { username: 'bmartin', idnumber: 'U0003', email: 'shared@example.org' }),
      };
      return { users };
    };
    const run = (text: string, simulate = false) => runFile(engine, text, { action: 'cohorts', name: 'cohorts.csv', simulate });
    const cohorts = () =>
      engine.store.db
        .selectFrom('lms_cohort as c')
        .innerJoin('lms_context as ctx', 'ctx.id', 'c.contextid')
        .select(['c.name', 'c.idnumber', 'c.description', 'ctx.contextlevel', 'ctx.instanceid'])
        .orderBy('c.id')
        .execute();
    const members = () =>
      engine.store.db
        .selectFrom('lms_cohort_members as m')
        .innerJoin('lms_cohort as c', 'c.id', 'm.cohortid')
        .innerJoin('lms_user as u', 'u.id', 'm.userid')
        .select(['c.idnumber as cohort', 'u.username'])
        .orderBy('c.idnumber')
        .orderBy('u.username')
        .execute();
    const notices = (report: string) => report.split('\n').filter((line) => line.includes('[notice]')).map((line) => line.replace('SIMULATION: ', ''));

    it('creates cohorts from the sample file, adds their members, and leaves a re-run unchanged', async () => {
      await open();
      expect((await run(fixture('cohorts.csv'))).lines).toEqual(['line 2 [created] Cohort COHORT1 created', 'line 3 [created] Cohort COHORT2 created']);
      const joined = await run(fixture('cohortmembers.csv'));
      expect(joined.lines).toEqual([
        'line 2 [created] Cohort member jdoe (U0001) added to cohort COH001',
        'line 3 [created] Cohort member asmith (U0002) added to cohort COH001',
        'line 4 [created] Cohort member bmartin (U0003) added to cohort COH002',
      ]);
      expect(joined.run.counters.entities).toEqual({ 'cohortmember.created': 3 });
      // No course is bound to these cohorts: no enrolment sync to run.
      expect(notices(joined.report)).toEqual([]);
      expect(await cohorts()).toEqual([
        { name: 'COHORT1', idnumber: 'COH001', description: 'Teacher Cohort 1', contextlevel: 10, instanceid: 0 },
        { name: 'COHORT2', idnumber: 'COH002', description: 'Student Cohort 2', contextlevel: 10, instanceid: 0 },
      ]);
      expect(await members()).toEqual([
        { cohort: 'COH001', username: 'asmith' },
        { cohort: 'COH001', username: 'jdoe' },
        { cohort: 'COH002', username: 'bmartin' },
      ]);
      expect((await run(fixture('cohorts.csv'))).lines).toEqual(['line 2 [unchanged] Cohort [1] COHORT1 unchanged', 'line 3 [unchanged] Cohort [2] COHORT2 unchanged']);
      expect((await run(fixture('cohortmembers.csv'))).lines[0]).toBe('line 2 [unchanged] Cohort member jdoe (U0001) already member of cohort COH001');
    });

    it('creates in a category, then updates description, category, and the name through the column that is not the identifier', async () => {
      await open();
      const science = await buildCategory(engine.store, { name: 'Science', idnumber: 'SCI' });
      expect((await run(csv('cidnumber;cname;ccatcontextidnumber;component', 'COH001;Cohort one;SCI;local_x'))).lines).toEqual([
        'line 2 [created] Cohort Cohort one created',
      ]);
      expect(await cohorts()).toEqual([{ name: 'Cohort one', idnumber: 'COH001', description: '', contextlevel: 40, instanceid: science }]);
      expect((await engine.store.db.selectFrom('lms_cohort').select('component').executeTakeFirstOrThrow()).component).toBe('local_x');
      const { lines, run: result } = await run(
        csv('cidnumber;cname;cdescription;ccatcontext;userid', 'COH001;Cohort 1;First cohort;;', 'COH001;Cohort 1;;1;U0001', 'COH001;;;;U0002'),
      );
      expect(lines).toEqual([
        'line 2 [updated] The cohort [1] Cohort 1 has been updated (name: Cohort one → Cohort 1, description).',
        'line 3 [created] Cohort member jdoe (U0001) added to cohort COH001',
        `line 3 [info] The cohort [1] Cohort 1 has been updated (category: ${science} → 1).`,
        'line 4 [created] Cohort member asmith (U0002) added to cohort COH001',
      ]);
      expect(result.counters.entities).toEqual({ 'cohort.updated': 2, 'cohortmember.created': 2 });
      const misc = await engine.store.db.selectFrom('lms_context').select('id').where('contextlevel', '=', 40).where('instanceid', '=', 1).executeTakeFirst();
      expect(misc).toBeDefined();
      expect(await cohorts()).toEqual([{ name: 'Cohort 1', idnumber: 'COH001', description: 'First cohort', contextlevel: 40, instanceid: 1 }]);

      // Identified by name: cidnumber changes the idnumber; of two cohorts with one name, the oldest is taken.
      await engine.settings.save({ cohorts_cohortidentifier: 'name' });
      await buildCohort(engine.store, { name: 'Cohort 1', idnumber: 'DUP' });
      expect((await run(csv('cname;cidnumber', 'Cohort 1;C-1'))).lines).toEqual(['line 2 [updated] The cohort [1] Cohort 1 has been updated (idnumber: COH001 → C-1).']);
      expect((await cohorts()).map((cohort) => cohort.idnumber)).toEqual(['C-1', 'DUP']);
    });

    it('reports bad rows with their column, writes nothing for them, and feeds them to the tryback file', async () => {
      await open({ filefailed: true });
      await buildCohort(engine.store, { name: 'Alpha', idnumber: 'A1' });
      const text = csv(
        'cmd;cidnumber;cname;userid;ccatcontextidnumber',
        'add;A1;Alpha;U0001;',
        'move;A1;Alpha;;',
        'add;;Nameless;;',
        'add;B1;;;',
        'add;B2;Alpha;;',
        'add;A1;;NOBODY;',
        'add;B3;Beta;;NOCAT',
        'del;ZZ;;;',
        'free;ZZ;;;',
        'del;A1;;NOBODY;',
        ';B4;Beta;U0002;',
      );
      const { lines, run: result } = await run(text);
      expect(lines).toEqual([
        'line 2 [created] Cohort member jdoe (U0001) added to cohort A1',
        'line 3 [error] column cmd: "move" is not a command; expected add, del or free',
        'line 4 [error] column cidnumber: Primary identifier (cidnumber) for cohort was not given. Cannot perform.',
        'line 5 [error] column cname: cohort B1 does not exist and cannot be created without a name',
        'line 6 [error] column cname: The cohort creation has been skipped because conflicting by name: cohort [1] already has the name "Alpha".',
        'line 7 [error] column userid: User NOBODY does not exist in moodle (no active account has idnumber "NOBODY")',
        'line 8 [error] column ccatcontextidnumber: Bad context (missing required category NOCAT) for cohort B3',
        'line 9 [error] column cidnumber: Cohort ZZ not found by idnumber.',
        'line 10 [error] column cidnumber: Cohort ZZ not found by idnumber.',
        'line 11 [error] column userid: User NOBODY does not exist in moodle (no active account has idnumber "NOBODY")',
        'line 12 [created] Cohort member asmith (U0002) added to cohort B4',
        'line 12 [info] Cohort Beta created',
      ]);
      expect(result.counters.errors).toBe(9);
      // A typo in a member id never deletes the cohort (decision 55).
      expect((await cohorts()).map((cohort) => cohort.idnumber)).toEqual(['A1', 'B4']);
      const tryback = readFileSync(join(engine.folder.files, result.trybackPath!), 'utf8').trim().split('\n');
      expect(tryback).toEqual(['cmd;cidnumber;cname;userid;ccatcontextidnumber', ...text.trim().split('\n').slice(2, 11)]);

      // Identified by name, a new cohort whose idnumber is taken is refused; without autocreate, missing cohorts are errors.
      await engine.settings.save({ cohorts_cohortidentifier: 'name', cohorts_autocreate: false, cohorts_useridentifier: 'email' });
      expect((await run(csv('cname;cidnumber;userid', 'Gamma;A1;', 'Alpha;;shared@example.org'))).lines).toEqual([
        'line 2 [error] column cname: Cohort Gamma as name was not found. Script cannot create (cohorts_autocreate is off).',
        'line 3 [error] column userid: 2 accounts have email "shared@example.org"; use an identifier that names one account',
      ]);
      await engine.settings.save({ cohorts_autocreate: true });
      expect((await run(csv('cname;cidnumber', 'Gamma;A1'))).lines).toEqual([
        'line 2 [error] column cidnumber: The cohort creation has been skipped because conflicting by idnumber: cohort [1] Alpha already has the idnumber "A1".',
      ]);
    });

    it('refuses a file without the identifier column or with an unknown column', async () => {
      await open();
      const missing = await run(csv('cname;userid', 'Alpha;U0001'));
      expect(missing.run.status).not.toBe('succeeded');
      expect(missing.report).toContain('cidnumber');
      const unknown = await run(csv('cidnumber;cohortname', 'A1;Alpha'));
      expect(unknown.run.status).not.toBe('succeeded');
      expect(unknown.report).toContain('cohortname');
      expect(await cohorts()).toEqual([]);
    });

    it('removes members, frees and deletes cohorts with their enrolment instances, then deletes the cohorts it emptied', async () => {
      const { users } = await open();
      const course = await buildCourse(engine.store, { shortname: 'ALG101' });
      const a = await buildCohort(engine.store, { name: 'Alpha', idnumber: 'A1' });
      const b = await buildCohort(engine.store, { name: 'Beta', idnumber: 'B1' });
      await buildCohort(engine.store, { name: 'Gamma', idnumber: 'G1' });
      await buildCohort(engine.store, { name: 'Delta', idnumber: 'D1' });
      await buildEnrolInstance(engine.store, { courseId: course, enrol: 'cohort', customint1: b });
      await engine.platform.run('addCohortMembers', [
        { cohortId: a, userId: users.u1 },
        { cohortId: a, userId: users.u2 },
        { cohortId: b, userId: users.u1 },
        { cohortId: 3, userId: users.u1 },
        { cohortId: 3, userId: users.u3 },
      ]);
      const { lines, report, run: result } = await run(
        csv('cmd;cidnumber;userid', 'del;A1;U0001', 'del;A1;U0003', 'free;G1;', 'free;D1;', 'del;B1;', 'del;A1;U0002'),
      );
      expect(lines).toEqual([
        'line 2 [deleted] Cohort member jdoe (U0001) removed from cohort A1',
        'line 3 [skipped] User bmartin (U0003) is not a member of cohort A1; nothing to remove',
        'line 4 [updated] Cohort [G1] Gamma emptied (2 members removed)',
        'line 5 [unchanged] Cohort [D1] Delta has no member; nothing to free',
        'line 6 [deleted] Cohort Beta deleted, with its cohort enrolment instances and the enrolments they made',
        'line 7 [deleted] Cohort member asmith (U0002) removed from cohort A1',
      ]);
      expect(notices(report)).toEqual([
        'line 1 [notice] Cohort cleanup: cohort [1] Alpha, left without members by this run, deleted',
        'line 1 [notice] Cohort cleanup: cohort [3] Gamma, left without members by this run, deleted',
      ]);
      expect(result.counters.entities).toMatchObject({ 'cohortmember.deleted': 4, 'cohort.deleted': 1 });
      expect((await cohorts()).map((cohort) => cohort.idnumber)).toEqual(['D1']);
      expect(await engine.store.db.selectFrom('lms_enrol').select('id').where('enrol', '=', 'cohort').execute()).toEqual([]);
    });

    it('names cohorts by id and members by username or id', async () => {
      const { users } = await open({ cohorts_cohortidentifier: 'id', cohorts_useridentifier: 'username' });
      const alpha = await buildCohort(engine.store, { name: 'Alpha', idnumber: 'A1' });
      const byUsername = await run(csv('cid;userid', `${alpha};jdoe`, `${alpha};nobody`));
      expect(byUsername.lines[0]).toBe(`line 2 [created] Cohort member jdoe (U0001) added to cohort ${alpha}`);
      expect(byUsername.lines[1]).toMatch(/^line 3 \[error\] .*nobody/);
      await engine.settings.save({ cohorts_useridentifier: 'id' });
      const byId = await run(csv('cid;userid', `${alpha};${users.u2}`));
      expect(byId.lines).toEqual([`line 2 [created] Cohort member asmith (U0002) added to cohort ${alpha}`]);
      expect(await members()).toEqual([
        { cohort: 'A1', username: 'asmith' },
        { cohort: 'A1', username: 'jdoe' },
      ]);
    });

    it('keeps emptied cohorts when cohorts_syncdelete is off', async () => {
      const { users } = await open({ cohorts_syncdelete: false });
      const a = await buildCohort(engine.store, { name: 'Alpha', idnumber: 'A1' });
      await engine.platform.run('addCohortMembers', [{ cohortId: a, userId: users.u1 }]);
      const { report } = await run(csv('cmd;cidnumber;userid', 'free;A1;'));
      expect(report).not.toContain('Cohort cleanup');
      expect((await cohorts()).map((cohort) => cohort.idnumber)).toEqual(['A1']);
    });

    it('sees in a batch what earlier rows of the same batch did', async () => {
      await open();
      const { lines } = await run(
        csv('cmd;cidnumber;cname;userid', 'add;N1;New;U0001', 'add;N1;Renamed;U0002', 'free;N1;;', 'add;N2;New;', 'del;N1;;', 'add;N1;Again;'),
      );
      expect(lines).toEqual([
        'line 2 [created] Cohort member jdoe (U0001) added to cohort N1',
        'line 2 [info] Cohort New created',
        'line 3 [created] Cohort member asmith (U0002) added to cohort N1',
        'line 3 [info] The cohort [1] Renamed has been updated (name: New → Renamed).',
        'line 4 [updated] Cohort [N1] Renamed emptied (2 members removed)',
        'line 5 [created] Cohort New created',
        'line 6 [deleted] Cohort Renamed deleted, with its cohort enrolment instances and the enrolments they made',
        'line 7 [created] Cohort Again created',
      ]);
      expect((await cohorts()).map((cohort) => [cohort.idnumber, cohort.name])).toEqual([
        ['N2', 'New'],
        ['N1', 'Again'],
      ]);
    });

    it('synchronises the enrolments of the courses bound to the cohorts it changed, and of those only', async () => {
      const { users } = await open({ cohorts_syncdelete: false });
      const algebra = await buildCourse(engine.store, { shortname: 'ALG101' });
      const biology = await buildCourse(engine.store, { shortname: 'BIO' });
      const a = await buildCohort(engine.store, { name: 'Alpha', idnumber: 'A1' });
      const b = await buildCohort(engine.store, { name: 'Beta', idnumber: 'B1' });
      await buildEnrolInstance(engine.store, { courseId: algebra, enrol: 'cohort', customint1: a });
      const other = await buildEnrolInstance(engine.store, { courseId: biology, enrol: 'cohort', customint1: b });
      // Beta has a member the sync of BIO would enrol: a file about Alpha alone must not touch BIO.
      await engine.platform.run('addCohortMembers', [{ cohortId: b, userId: users.u3 }]);
      const enrolled = async () =>
        (
          await engine.store.db
            .selectFrom('lms_user_enrolments as ue')
            .innerJoin('lms_enrol as e', 'e.id', 'ue.enrolid')
            .innerJoin('lms_user as u', 'u.id', 'ue.userid')
            .select(['u.username', 'e.id'])
            .orderBy('u.username')
            .execute()
        ).map((row) => `${row.username}@${row.id === other ? 'BIO' : 'ALG101'}`);
      const joined = await run(csv('cidnumber;userid', 'A1;U0001', 'A1;U0002'));
      expect(notices(joined.report)).toEqual(['line 1 [notice] Cohort enrolment sync of 1 courses: 2 enrolled, 0 unenrolled, 0 suspended, 0 reactivated']);
      expect(await enrolled()).toEqual(['asmith@ALG101', 'jdoe@ALG101']);
      const left = await run(csv('cmd;cidnumber;userid', 'del;A1;U0002'), true);
      expect(notices(left.report)).toEqual(['line 1 [notice] Cohort enrolment sync of 1 courses: 0 enrolled, 1 unenrolled, 0 suspended, 0 reactivated']);
      expect(await enrolled()).toEqual(['asmith@ALG101', 'jdoe@ALG101']);
      await run(csv('cmd;cidnumber;userid', 'del;A1;U0002'));
      expect(await enrolled()).toEqual(['jdoe@ALG101']);
    });

    it('simulates exactly what the real run then does, writing nothing', async () => {
      const { users } = await open();
      await buildCategory(engine.store, { name: 'Science', idnumber: 'SCI' });
      const a = await buildCohort(engine.store, { name: 'Alpha', idnumber: 'A1' });
      await buildCohort(engine.store, { name: 'Beta', idnumber: 'B1' });
      await engine.platform.run('addCohortMembers', [
        { cohortId: a, userId: users.u1 },
        { cohortId: a, userId: users.u2 },
      ]);
      const file = csv(
        'cmd;cidnumber;cname;cdescription;ccatcontextidnumber;userid',
        'add;N1;New;A new cohort;SCI;U0001',
        'add;N1;;;;U0002',
        'add;A1;Alpha renamed;;;U0003',
        'del;A1;;;;U0001',
        'free;A1;;;;',
        'del;B1;;;;',
        'del;B1;;;;',
        'add;X1;;;;',
        'del;N1;;;;NOBODY',
      );
      const before = JSON.stringify([await cohorts(), await members()]);
      const simulated = await run(file, true);
      expect(JSON.stringify([await cohorts(), await members()])).toBe(before);
      const real = await run(file);
      expect(simulated.lines).toEqual(real.lines);
      expect(notices(simulated.report)).toEqual(notices(real.report));
      expect(notices(real.report)).toContain('line 1 [notice] Cohort cleanup: cohort [1] Alpha renamed, left without members by this run, deleted');
      expect(simulated.report).toMatch(/\[notice\] SIMULATION: Cohort cleanup/);
      expect(simulated.run.counters).toEqual(real.run.counters);
      expect(real.lines.length).toBeGreaterThan(9);
    });
  });
}
