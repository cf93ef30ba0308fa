import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { csv } from '../../../test/users-kit.js';
import type { CsvRow } from '../../csv/reader.js';
import type { Engine } from '../../engine/engine.js';
import { startRuns } from '../../engine/run/start-runs.js';
import { createSettings } from '../../settings/settings-store.js';
import type { RowOutcome } from '../processor.js';
import { addMember, buildGroup, buildUser, enrolledUser, membersOf, runMembers, twoCourses, useFixture } from './fixtures/groups-kit.js';
import { groupMembersAction } from './group-members-processor.js';

/** ALG101 with groups A, B, C (idnumbers GA, GB, GC), BIO with a group A (idnumber GA too); ann in both, bob in ALG101, carl in none. */
async function school(engine: Engine) {
  const { alg, bio } = await twoCourses(engine);
  await engine.settings.save({ groups_useridentifier: 'username', groups_groupidentifier: 'name' });
  const groups = {
    a: await buildGroup(engine.store, { courseId: alg, name: 'Group A', idnumber: 'GA' }),
    b: await buildGroup(engine.store, { courseId: alg, name: 'Group B', idnumber: 'GB' }),
    c: await buildGroup(engine.store, { courseId: alg, name: 'Group C', idnumber: 'GC' }),
    bioA: await buildGroup(engine.store, { courseId: bio, name: 'Group A', idnumber: 'GA' }),
  };
  const users = {
    ann: await enrolledUser(engine, { username: 'ann', email: 'ann@example.org', idnumber: 'U1' }, [alg, bio]),
    bob: await enrolledUser(engine, { username: 'bob', email: 'bob@example.org' }, [alg]),
    carl: await buildUser(engine.store, { username: 'carl' }),
  };
  return { alg, bio, groups, users };
}

/** Rows as the reader gives them, for calling the action directly. */
function rowsOf(text: string): { columns: string[]; rows: CsvRow[] } {
  const [header, ...lines] = text.trimEnd().split('\n');
  const columns = header!.split(';');
  const rows = lines.map((raw, index): CsvRow => {
    const values = raw.split(';');
    return { line: index + 2, raw, value: (column) => values[columns.indexOf(column)], has: (column) => columns.includes(column) };
  });
  return { columns, rows };
}

