import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { csv, rowLines } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';
import { startRuns } from '../../engine/run/start-runs.js';
import { findAction } from '../registry.js';
import { courseGroupsAction } from './course-groups-processor.js';
import {
  bindGrouping,
  bindingsOf,
  buildGroup,
  buildGrouping,
  fixture,
  groupingsOf,
  groupsOf,
  runGroups,
  twoCourses,
  useFixture,
} from './fixtures/groups-kit.js';

describe('groups actions in the registry', () => {
  it('finds the group file as the first action of the groups processor, and the members file by name', () => {
    expect(findAction('groups')).toBe(courseGroupsAction);
    expect(findAction('groups')).toMatchObject({ action: 'groups', locationSetting: 'groups_filelocation', defaultFile: 'groups.csv' });
    expect(findAction('groups/members')).toMatchObject({ action: 'members', locationSetting: 'groupmembers_filelocation', defaultFile: 'groupmembers.csv' });
  });
});

for (const kind of DATABASES) {
  describe(`group and grouping file on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    it('creates groups and groupings, binds them, then finds everything unchanged on the next run', async () => {
      engine = await openTestEngine(kind);
      const { alg, bio } = await twoCourses(engine);
      const input = useFixture(engine, 'groups.csv');
      const [first] = await startRuns(engine, { action: courseGroupsAction, input, trigger: 'manual' });
      expect(rowLines(readFileSync(first!.reportFile, 'utf8'))).toEqual([
        'line 3 [created] Grouping "Year A" created in course ALG101',
        'line 4 [created] Group "Group 1" created in course ALG101',
        'line 4 [info] Binding group "Group 1" to grouping "Year A"',
        'line 5 [created] Group "Group 2" created in course ALG101',
        'line 5 [info] Self-grouping group "Group 2": grouping "Group 2" created in course ALG101',
        'line 5 [info] Binding group "Group 2" to grouping "Group 2"',
        'line 6 [created] Group "Group 3" created in course ALG101',
        'line 7 [created] Group "Group 1" created in course BIO',
      ]);
      expect(first).toMatchObject({
        status: 'succeeded',
        counters: { read: 5, ok: 5, errors: 0, entities: { 'grouping.created': 2, 'group.created': 4, 'group.bound': 2 } },
      });
      expect(await groupsOf(engine, alg)).toEqual(['Group 1|TC1_GR1|Test group 1', 'Group 2|TC1_GR2|Test group 2', 'Group 3||']);
      expect(await groupsOf(engine, bio)).toEqual(['Group 1|BIO_GR1|Biology group 1']);
      // The self-grouping takes the group's name and description (not its idnumber: groupings have their own).
      expect(await groupingsOf(engine, alg)).toEqual(['Year A|GRPA|Year A groups', 'Group 2||Test group 2']);
      expect(await bindingsOf(engine, alg)).toEqual(['Group 2 > Group 2', 'Year A > Group 1']);

      const [second] = await startRuns(engine, { action: courseGroupsAction, input, trigger: 'manual' });
      expect(rowLines(readFileSync(second!.reportFile, 'utf8'))).toEqual([
        'line 3 [unchanged] Grouping "Year A" already exists in course ALG101 (found by name "Year A"): kept unchanged',
        'line 4 [unchanged] Group "Group 1" already exists in course ALG101 (found by idnumber "TC1_GR1"): kept unchanged',
        'line 4 [info] Group "Group 1" already bound to grouping "Year A"',
        'line 5 [unchanged] Group "Group 2" already exists in course ALG101 (found by idnumber "TC1_GR2"): kept unchanged',
        'line 5 [info] Group "Group 2" already bound to grouping "Group 2"',
        'line 6 [unchanged] Group "Group 3" already exists in course ALG101 (found by name "Group 3"): kept unchanged',
        'line 7 [unchanged] Group "Group 1" already exists in course BIO (found by idnumber "BIO_GR1"): kept unchanged',
      ]);
      expect(second!.counters.entities).toEqual({ 'grouping.unchanged': 1, 'group.unchanged': 4 });
      expect(await groupsOf(engine, alg)).toHaveLength(3);
    });

    it('reuses a group found by idnumber even under another name, and one found by name when the row has no idnumber', async () => {
      engine = await openTestEngine(kind);
      const { alg } = await twoCourses(engine);
      await buildGroup(engine.store, { courseId: alg, name: 'Old name', idnumber: 'G1' });
      await buildGroup(engine.store, { courseId: alg, name: 'Plain' });
      const { lines } = await runGroups(engine, csv('courseid;name;idnumber', 'ALG101;New name;G1', 'ALG101;Plain;'));
      expect(lines).toEqual([
        'line 2 [unchanged] Group "Old name" already exists in course ALG101 (found by idnumber "G1"): kept unchanged',
        'line 3 [unchanged] Group "Plain" already exists in course ALG101 (found by name "Plain"): kept unchanged',
      ]);
      expect(await groupsOf(engine, alg)).toEqual(['Old name|G1|', 'Plain||']);
    });

    it('gives every bad row its own error, keeps the group whose grouping is unknown, and feeds the tryback file', async () => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ filefailed: true });
      const { alg } = await twoCourses(engine);
      await buildGroup(engine.store, { courseId: alg, name: 'Group 1', idnumber: 'G1' });
      const input = useFixture(engine, 'groups-errors.csv');
      const [run] = await startRuns(engine, { action: courseGroupsAction, input, trigger: 'manual' });
      expect(rowLines(readFileSync(run!.reportFile, 'utf8'))).toEqual([
        'line 2 [error] Null or invalid course identifier: column courseid is empty',
        'line 3 [error] No such course: no course with shortname "NOPE" (column courseid)',
        'line 4 [error] column name: a group or grouping name is required',
        `line 5 [error] the platform refused group "Group 1" in course ALG101: A group named "Group 1" already exists in course ${alg}`,
        'line 6 [error] column grouping: Unknown grouping IDNumber "NOGROUPING": no grouping of course ALG101 has this idnumber; the group is kept, feed the row again once the grouping exists',
        'line 6 [info] Group "Group 4" created in course ALG101',
        'line 7 [created] Grouping "Team A" created in course ALG101',
        'line 7 [warning] column type: "team" is neither group nor grouping; the row is read as a grouping, as the original plugin did',
        'line 8 [created] Group "Group 5" created in course ALG101',
      ]);
      expect(run).toMatchObject({ status: 'succeeded_with_errors', counters: { read: 7, ok: 2, errors: 5 } });
      expect(run!.counters.entities).toEqual({ 'group.error': 5, 'group.created': 2, 'grouping.created': 1 });
      expect(await groupsOf(engine, alg)).toEqual(['Group 1|G1|', 'Group 4|G4|', 'Group 5|G5|']);
      const tryback = readFileSync(join(engine.folder.files, run!.trybackPath!), 'utf8');
      expect(tryback.split('\n')).toEqual([
        'type;courseid;name;idnumber;description;selfgrouping;grouping',
        'group;;Group X;;;;',
        'group;NOPE;Group X;;;;',
        'group;ALG101;;GX;;;',
        'group;ALG101;Group 1;OTHER;;;',
        'group;ALG101;Group 4;G4;;;NOGROUPING',
      ]);

      // Once the grouping exists, the tryback row binds the group it created the first time.
      await buildGrouping(engine, { courseId: alg, name: 'Late grouping', idnumber: 'NOGROUPING' });
      const again = await runGroups(engine, csv('type;courseid;name;idnumber;description;selfgrouping;grouping', 'group;ALG101;Group 4;G4;;;NOGROUPING'));
      expect(again.lines).toEqual([
        'line 2 [unchanged] Group "Group 4" already exists in course ALG101 (found by idnumber "G4"): kept unchanged',
        'line 2 [info] Binding group "Group 4" to grouping "Late grouping"',
      ]);
      expect(await bindingsOf(engine, alg)).toEqual(['Late grouping > Group 4']);
    });

    it('names courses by id (the default) and by idnumber', async () => {
      engine = await openTestEngine(kind);
      const { alg, bio } = await twoCourses(engine);
      await engine.settings.save({ groups_courseidentifier: 'id' });
      const byId = await runGroups(engine, csv('courseid;name', `${alg};By id`, 'ALG101;Shortname'));
      expect(byId.lines).toEqual([
        'line 2 [created] Group "By id" created in course ALG101',
        'line 3 [error] No such course: no course with id "ALG101" (column courseid)',
      ]);
      await engine.settings.save({ groups_courseidentifier: 'idnumber' });
      const byIdnumber = await runGroups(engine, csv('courseid;name', 'C-BIO;By idnumber'));
      expect(byIdnumber.lines).toEqual(['line 2 [created] Group "By idnumber" created in course BIO']);
      expect(await groupsOf(engine, alg)).toEqual(['By id||']);
      expect(await groupsOf(engine, bio)).toEqual(['By idnumber||']);
    });

    describe('update mode', () => {
      it('finds the group by idnumber in the row\'s course only, and keeps the idnumber when the file has no idnumber column', async () => {
        engine = await openTestEngine(kind);
        const { alg, bio } = await twoCourses(engine);
        await engine.settings.save({ groups_groupidentifier: 'idnumber' });
        await buildGroup(engine.store, { courseId: alg, name: 'Group 1', idnumber: 'G1' });
        await buildGroup(engine.store, { courseId: bio, name: 'Group 1', idnumber: 'G1' });
        const file = csv('courseid;name;description;updateid', 'ALG101;Group One;Renamed;G1');
        const { lines } = await runGroups(engine, file);
        expect(lines).toEqual(['line 2 [updated] Group "Group One" updated in course ALG101 (found by idnumber "G1"): name, description']);
        expect(await groupsOf(engine, alg)).toEqual(['Group One|G1|Renamed']);
        expect(await groupsOf(engine, bio)).toEqual(['Group 1|G1|']);
        expect((await runGroups(engine, file)).lines).toEqual([
          'line 2 [unchanged] Group "Group One" of course ALG101 (found by idnumber "G1") is already up to date',
        ]);
      });

      it('finds the group by id within the row\'s course, writes the idnumber column, and creates in the row\'s course what it does not find there', async () => {
        engine = await openTestEngine(kind);
        const { alg, bio } = await twoCourses(engine);
        await engine.settings.save({ groups_groupidentifier: 'id' });
        const group = await buildGroup(engine.store, { courseId: alg, name: 'Group 1', idnumber: 'G1' });
        const { lines } = await runGroups(engine, csv('courseid;name;idnumber;updateid', `ALG101;Group 1;G1-NEW;${group}`, `BIO;Group 9;;${group}`, 'ALG101;Group 7;G7;'));
        expect(lines).toEqual([
          `line 2 [updated] Group "Group 1" updated in course ALG101 (found by id "${group}"): idnumber`,
          `line 3 [created] No group with id "${group}" in course BIO to update: group "Group 9" created`,
          'line 4 [created] Group "Group 7" created in course ALG101',
        ]);
        expect(await groupsOf(engine, alg)).toEqual(['Group 1|G1-NEW|', 'Group 7|G7|']);
        expect(await groupsOf(engine, bio)).toEqual(['Group 9||']);
      });

      it('finds the group by name and renames it, its idnumber kept; a name another group holds is refused', async () => {
        engine = await openTestEngine(kind);
        const { alg } = await twoCourses(engine);
        await engine.settings.save({ groups_groupidentifier: 'name' });
        await buildGroup(engine.store, { courseId: alg, name: 'Group 1', idnumber: 'G1' });
        await buildGroup(engine.store, { courseId: alg, name: 'Group 2', idnumber: 'G2' });
        const { lines } = await runGroups(engine, csv('courseid;name;updateid', 'ALG101;Group 2;Group 1', 'ALG101;Group A;Group 1', 'ALG101;Group A;Group 2'));
        expect(lines).toEqual([
          `line 2 [error] the platform refused group "Group 2" in course ALG101: A group named "Group 2" already exists in course ${alg}`,
          'line 3 [updated] Group "Group A" updated in course ALG101 (found by name "Group 1"): name',
          `line 4 [error] the platform refused group "Group A" in course ALG101: A group named "Group A" already exists in course ${alg}`,
        ]);
        expect(await groupsOf(engine, alg)).toEqual(['Group A|G1|', 'Group 2|G2|']);
      });

      it('updates groupings by each identifier, never changing the field they are identified by', async () => {
        engine = await openTestEngine(kind);
        const { alg } = await twoCourses(engine);
        const header = 'type;courseid;name;idnumber;description;updateid';
        await buildGrouping(engine, { courseId: alg, name: 'Year A', idnumber: 'GA' });
        const third = await buildGrouping(engine, { courseId: alg, name: 'Year C', idnumber: 'GC' });

        await engine.settings.save({ groups_groupingidentifier: 'name' });
        const byName = await runGroups(engine, csv(header, 'grouping;ALG101;Ignored name;GA2;First year;Year A'));
        expect(byName.lines).toEqual(['line 2 [updated] Grouping "Year A" updated in course ALG101 (found by name "Year A"): idnumber, description']);

        await engine.settings.save({ groups_groupingidentifier: 'idnumber' });
        const byIdnumber = await runGroups(engine, csv(header, 'grouping;ALG101;Year B;IGNORED;First year;GA2'));
        expect(byIdnumber.lines).toEqual(['line 2 [updated] Grouping "Year B" updated in course ALG101 (found by idnumber "GA2"): name']);

        await engine.settings.save({ groups_groupingidentifier: 'id' });
        const byId = await runGroups(engine, csv('type;courseid;name;updateid', `grouping;ALG101;Year Three;${third}`, 'grouping;BIO;Year Three;999999'));
        expect(byId.lines).toEqual([
          `line 2 [updated] Grouping "Year Three" updated in course ALG101 (found by id "${third}"): name`,
          'line 3 [created] No grouping with id "999999" in course BIO to update: grouping "Year Three" created',
        ]);
        expect(await groupingsOf(engine, alg)).toEqual(['Year B|GA2|First year', 'Year Three|GC|']);
      });
    });

    it('sees in each row what the rows before it did, and a simulation predicts exactly the real run', async () => {
      engine = await openTestEngine(kind);
      const { alg } = await twoCourses(engine);
      await engine.settings.save({ groups_groupidentifier: 'idnumber' });
      const file = csv(
        'type;courseid;name;idnumber;selfgrouping;grouping;updateid',
        'group;ALG101;Group A;GA;;;',
        'grouping;ALG101;Team;T1;;;',
        'group;ALG101;Group B;GB;;T1;',
        'group;ALG101;Group A renamed;GA;;T1;GA',
        'group;ALG101;Group A renamed;GA;1;T1;',
        'group;ALG101;Group A renamed;GA;;T1;',
        'group;ALG101;Group C;GA;;;',
      );
      const simulated = await runGroups(engine, file, { simulate: true });
      expect(await groupsOf(engine, alg)).toEqual([]);
      expect(await groupingsOf(engine, alg)).toEqual([]);
      expect(simulated.report).toContain('line 2 [created] SIMULATION: Group "Group A" created in course ALG101');
      const real = await runGroups(engine, file);
      expect(real.lines).toEqual([
        'line 2 [created] Group "Group A" created in course ALG101',
        'line 3 [created] Grouping "Team" created in course ALG101',
        'line 4 [created] Group "Group B" created in course ALG101',
        'line 4 [info] Binding group "Group B" to grouping "Team"',
        'line 5 [updated] Group "Group A renamed" updated in course ALG101 (found by idnumber "GA"): name',
        'line 5 [info] Binding group "Group A renamed" to grouping "Team"',
        'line 6 [unchanged] Group "Group A renamed" already exists in course ALG101 (found by idnumber "GA"): kept unchanged',
        'line 6 [info] Self-grouping group "Group A renamed": grouping "Group A renamed" created in course ALG101',
        'line 6 [info] Binding group "Group A renamed" to grouping "Group A renamed"',
        'line 6 [info] Group "Group A renamed" already bound to grouping "Team"',
        'line 7 [unchanged] Group "Group A renamed" already exists in course ALG101 (found by idnumber "GA"): kept unchanged',
        'line 7 [info] Group "Group A renamed" already bound to grouping "Team"',
        'line 8 [unchanged] Group "Group A renamed" already exists in course ALG101 (found by idnumber "GA"): kept unchanged',
      ]);
      expect(simulated.lines).toEqual(real.lines);
      expect(simulated.run.counters).toEqual(real.run.counters);
      expect(await groupsOf(engine, alg)).toEqual(['Group A renamed|GA|', 'Group B|GB|']);
      expect(await bindingsOf(engine, alg)).toEqual(['Group A renamed > Group A renamed', 'Team > Group A renamed', 'Team > Group B']);
    });

    it('simulates the fixture exactly as the real run then does it, writing nothing', async () => {
      engine = await openTestEngine(kind);
      const { alg } = await twoCourses(engine);
      await buildGroup(engine.store, { courseId: alg, name: 'Group 1', idnumber: 'G1' });
      const existing = await buildGrouping(engine, { courseId: alg, name: 'Year A', idnumber: 'OLD' });
      await bindGrouping(engine, existing, (await engine.store.db.selectFrom('lms_groups').select('id').executeTakeFirstOrThrow()).id);
      for (const name of ['groups.csv', 'groups-errors.csv']) {
        const file = fixture(name);
        const simulated = await runGroups(engine, file, { simulate: true, name });
        const before = [await groupsOf(engine, alg), await groupingsOf(engine, alg), await bindingsOf(engine, alg)];
        const real = await runGroups(engine, file, { name });
        expect(before).not.toEqual([await groupsOf(engine, alg), await groupingsOf(engine, alg), await bindingsOf(engine, alg)]);
        expect(simulated.lines).toEqual(real.lines);
        expect(simulated.run.counters).toEqual(real.run.counters);
      }
    });

    it('says on a second run that groups are bound already', async () => {
      engine = await openTestEngine(kind);
      await twoCourses(engine);
      const file = fixture('groups.csv');
      expect((await runGroups(engine, file)).run.counters.entities).toMatchObject({ 'group.created': 4, 'group.bound': 2 });
      const real = await runGroups(engine, file);
      expect(real.lines).toContain('line 4 [info] Group "Group 1" already bound to grouping "Year A"');
      expect(real.run.counters.entities['group.bound']).toBeUndefined();
    });

    // The simulation reads the bindings made before the run (findGroupingGroups): it says "already bound" as the
    // real run does, not "Binding group…".
    it('simulates a second run of a file exactly, bindings made before the run included', async () => {
      engine = await openTestEngine(kind);
      await twoCourses(engine);
      const file = fixture('groups.csv');
      await runGroups(engine, file);
      const simulated = await runGroups(engine, file, { simulate: true });
      const real = await runGroups(engine, file);
      expect(simulated.lines).toEqual(real.lines);
      expect(simulated.run.counters).toEqual(real.run.counters);
    });

    it('writes its report and summary in French when asked', async () => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ reportlang: 'fr' });
      await twoCourses(engine);
      const { report } = await runGroups(engine, fixture('groups.csv'));
      expect(report).toContain('ligne 3 [créé] Groupement « Year A » créé dans le cours ALG101');
      expect(report).toContain('ligne 4 [info] Rattachement du groupe « Group 1 » au groupement « Year A »');
      expect(report).toContain('ligne 5 [info] Auto-groupement du groupe « Group 2 » : groupement « Group 2 » créé dans le cours ALG101');
      expect(report).toContain('groupes : 4 créés, 2 rattachés à un groupement');
      expect(report).toContain('groupements : 2 créés');
    });
  });
}
