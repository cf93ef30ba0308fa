import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine, TEST_PLATFORM } from '../../../test/databases.js';
import {
  buildCohort,
  buildCourse,
  buildEnrolInstance,
  buildGroup,
  buildGrouping,
  buildGroupingGroup,
  buildRoleAssignment,
  buildUser,
  buildUserEnrolment,
} from '../../../test/factories.js';
import { csv } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';
import { course, enrolled, groupsOf, methods, sections } from './fixtures/courses-kit.js';
import { simulateThenRun } from './fixtures/upload-kit.js';

for (const kind of DATABASES) {
  describe(`templates of the course creation file on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    /**
     * TPL: weekly, 2 news items, group mode 1, sections 0…5, self enrolment on, its manual method off and giving
     * the non-editing teacher role, two groups in a grouping, a cohort method into group A, a teacher, and a
     * metacourse link mirroring MASTER, where msmith is a student, and a disabled one mirroring OLD.
     */
    const open = async (settings: Record<string, string | boolean> = {}) => {
      engine = await openTestEngine(kind);
      await engine.settings.save(settings);
      await buildUser(engine.store, { username: 'jdoe', idnumber: 'U0001' });
      await simulateThenRun(
        engine,
        csv(
          'shortname;fullname;summary;format;newsitems;groupmode;topic0;topic1;topic5;self;teacher1_account',
          'TPL;Template;Template summary;weeks;2;1;Welcome|Read me;Week 1|First week;Week 5|Fifth week;1;jdoe',
        ),
      );
      const { id } = await engine.store.db.selectFrom('lms_course').select('id').where('shortname', '=', 'TPL').executeTakeFirstOrThrow();
      const groupA = await buildGroup(engine.store, { courseId: id, name: 'Group A', idnumber: 'GA' });
      const groupB = await buildGroup(engine.store, { courseId: id, name: 'Group B' });
      const grouping = await buildGrouping(engine.store, { courseId: id, name: 'All groups' });
      await buildGroupingGroup(engine.store, { groupingId: grouping, groupId: groupA });
      await buildGroupingGroup(engine.store, { groupingId: grouping, groupId: groupB });
      const cohort = await buildCohort(engine.store, { name: 'Cohort', idnumber: 'CH1' });
      await buildEnrolInstance(engine.store, { courseId: id, enrol: 'cohort', sortorder: 2, customint1: cohort, customint2: groupA });
      await engine.store.db.updateTable('lms_enrol').set({ status: 1, roleid: 4 }).where('courseid', '=', id).where('enrol', '=', 'manual').execute();
      const master = await buildCourse(engine.store, { shortname: 'MASTER' });
      const msmith = await buildUser(engine.store, { username: 'msmith', idnumber: 'U0002' });
      const masterManual = await engine.store.db.selectFrom('lms_enrol').select('id').where('courseid', '=', master).executeTakeFirstOrThrow();
      await buildUserEnrolment(engine.store, { instanceId: masterManual.id, userId: msmith });
      await buildRoleAssignment(engine.store, { courseId: master, userId: msmith, roleId: 5 });
      await buildEnrolInstance(engine.store, { courseId: id, enrol: 'meta', sortorder: 3, roleId: 0, customint1: master });
      const old = await buildCourse(engine.store, { shortname: 'OLD' });
      await buildEnrolInstance(engine.store, { courseId: id, enrol: 'meta', sortorder: 4, roleId: 0, status: 1, customint1: old });
      return { cohort, master, old };
    };

    it('creates a course on a template: its settings, sections, groups, groupings and methods, never its users; then the row values', async () => {
      const { cohort, master, old } = await open();
      const { lines, run } = await simulateThenRun(
        engine,
        csv('shortname;fullname;template;newsitems;topic1', 'NEW1;New one;TPL;4;Own week|Mine', 'NEW2;New two;NOPE;;', 'NEW3;New three;backups/course.mbz;;'),
      );
      expect(lines).toEqual([
        'line 2 [created] Course [NEW1] New one has been created in category Miscellaneous on template TPL.',
        'line 2 [info] Sections written: topic1',
        'line 2 [info] Template TPL copied: 6 sections, 2 groups, 1 groupings, 4 enrolment methods',
        'line 3 [error] column template: Could not find template course with shortname NOPE. Course NEW2 failed.',
        // Moodle restores backups, from the command file area: this one is not there.
        TEST_PLATFORM === 'moodle'
          ? 'line 4 [error] column template: no backup file backups/course.mbz in the command file area; a .mbz template is read from there, by its path in the area (such as templates/course.mbz)'
          : 'line 4 [error] column template: backups/course.mbz is a Moodle backup file (.mbz); restoring backups is a feature of the Moodle platform, not of the embedded platform: name a template course by its shortname',
      ]);
      expect(run.counters.entities).toEqual({ 'course.created': 1, 'course.error': 2 });
      const created = await course(engine, 'NEW1');
      expect(created).toMatchObject({ fullname: 'New one', summary: 'Template summary', format: 'weeks', newsitems: 4, groupmode: 1 });
      expect((await sections(engine)).filter((line) => line.startsWith('NEW1'))).toEqual([
        'NEW1#0 Welcome|Read me',
        'NEW1#1 Own week|Mine',
        'NEW1#2 (default)|',
        'NEW1#3 (default)|',
        'NEW1#4 (default)|',
        'NEW1#5 Week 5|Fifth week',
      ]);
      expect(await groupsOf(engine, 'NEW1')).toEqual(['group Group A (GA)', 'group Group B ()', 'grouping All groups: Group A,Group B']);
      expect((await methods(engine)).filter((line) => line.startsWith('NEW1'))).toEqual([
        'NEW1 manual off teacher',
        'NEW1 self on student',
        `NEW1 cohort:${cohort} on student`,
        `NEW1 meta:${master} on -`,
        `NEW1 meta:${old} off -`,
      ]);
      const groupA = await engine.store.db
        .selectFrom('lms_enrol as e')
        .innerJoin('lms_course as c', 'c.id', 'e.courseid')
        .innerJoin('lms_groups as g', 'g.id', 'e.customint2')
        .select(['g.name', 'g.courseid', 'c.id as courseId'])
        .where('c.shortname', '=', 'NEW1')
        .executeTakeFirstOrThrow();
      expect(groupA).toMatchObject({ name: 'Group A', courseid: groupA.courseId });
      // Never the template's users (jdoe teaches TPL); the link brings MASTER's, as Moodle's meta sync does.
      expect((await enrolled(engine)).filter((line) => line.startsWith('NEW1'))).toEqual(['NEW1 msmith meta student']);
    });

    it('applies a template to an existing course per courses_template_mode: nothing, add what it lacks, or replace its content', async () => {
      const { cohort, master, old } = await open({ courses_forceupdate: true });
      await simulateThenRun(engine, csv('shortname;fullname;topic1', 'EX1;Existing one;Mine|Kept', 'EX2;Existing two;Mine|Replaced'));
      for (const shortname of ['EX1', 'EX2']) {
        const { id } = await engine.store.db.selectFrom('lms_course').select('id').where('shortname', '=', shortname).executeTakeFirstOrThrow();
        await buildGroup(engine.store, { courseId: id, name: 'Group A', idnumber: `${shortname}-A` });
        await buildGroup(engine.store, { courseId: id, name: 'Own group' });
      }
      const text = csv('shortname;fullname;template', 'EX1;Existing one;TPL');
      expect((await simulateThenRun(engine, text)).lines).toEqual([
        'line 2 [unchanged] Course [EX1]  Existing one unchanged.',
        'line 2 [info] Template TPL not applied to the existing course (courses_template_mode is 0)',
      ]);

      await engine.settings.save({ courses_template_mode: '1' });
      expect((await simulateThenRun(engine, text)).lines).toEqual([
        'line 2 [updated] Course [EX1]  Existing one updated (template).',
        'line 2 [info] Template TPL content added: 4 sections, 1 groups, 1 groupings, 4 enrolment methods',
      ]);
      expect((await sections(engine)).filter((line) => line.startsWith('EX1'))).toEqual([
        'EX1#0 (default)|',
        'EX1#1 Mine|Kept',
        'EX1#2 (default)|',
        'EX1#3 (default)|',
        'EX1#4 (default)|',
        'EX1#5 Week 5|Fifth week',
      ]);
      expect(await groupsOf(engine, 'EX1')).toEqual(['group Group A (EX1-A)', 'group Own group ()', 'group Group B ()', 'grouping All groups: Group A,Group B']);
      // An existing course keeps its own manual method, as a restore into it does.
      expect((await methods(engine)).filter((line) => line.startsWith('EX1'))).toEqual([
        'EX1 manual on student',
        'EX1 self on student',
        `EX1 cohort:${cohort} on student`,
        `EX1 meta:${master} on -`,
        `EX1 meta:${old} off -`,
      ]);

      await engine.settings.save({ courses_template_mode: '2' });
      expect((await simulateThenRun(engine, csv('shortname;fullname;template', 'EX2;Existing two;TPL'))).lines).toEqual([
        'line 2 [updated] Course [EX2]  Existing two updated (template).',
        'line 2 [info] Course content replaced by template TPL: 6 sections, 2 groups, 1 groupings, 4 enrolment methods',
      ]);
      expect((await sections(engine)).filter((line) => line.startsWith('EX2'))).toEqual([
        'EX2#0 Welcome|Read me',
        'EX2#1 Week 1|First week',
        'EX2#2 (default)|',
        'EX2#3 (default)|',
        'EX2#4 (default)|',
        'EX2#5 Week 5|Fifth week',
      ]);
      expect(await groupsOf(engine, 'EX2')).toEqual(['group Group A (GA)', 'group Group B ()', 'grouping All groups: Group A,Group B']);
    });

    it('takes as template a course an earlier row of the file created', async () => {
      await open();
      const { lines } = await simulateThenRun(engine, csv('shortname;fullname;template;topic1', 'BASE;Base;;Base week|From base', 'COPY;Copy;BASE;'));
      expect(lines).toEqual([
        'line 2 [created] Course [BASE] Base has been created in category Miscellaneous.',
        'line 2 [info] Sections written: topic1',
        'line 3 [created] Course [COPY] Copy has been created in category Miscellaneous on template BASE.',
        'line 3 [info] Template BASE copied: 2 sections, 0 groups, 0 groupings, 0 enrolment methods',
      ]);
      expect((await sections(engine)).filter((line) => line.startsWith('COPY'))).toEqual(['COPY#0 (default)|', 'COPY#1 Base week|From base']);
    });
  });
}