for (const kind of DATABASES) {
  describe(`group members file on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    it('adds members as manual memberships when protection is off, then finds them unchanged', async () => {
      engine = await openTestEngine(kind);
      const { alg, bio } = await school(engine);
      const input = useFixture(engine, 'groupmembers.csv');
      const [first] = await startRuns(engine, { action: groupMembersAction, input, trigger: 'manual' });
      const lines = (run: typeof first) => readFileSync(run!.reportFile, 'utf8').split('\n').filter((line) => /^line \d+ \[(?!notice)/.test(line));
      expect(lines(first)).toEqual([
        'line 2 [created] User ann added to group "Group A" of course ALG101',
        'line 3 [created] User bob added to group "Group B" of course ALG101',
        'line 4 [created] User ann added to group "Group A" of course BIO',
      ]);
      expect(first!.counters.entities).toEqual({ 'groupmember.created': 3 });
      expect(await membersOf(engine, alg)).toEqual(['Group A: ann', 'Group B: bob']);
      expect(await membersOf(engine, bio)).toEqual(['Group A: ann']);
      const [second] = await startRuns(engine, { action: groupMembersAction, input, trigger: 'manual' });
      expect(lines(second)).toEqual([
        'line 2 [unchanged] User ann already in group "Group A" of course ALG101',
        'line 3 [unchanged] User bob already in group "Group B" of course ALG101',
        'line 4 [unchanged] User ann already in group "Group A" of course BIO',
      ]);
    });

    it('marks the memberships it adds as tool_sync ones when protection is on', async () => {
      engine = await openTestEngine(kind);
      const { alg } = await school(engine);
      await engine.settings.save({ enrols_protectgroups: true });
      const { lines } = await runMembers(engine, csv('courseid;groupid;userid', 'ALG101;Group A;ann'));
      expect(lines).toEqual(['line 2 [created] User ann added to group "Group A" of course ALG101']);
      expect(await membersOf(engine, alg)).toEqual(['Group A: ann (tool_sync)']);
    });

    it('gives every bad row its own error naming the column and the value, and sends it to the tryback file', async () => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ filefailed: true });
      const { alg } = await school(engine);
      await buildUser(engine.store, { username: 'gone', deleted: true });
      const { lines, run } = await runMembers(
        engine,
        csv(
          'courseid;groupid;userid;cmd',
          ';Group A;ann;',
          'NOPE;Group A;ann;',
          'ALG101;;ann;',
          'ALG101;Group Z;ann;',
          'BIO;Group B;ann;',
          'ALG101;Group A;;',
          'ALG101;Group A;nobody;',
          'ALG101;Group A;gone;',
          'ALG101;Group A;carl;',
          'ALG101;Group A;ann;move',
          'ALG101;Group A;ann;ADD',
        ),
      );
      expect(lines).toEqual([
        'line 2 [error] Null or invalid course identifier: column courseid is empty',
        'line 3 [error] No such course: no course with shortname "NOPE" (column courseid)',
        'line 4 [error] column groupid: a group identifier is required',
        'line 5 [error] column groupid: no group with name "Group Z" in course ALG101',
        'line 6 [error] column groupid: no group with name "Group B" in course BIO',
        'line 7 [error] column userid: a user identifier is required',
        'line 8 [error] column userid: no account with username "nobody" (deleted accounts are not matched)',
        'line 9 [error] column userid: no account with username "gone" (deleted accounts are not matched)',
        'line 10 [error] user carl is not enrolled in course ALG101, so cannot be added to its group "Group A"',
        'line 11 [error] column cmd: unknown command "move"; expected add, shift, del (empty means add)',
        'line 12 [created] User ann added to group "Group A" of course ALG101',
      ]);
      expect(run.counters).toMatchObject({ read: 11, ok: 1, errors: 10, entities: { 'groupmember.error': 10, 'groupmember.created': 1 } });
      const tryback = readFileSync(`${engine.folder.files}/${run.trybackPath}`, 'utf8').split('\n');
      expect(tryback).toHaveLength(11);
      expect(tryback[0]).toBe('courseid;groupid;userid;cmd');
      expect(tryback).toContain('ALG101;Group A;carl;');
      expect(await membersOf(engine, alg)).toEqual(['Group A: ann']);
    });

    it('says which column each row error is about', async () => {
      engine = await openTestEngine(kind);
      await school(engine);
      const { columns, rows } = rowsOf(csv('courseid;groupid;userid;cmd', ';G;ann;', 'ALG101;Group Z;ann;', 'ALG101;Group A;nobody;', 'ALG101;Group A;ann;x'));
      const outcomes: RowOutcome[] = [];
      const context = {
        platform: engine.platform,
        settings: createSettings({ groups_courseidentifier: 'shortname', groups_groupidentifier: 'name', groups_useridentifier: 'username' }),
        simulate: false,
        input: 'groupmembers.csv',
        columns,
        readAreaFile: async () => null,
        notice: async () => {},
        sendMail: null,
      };
      for await (const batch of groupMembersAction.process((async function* () { yield rows; })(), context)) outcomes.push(...batch);
      expect(outcomes.map((outcome) => [outcome.row.line, outcome.status, outcome.column])).toEqual([
        [2, 'error', 'courseid'],
        [3, 'error', 'groupid'],
        [4, 'error', 'userid'],
        [5, 'error', 'cmd'],
      ]);
    });

    it('finds users by e-mail, refusing an address several accounts share, and by id and idnumber', async () => {
      engine = await openTestEngine(kind);
      const { alg, users } = await school(engine);
      await buildUser(engine.store, { username: 'twin1', email: 'twins@example.org' });
      await buildUser(engine.store, { username: 'twin2', email: 'TWINS@example.org' });
      await engine.settings.save({ groups_useridentifier: 'email' });
      const byEmail = await runMembers(engine, csv('courseid;groupid;userid', 'ALG101;Group A;ANN@example.org', 'ALG101;Group A;twins@example.org'));
      expect(byEmail.lines).toEqual([
        'line 2 [created] User ann added to group "Group A" of course ALG101',
        'line 3 [error] column userid: 2 accounts have email "twins@example.org": the row cannot tell which one it is about',
      ]);
      await engine.settings.save({ groups_useridentifier: 'id' });
      expect((await runMembers(engine, csv('courseid;groupid;userid', `ALG101;Group B;${users.bob}`))).lines).toEqual([
        'line 2 [created] User bob added to group "Group B" of course ALG101',
      ]);
      await engine.settings.save({ groups_useridentifier: 'idnumber' });
      expect((await runMembers(engine, csv('courseid;groupid;userid', 'ALG101;Group B;U1'))).lines).toEqual([
        'line 2 [created] User ann added to group "Group B" of course ALG101',
      ]);
      expect(await membersOf(engine, alg)).toEqual(['Group A: ann', 'Group B: ann', 'Group B: bob']);
    });

    it('looks groups up by idnumber and by id within the row\'s course only', async () => {
      engine = await openTestEngine(kind);
      const { alg, bio, groups } = await school(engine);
      await engine.settings.save({ groups_groupidentifier: 'idnumber' });
      const byIdnumber = await runMembers(engine, csv('courseid;groupid;userid', 'BIO;GA;ann'));
      expect(byIdnumber.lines).toEqual(['line 2 [created] User ann added to group "Group A" of course BIO']);
      expect(await membersOf(engine, alg)).toEqual([]);
      expect(await membersOf(engine, bio)).toEqual(['Group A: ann']);
      await engine.settings.save({ groups_groupidentifier: 'id' });
      const byId = await runMembers(engine, csv('courseid;groupid;userid', `BIO;${groups.b};ann`, `ALG101;${groups.b};ann`));
      expect(byId.lines).toEqual([
        `line 2 [error] column groupid: no group with id "${groups.b}" in course BIO`,
        'line 3 [created] User ann added to group "Group B" of course ALG101',
      ]);
    });

    it('shifts a user: leaves the other groups of the course that are manual or tool_sync ones, keeps those of other plugins', async () => {
      engine = await openTestEngine(kind);
      const { alg, bio, groups, users } = await school(engine);
      await addMember(engine, groups.a, users.ann, '');
      await addMember(engine, groups.b, users.ann, 'tool_sync');
      await addMember(engine, groups.c, users.ann, 'enrol_cohort');
      await addMember(engine, groups.bioA, users.ann, '');
      await addMember(engine, groups.a, users.bob, '');
      await addMember(engine, groups.b, users.bob, '');
      const { lines, run } = await runMembers(engine, csv('cmd;courseid;groupid;userid', 'shift;ALG101;Group B;ann', 'shift;ALG101;Group C;bob', 'shift;ALG101;Group C;bob'));
      expect(lines).toEqual([
        'line 2 [updated] User ann already in group "Group B" of course ALG101; previous group assignments deleted',
        'line 2 [warning] membership of ann in group "Group C" kept: it is managed by enrol_cohort, which alone may remove it',
        'line 2 [info] Previous group assignment deleted for ann in course ALG101: group "Group A"',
        'line 3 [created] User bob added to group "Group C" of course ALG101',
        'line 3 [info] Previous group assignment deleted for bob in course ALG101: group "Group A"',
        'line 3 [info] Previous group assignment deleted for bob in course ALG101: group "Group B"',
        'line 4 [unchanged] User bob already in group "Group C" of course ALG101',
      ]);
      expect(run.counters.entities).toEqual({ 'groupmember.updated': 1, 'groupmember.deleted': 3, 'groupmember.created': 1, 'groupmember.unchanged': 1 });
      expect(await membersOf(engine, alg)).toEqual(['Group B: ann (tool_sync)', 'Group C: ann (enrol_cohort)', 'Group C: bob']);
      // Another course is left alone.
      expect(await membersOf(engine, bio)).toEqual(['Group A: ann']);
    });

    it('deletes memberships: manual and tool_sync ones, skips a user who is not a member, refuses another plugin\'s', async () => {
      engine = await openTestEngine(kind);
      const { alg, groups, users } = await school(engine);
      await engine.settings.save({ enrols_protectgroups: true });
      await addMember(engine, groups.a, users.ann, '');
      await addMember(engine, groups.b, users.ann, 'tool_sync');
      await addMember(engine, groups.c, users.ann, 'enrol_meta');
      const { lines, run } = await runMembers(
        engine,
        csv('cmd;courseid;groupid;userid', 'del;ALG101;Group A;ann', 'del;ALG101;Group B;ann', 'del;ALG101;Group C;ann', 'del;ALG101;Group A;bob', 'del;ALG101;Group A;ann'),
      );
      expect(lines).toEqual([
        'line 2 [deleted] User ann removed from group "Group A" of course ALG101',
        'line 3 [deleted] User ann removed from group "Group B" of course ALG101',
        `line 4 [error] the platform refused to remove user ann from group "Group C" of course ALG101: Membership of user ${users.ann} in group ${groups.c} is owned by "enrol_meta" and cannot be removed`,
        'line 5 [skipped] User bob is not a member of group "Group A" of course ALG101: nothing to remove',
        'line 6 [skipped] User ann is not a member of group "Group A" of course ALG101: nothing to remove',
      ]);
      expect(run.counters).toMatchObject({ ok: 2, skipped: 2, errors: 1 });
      expect(await membersOf(engine, alg)).toEqual(['Group C: ann (enrol_meta)']);
    });

    it('reads the command from a gcmd column, and from cmd when both are there (saying so)', async () => {
      engine = await openTestEngine(kind);
      const { alg, groups, users } = await school(engine);
      await addMember(engine, groups.a, users.ann);
      const alias = await runMembers(engine, csv('gcmd;courseid;groupid;userid', 'del;ALG101;Group A;ann', ';ALG101;Group B;bob'));
      expect(alias.lines).toEqual([
        'line 2 [deleted] User ann removed from group "Group A" of course ALG101',
        'line 3 [created] User bob added to group "Group B" of course ALG101',
      ]);
      const both = await runMembers(engine, csv('cmd;gcmd;courseid;groupid;userid', 'add;del;ALG101;Group C;bob', ';bogus;ALG101;Group C;ann'));
      expect(both.report).toContain('[notice] columns cmd and gcmd are both present: cmd gives the commands, gcmd is ignored');
      expect(both.lines).toEqual([
        'line 2 [created] User bob added to group "Group C" of course ALG101',
        'line 3 [created] User ann added to group "Group C" of course ALG101',
      ]);
      expect(await membersOf(engine, alg)).toEqual(['Group B: bob', 'Group C: ann', 'Group C: bob']);
    });

    it('stops a file without a courseid column with a clear message, before any row', async () => {
      engine = await openTestEngine(kind);
      const { alg } = await school(engine);
      const { run } = await runMembers(engine, csv('groupid;userid', 'Group A;ann'));
      expect(run.status).toBe('failed');
      expect(run.message).toBe('groupmembers.csv, line 1: required column "courseid" is missing from the header. Required columns: groupid, userid, courseid.');
      expect(await membersOf(engine, alg)).toEqual([]);
    });

    it('sees in each row what the rows before it did, and a simulation predicts exactly the real run', async () => {
      engine = await openTestEngine(kind);
      const { alg, groups, users } = await school(engine);
      await addMember(engine, groups.c, users.bob, 'enrol_cohort');
      const file = csv(
        'cmd;courseid;groupid;userid',
        'add;ALG101;Group A;ann',
        'add;ALG101;Group B;ann',
        'shift;ALG101;Group C;ann',
        'del;ALG101;Group A;ann',
        'add;ALG101;Group A;bob',
        'del;ALG101;Group A;bob',
        'del;ALG101;Group A;bob',
        'del;ALG101;Group C;bob',
        'add;ALG101;Group A;carl',
        'shift;ALG101;Group B;bob',
      );
      const simulated = await runMembers(engine, file, { simulate: true });
      expect(await membersOf(engine, alg)).toEqual(['Group C: bob (enrol_cohort)']);
      const real = await runMembers(engine, file);
      expect(real.lines).toEqual([
        'line 2 [created] User ann added to group "Group A" of course ALG101',
        'line 3 [created] User ann added to group "Group B" of course ALG101',
        'line 4 [created] User ann added to group "Group C" of course ALG101',
        'line 4 [info] Previous group assignment deleted for ann in course ALG101: group "Group A"',
        'line 4 [info] Previous group assignment deleted for ann in course ALG101: group "Group B"',
        'line 5 [skipped] User ann is not a member of group "Group A" of course ALG101: nothing to remove',
        'line 6 [created] User bob added to group "Group A" of course ALG101',
        'line 7 [deleted] User bob removed from group "Group A" of course ALG101',
        'line 8 [skipped] User bob is not a member of group "Group A" of course ALG101: nothing to remove',
        `line 9 [error] the platform refused to remove user bob from group "Group C" of course ALG101: Membership of user ${users.bob} in group ${groups.c} is owned by "enrol_cohort" and cannot be removed`,
        'line 10 [error] user carl is not enrolled in course ALG101, so cannot be added to its group "Group A"',
        'line 11 [created] User bob added to group "Group B" of course ALG101',
        'line 11 [warning] membership of bob in group "Group C" kept: it is managed by enrol_cohort, which alone may remove it',
      ]);
      expect(simulated.lines).toEqual(real.lines);
      expect(simulated.run.counters).toEqual(real.run.counters);
      expect(await membersOf(engine, alg)).toEqual(['Group B: bob', 'Group C: ann', 'Group C: bob (enrol_cohort)']);
    });
  });
}
