import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { buildUser } from '../../../test/factories.js';
import { csv } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';
import { findAction } from '../registry.js';
import { coursesCreateAction } from './upload-processor.js';
import { categories, course, courses, enrolled, methods, sections } from './fixtures/courses-kit.js';
import { fixture, runCourses, simulateThenRun } from './fixtures/upload-kit.js';

for (const kind of DATABASES) {
  describe(`course creation file on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    const open = async (settings: Record<string, string | boolean> = {}) => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ dates_timezone: 'UTC', ...settings });
      await buildUser(engine.store, { username: 'jdoe', idnumber: 'U0001', email: 'jdoe@example.org' });
      await buildUser(engine.store, { username: 'asmith', idnumber: 'U0002', email: 'asmith@example.org' });
    };

    it('creates the sample file: category paths, settings, topics, teachers, self and guest; simulate predicts it; a re-run skips', async () => {
      await open();
      const { lines, run } = await simulateThenRun(engine, fixture('uploadcourses.csv'));
      expect(lines).toEqual([
        'line 2 [created] Course [MATH101] Mathematics 101 has been created in category Sciences/Mathematics/Year 1.',
        'line 2 [info] Category Sciences created',
        'line 2 [info] Category Sciences/Mathematics created',
        'line 2 [info] Category Sciences/Mathematics/Year 1 created',
        'line 2 [info] Sections written: topic0, topic1, topic2',
        'line 2 [info] Enrolment method self added',
        'line 2 [info] User jdoe enrolled with role editingteacher',
        'line 3 [created] Course [MATH102] Mathematics 102 has been created in category Sciences/Mathematics/Year 1.',
        'line 3 [info] Sections written: topic1',
        'line 3 [info] User asmith enrolled with role teacher',
        'line 4 [created] Course [PHYS101] Physics 101 has been created in category Sciences/Physics.',
        'line 4 [info] Category Sciences/Physics created',
        'line 4 [info] Enrolment method guest added',
      ]);
      expect(run.counters.entities).toEqual({ 'course.created': 3, 'category.created': 4, 'enrolment.created': 2 });
      expect(await categories(engine)).toEqual([
        { path: '/Miscellaneous', visible: 1, depth: 1, idsPathOk: true, context: true },
        { path: '/Sciences', visible: 1, depth: 1, idsPathOk: true, context: true },
        { path: '/Sciences/Mathematics', visible: 1, depth: 2, idsPathOk: true, context: true },
        { path: '/Sciences/Physics', visible: 1, depth: 2, idsPathOk: true, context: true },
        { path: '/Sciences/Mathematics/Year 1', visible: 1, depth: 3, idsPathOk: true, context: true },
      ]);
      const math = await course(engine, 'MATH101');
      expect(math).toMatchObject({ fullname: 'Mathematics 101', idnumber: 'M101', summary: 'Numbers and proofs', format: 'weeks', visible: 1, startdate: 1788220800 });
      expect((await course(engine, 'MATH102')).category).toBe(math.category);
      expect((await course(engine, 'MATH102')).visible).toBe(0);
      expect(await sections(engine)).toEqual([
        'MATH101#0 General|Welcome to maths',
        'MATH101#1 Algebra|Groups and rings',
        'MATH101#2 Analysis|',
        'MATH102#0 (default)|',
        'MATH102#1 Geometry|',
        // No topic column given a value: Moodle's default of four sections.
        'PHYS101#0 (default)|',
        'PHYS101#1 (default)|',
        'PHYS101#2 (default)|',
        'PHYS101#3 (default)|',
        'PHYS101#4 (default)|',
      ]);
      expect(await methods(engine)).toEqual([
        'MATH101 manual on student',
        'MATH101 self on student',
        'MATH102 manual on student',
        'PHYS101 manual on student',
        'PHYS101 guest on -',
      ]);
      expect(await enrolled(engine)).toEqual(['MATH101 jdoe manual editingteacher', 'MATH102 asmith manual teacher']);

      expect((await runCourses(engine, fixture('uploadcourses.csv'))).lines).toEqual([
        'line 2 [skipped] Course [MATH101] M101 Mathematics 101 already exists (courses_forceupdate is off).',
        'line 3 [skipped] Course [MATH102] M102 Mathematics 102 already exists (courses_forceupdate is off).',
        'line 4 [skipped] Course [PHYS101] P101 Physics 101 already exists (courses_forceupdate is off).',
      ]);
    });

    it('stores every optional column, and rejects a bad value of each with the column and the form expected', async () => {
      await open();
      const header =
        'shortname;fullname;idnumber;summary;format;sortorder;showgrades;newsitems;startdate;enddate;marker;maxbytes;legacyfiles;showreports;visible;visibleold;coursedisplay;groupmode;enablecompletion;groupmodeforce;defaultgroupingid;lang;theme;timecreated;timemodified;self;guest';
      const good = 'ALL;All columns;ALL-1;Summary;social;7;0;3;2026-09-01;2027-06-30 12:00;2;1048576;1;1;0;0;1;2;0;1;0;fr;boost;2026-01-01;1767225600;0;0';
      const bad = (column: string, value: string) => {
        const columns = header.split(';');
        const values = good.split(';');
        values[0] = `BAD-${column}`;
        values[2] = '';
        values[columns.indexOf(column)] = value;
        return values.join(';');
      };
      const text = csv(
        header,
        good,
        bad('format', 'grid'),
        bad('sortorder', '-1'),
        bad('showgrades', '2'),
        bad('newsitems', '11'),
        bad('startdate', 'next monday'),
        bad('enddate', '2027-13-01'),
        bad('marker', '53'),
        bad('maxbytes', '1MB'),
        bad('legacyfiles', 'yes'),
        bad('showreports', '-'),
        bad('visible', 'true'),
        bad('visibleold', '3'),
        bad('coursedisplay', '2'),
        bad('groupmode', '3'),
        bad('enablecompletion', 'x'),
        bad('groupmodeforce', '9'),
        bad('defaultgroupingid', 'abc'),
        bad('lang', 'x'.repeat(51)),
        bad('theme', 't'.repeat(51)),
        bad('timecreated', 'yesterday'),
        bad('timemodified', '1.5'),
        bad('self', 'on'),
        bad('guest', '2'),
        bad('idnumber', 'i'.repeat(101)),
        bad('fullname', ''),
        bad('fullname', 'f'.repeat(255)),
        `${'s'.repeat(151)};Long shortname;;;;;;;;;;;;;;;;;;;;;;;;;`,
        ';No shortname;;;;;;;;;;;;;;;;;;;;;;;;;',
      );
      const { lines, run } = await simulateThenRun(engine, text);
      expect(lines).toEqual([
        'line 2 [created] Course [ALL] All columns has been created in category Miscellaneous.',
        'line 3 [error] column format: Invalid value for field format ("grid"); expected one of topics, weeks, social, singleactivity',
        'line 4 [error] column sortorder: Invalid value for field sortorder ("-1"); expected a whole number from 0 to 4294967295',
        'line 5 [error] column showgrades: Invalid value for field showgrades ("2"); expected 0 or 1',
        'line 6 [error] column newsitems: Invalid value for field newsitems ("11"); expected a whole number from 0 to 10',
        'line 7 [error] column startdate: Invalid value for field startdate ("next monday"); expected a date (YYYY-MM-DD, YYYY-MM-DD hh:mm[:ss] or a Unix timestamp)',
        'line 8 [error] column enddate: Invalid value for field enddate ("2027-13-01"); expected a date (YYYY-MM-DD, YYYY-MM-DD hh:mm[:ss] or a Unix timestamp)',
        'line 9 [error] column marker: Invalid value for field marker ("53"); expected a whole number from 0 to 52',
        'line 10 [error] column maxbytes: Invalid value for field maxbytes ("1MB"); expected a whole number from 0 to 9007199254740991',
        'line 11 [error] column legacyfiles: Invalid value for field legacyfiles ("yes"); expected 0 or 1',
        'line 12 [error] column showreports: Invalid value for field showreports ("-"); expected 0 or 1',
        'line 13 [error] column visible: Invalid value for field visible ("true"); expected 0 or 1',
        'line 14 [error] column visibleold: Invalid value for field visibleold ("3"); expected 0 or 1',
        'line 15 [error] column coursedisplay: Invalid value for field coursedisplay ("2"); expected 0 or 1',
        'line 16 [error] column groupmode: Invalid value for field groupmode ("3"); expected a whole number from 0 to 2',
        'line 17 [error] column enablecompletion: Invalid value for field enablecompletion ("x"); expected 0 or 1',
        'line 18 [error] column groupmodeforce: Invalid value for field groupmodeforce ("9"); expected 0 or 1',
        'line 19 [error] column defaultgroupingid: Invalid value for field defaultgroupingid ("abc"); expected a whole number from 0 to 9007199254740991',
        `line 20 [error] column lang: Invalid value for field lang ("${'x'.repeat(51)}"); expected at most 50 characters`,
        `line 21 [error] column theme: Invalid value for field theme ("${'t'.repeat(51)}"); expected at most 50 characters`,
        'line 22 [error] column timecreated: Invalid value for field timecreated ("yesterday"); expected a date (YYYY-MM-DD, YYYY-MM-DD hh:mm[:ss] or a Unix timestamp)',
        'line 23 [error] column timemodified: Invalid value for field timemodified ("1.5"); expected a date (YYYY-MM-DD, YYYY-MM-DD hh:mm[:ss] or a Unix timestamp)',
        'line 24 [error] column self: Invalid value for field self ("on"); expected 0 or 1',
        'line 25 [error] column guest: Invalid value for field guest ("2"); expected 0 or 1',
        `line 26 [error] column idnumber: Invalid value for field idnumber ("${'i'.repeat(101)}"); expected at most 100 characters`,
        'line 27 [error] column fullname: a value is required',
        `line 28 [error] column fullname: Invalid value for field fullname ("${'f'.repeat(255)}"); expected at most 254 characters`,
        `line 29 [error] column shortname: Invalid value for field shortname ("${'s'.repeat(151)}"); expected at most 150 characters`,
        'line 30 [error] column shortname: a value is required',
      ]);
      expect(run.counters.entities).toEqual({ 'course.created': 1, 'course.error': 28 });
      expect(Object.keys(await courses(engine))).toEqual(['ALL']);
      expect(await course(engine, 'ALL')).toEqual({
        category: 1,
        sortorder: 7,
        fullname: 'All columns',
        shortname: 'ALL',
        idnumber: 'ALL-1',
        summary: 'Summary',
        format: 'social',
        startdate: 1788220800,
        enddate: Date.UTC(2027, 5, 30, 12) / 1000,
        visible: 0,
        lang: 'fr',
        showgrades: 0,
        newsitems: 3,
        marker: 2,
        maxbytes: 1048576,
        legacyfiles: 1,
        showreports: 1,
        visibleold: 0,
        coursedisplay: 1,
        groupmode: 2,
        enablecompletion: 0,
        groupmodeforce: 1,
        defaultgroupingid: 0,
        theme: 'boost',
      });
      const times = await engine.store.db.selectFrom('lms_course').select(['timecreated', 'timemodified']).executeTakeFirstOrThrow();
      expect(times).toEqual({ timecreated: 1767225600, timemodified: 1767225600 });
      // self and guest 0 on a new course: no instance is added.
      expect(await methods(engine)).toEqual(['ALL manual on student']);
    });

    it('names every problem of a row at once, the row counted as one error', async () => {
      await open();
      const { lines, run } = await simulateThenRun(engine, csv('shortname;fullname;format;newsitems;self', 'MANY;;grid;11;on'));
      expect(lines).toEqual([
        'line 2 [error] column fullname: a value is required',
        'line 2 [error] column format: Invalid value for field format ("grid"); expected one of topics, weeks, social, singleactivity',
        'line 2 [error] column newsitems: Invalid value for field newsitems ("11"); expected a whole number from 0 to 10',
        'line 2 [error] column self: Invalid value for field self ("on"); expected 0 or 1',
      ]);
      expect(run.counters.entities).toEqual({ 'course.error': 1 });
    });

    it('stops on a header without fullname, without the identifier column, or with an unknown or out-of-range column', async () => {
      await open();
      const cases: [string, string][] = [
        ['shortname;summary', '"fullname" is missing'],
        ['shortname;fullname;topic53', 'unknown column "topic53"'],
        ['shortname;fullname;teacher_account', 'unknown column "teacher_account"'],
        ['shortname;fullname;numsections', 'unknown column "numsections"'],
      ];
      for (const [header, problem] of cases) {
        const { run, report } = await runCourses(engine, csv(header, 'A;B;C'));
        expect(run.status).not.toBe('succeeded');
        expect(report).toContain(problem);
      }
      await engine.settings.save({ courses_fileuploadidentifier: 'idnumber' });
      const { run, report } = await runCourses(engine, csv('shortname;fullname', 'A;B'));
      expect(run.status).not.toBe('succeeded');
      expect(report).toContain('"idnumber" is missing');
      expect(await courses(engine)).toEqual({});
    });

    it('carries courses and categories from batch to batch: a file longer than a batch, simulated then run', async () => {
      await open();
      const rows = Array.from({ length: 2100 }, (_, index) => `C${index};Course ${index};Level ${index % 3}/Group ${index % 7};Week|Summary ${index}`);
      // The last row names the course of the first again: found in the catalogue of the run, skipped.
      const { lines, run } = await simulateThenRun(engine, csv('shortname;fullname;category;topic1', ...rows, 'C0;Again;;'));
      expect(run.counters.entities).toEqual({ 'course.created': 2100, 'course.skipped': 1, 'category.created': 24 });
      expect(lines.at(-1)).toBe('line 2102 [skipped] Course [C0]  Course 0 already exists (courses_forceupdate is off).');
      expect(lines.filter((line) => line.includes('Category Level 0/Group 3 created'))).toEqual(['line 5 [info] Category Level 0/Group 3 created']);
      expect((await categories(engine)).length).toBe(25);
    });
  });
}

describe('course actions in the registry', () => {
  it('names the creation file by `courses` alone, the maintenance files in full', () => {
    expect(findAction('courses')).toBe(coursesCreateAction);
    expect(['courses/reset', 'courses/check', 'courses/delete', 'courses/metas'].map((name) => findAction(name)?.action)).toEqual(['reset', 'check', 'delete', 'metas']);
  });
});
