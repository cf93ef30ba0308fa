import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine, TEST_PLATFORM } from '../../../test/databases.js';
import { buildCohort, buildEnrolInstance, buildUserEnrolment } from '../../../test/factories.js';
import { csv, runFile } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';
import { enrolmentRows, roleRows, seedCourses, storeCounts, storeSnapshot } from './fixtures/courses-kit.js';

const HEADER = 'shortname;roles;local_roles;completion;grades;groups;groupings;blog_associations;events;logs;notes;comments;modules';

/**
 * The report on each platform: the embedded store resets what it holds and counts it; Moodle resets the course
 * whole (reset_course_userdata through the companion plugin) and lists what it says it reset. What the course
 * holds afterwards is the same on both.
 */
const onMoodle = TEST_PLATFORM === 'moodle';
const byPlatform = <T>(expected: { embedded: T; moodle: T }): T => (onMoodle ? expected.moodle : expected.embedded);
/** Moodle's own status lines, which only a real reset gives. */
const MOODLE_STATUS = /\] (General|Roles|Groups|Gradebook): /;

for (const kind of DATABASES) {
  describe(`course reset file on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    const open = async (settings: Record<string, string | boolean> = {}) => {
      engine = await openTestEngine(kind);
      await engine.settings.save(settings);
      return seedCourses(engine);
    };
    const run = async (text: string, simulate = false) => {
      const result = await runFile(engine, text, { action: 'courses/reset', name: 'resetcourses.csv', simulate });
      return { ...result, lines: result.lines.filter((line) => !/\[(info|warning)\]/.test(line)) };
    };
    const details = (report: string) =>
      report.split('\n').filter((line) => /\[(info|warning)\]/.test(line)).map((line) => line.replace('SIMULATION: ', ''));

    it('resets a generated file’s defaults: users of the roles unenrolled, groups and groupings deleted; the rest reported as not held', async () => {
      await open();
      const result = await run(csv(HEADER, 'ALG101;student teacher guest;all;yes;all;all;all;yes;yes;yes;yes;yes;all'));
      expect(result.lines).toEqual(byPlatform({
        embedded: ['line 2 [updated] Course ALG101 reset: 2 user(s) unenrolled, 1 role assignment(s) removed, 2 group(s) deleted, 0 group membership(s) removed, 1 grouping(s) deleted, 0 group(s) taken out of groupings'],
        moodle: ['line 2 [updated] Course ALG101 reset by the moodle platform: roles=student teacher guest, groups=all, groupings=all, events, notes, comments, blog_associations, completion, local_roles, overrides, grade_items, grades, modules=all'],
      }));
      // The unenrolled users' memberships went with their enrolments: the groups were empty when deleted.
      expect(details(result.report)).toEqual(byPlatform({
        embedded: [
          'line 2 [info] Users with the role(s) student teacher guest: those holding no other role unenrolled, the others lose these roles',
          'line 2 [info] Nothing to reset on the embedded platform, which keeps none of: events, logs, notes, comments, blog_associations, completion, local_roles, overrides, grade_items, grades',
          'line 2 [info] Modules to reset: all; recorded for a Moodle platform, nothing to reset on the embedded platform (it keeps no activities)',
        ],
        moodle: [
          'line 2 [info] Users with the role(s) student teacher guest: those holding no other role unenrolled, the others lose these roles',
          'line 2 [info] column logs: the moodle platform keeps its logs (its course reset has not cleared them since Moodle 2.7)',
          'line 2 [info] General: Delete events',
          'line 2 [info] General: Delete all notes',
          'line 2 [info] General: Delete blog associations',
          'line 2 [info] General: Delete completion data',
          'line 2 [info] Roles: Delete all overrides in course',
          'line 2 [info] Roles: Delete all local role assignments',
          'line 2 [info] Roles: Unenrol (3)',
          'line 2 [info] Groups: Remove all group members',
          'line 2 [info] Groups: Delete all groups',
          'line 2 [info] Groups: Remove all groups from groupings',
          'line 2 [info] Groups: Delete all groupings',
          'line 2 [info] Gradebook: Delete all items and categories',
        ],
      }));
      // tkent is also an editing teacher: kept, without the student role.
      expect(await enrolmentRows(engine)).toEqual(['jdoe BIO manual', 'tkent ALG101 manual']);
      expect(await roleRows(engine)).toEqual(['jdoe BIO student', 'tkent ALG101 editingteacher']);
      expect(await storeCounts(engine)).toMatchObject({ groups: 0, members: 0, groupings: 0, bindings: 0 });
      const again = await run(csv(HEADER, 'ALG101;student;no;no;no;no;no;no;no;no;no;no;'));
      // Moodle answers what it did whatever it found: a row asking something is a reset there.
      expect(again.lines).toEqual(byPlatform({
        embedded: ['line 2 [unchanged] Course ALG101: nothing to reset'],
        moodle: ['line 2 [updated] Course ALG101 reset by the moodle platform: roles=student'],
      }));
      if (onMoodle) {
        const logsOnly = await run(csv(HEADER, 'ALG101;;;;;;;no;;yes;;no;'));
        expect(logsOnly.lines).toEqual(['line 2 [unchanged] Course ALG101: nothing to reset']);
      }
    });

    it('empties groups and groupings without deleting them; roles all unenrols everyone from manual and self, never cohort enrolments', async () => {
      const ids = await open();
      const cohort = await buildCohort(engine.store, { name: 'C1' });
      const cohortInstance = await buildEnrolInstance(engine.store, { courseId: ids.alg, enrol: 'cohort', customint1: cohort });
      await buildUserEnrolment(engine.store, { instanceId: cohortInstance, userId: ids.jdoe });
      const result = await run(csv('shortname;roles;local_roles;grades;groups;groupings;events;logs;notes;modules', 'ALG101;all;;;members;members;;;;'));
      expect(result.lines).toEqual(byPlatform({
        embedded: ['line 2 [updated] Course ALG101 reset: 3 user(s) unenrolled, 0 role assignment(s) removed, 0 group(s) deleted, 1 group membership(s) removed, 0 grouping(s) deleted, 2 group(s) taken out of groupings'],
        moodle: ['line 2 [updated] Course ALG101 reset by the moodle platform: roles=all, groups=members, groupings=members, comments, blog_associations'],
      }));
      // asmith's membership went with his unenrolment; jdoe, still enrolled through the cohort, kept his until the groups were emptied.
      expect(details(result.report)).toEqual(byPlatform({
        embedded: [
          'line 2 [info] 1 enrolment(s) through cohort or metacourse links kept: their synchronisation owns them',
          'line 2 [info] Users with the role(s) all: those holding no other role unenrolled, the others lose these roles',
          'line 2 [info] Nothing to reset on the embedded platform, which keeps none of: comments, blog_associations',
        ],
        moodle: [
          'line 2 [info] Users with the role(s) all: those holding no other role unenrolled, the others lose these roles',
          'line 2 [info] General: Delete blog associations',
          'line 2 [info] Roles: Unenrol (3)',
          'line 2 [info] Groups: Remove all group members',
          'line 2 [info] Groups: Remove all groups from groupings',
        ],
      }));
      expect(await enrolmentRows(engine)).toEqual(['jdoe ALG101 cohort', 'jdoe BIO manual']);
      expect(await storeCounts(engine)).toMatchObject({ groups: 2, members: 0, groupings: 1, bindings: 0 });
    });

    it('honours the identifier setting, reads modules as all, a list or exclusions, and makes bad rows errors', async () => {
      await open({ courses_fileresetidentifier: 'idnumber' });
      const header = 'idnumber;shortname;roles;local_roles;grades;groups;groupings;events;logs;notes;modules;forum_all;comments';
      const result = await run(csv(
        header,
        'C-BIO;BIO;;;;;;;;;forum quiz;1;no',
        'C-ALG;ALG101;;;;maybe;;;;;-forum -quiz;yes;no',
        'C-EMPTY;EMPTY;;;;;;;;;forum -quiz;;no',
        'C-EMPTY;EMPTY;;;;;;;;;Forum!;;no',
        'NOPE;NOPE;;;;;;;;;;;no',
        'C-ALG;ALG101;student nobody;;;;;;;;;;no',
      ));
      expect(result.lines).toEqual([
        ...byPlatform({
          embedded: ['line 2 [unchanged] Course C-BIO: nothing to reset', 'line 3 [unchanged] Course C-ALG: nothing to reset'],
          moodle: [
            'line 2 [updated] Course C-BIO reset by the moodle platform: blog_associations, forum_all, modules=forum quiz',
            'line 3 [updated] Course C-ALG reset by the moodle platform: blog_associations, modules=all -forum -quiz',
          ],
        }),
        'line 4 [error] column modules: "forum -quiz" mixes module names and exclusions; give all, a list of module names, or a list of -name exclusions',
        'line 5 [error] column modules: "forum!" is not a module name (lowercase letters, digits and _, such as forum or quiz)',
        'line 6 [error] column idnumber: no course has idnumber "NOPE"',
        'line 7 [error] column roles: no role has shortname "nobody"; nothing was reset for this course',
      ]);
      expect(details(result.report)).toEqual(byPlatform({
        embedded: [
          'line 2 [info] Nothing to reset on the embedded platform, which keeps none of: blog_associations, forum_all',
          'line 2 [info] Modules to reset: forum quiz; recorded for a Moodle platform, nothing to reset on the embedded platform (it keeps no activities)',
          'line 3 [info] Nothing to reset on the embedded platform, which keeps none of: blog_associations',
          'line 3 [info] Modules to reset: all -forum -quiz; recorded for a Moodle platform, nothing to reset on the embedded platform (it keeps no activities)',
          'line 3 [warning] column groups: "maybe" is not a reset choice of this column, so that part is not reset',
        ],
        moodle: [
          'line 2 [info] General: Delete blog associations',
          'line 3 [warning] column groups: "maybe" is not a reset choice of this column, so that part is not reset',
          'line 3 [info] General: Delete blog associations',
        ],
      }));
      const missing = await run(csv('shortname;roles;local_roles;grades;groups;groupings;events;logs;notes;modules', 'BIO;;;;;;;;;'));
      expect(missing.run.status).toBe('failed');
      expect(missing.run.message).toContain('idnumber');
    });

    it('simulates exactly what the real run then does, a course named twice included, writing nothing', async () => {
      await open();
      const file = csv(
        'shortname;roles;local_roles;grades;groups;groupings;events;logs;notes;modules',
        'ALG101;student;;;members;groups;;;;',
        'ALG101;editingteacher;;;groups;members;;;;',
        'BIO;all;;;all;all;;;;',
        'NOPE;;;;;;;;;',
      );
      const before = await storeSnapshot(engine);
      const simulated = await run(file, true);
      expect(await storeSnapshot(engine)).toEqual(before);
      const real = await run(file);
      expect(simulated.lines).toEqual(real.lines);
      // Only Moodle's own account of what it reset waits for the real run.
      expect(details(simulated.report)).toEqual(details(real.report).filter((line) => !MOODLE_STATUS.test(line)));
      expect(simulated.run.counters).toEqual(real.run.counters);
      expect(real.lines).toEqual([
        ...byPlatform({
          embedded: [
            'line 2 [updated] Course ALG101 reset: 2 user(s) unenrolled, 1 role assignment(s) removed, 0 group(s) deleted, 0 group membership(s) removed, 1 grouping(s) deleted, 0 group(s) taken out of groupings',
            'line 3 [updated] Course ALG101 reset: 1 user(s) unenrolled, 0 role assignment(s) removed, 2 group(s) deleted, 0 group membership(s) removed, 0 grouping(s) deleted, 0 group(s) taken out of groupings',
            'line 4 [updated] Course BIO reset: 1 user(s) unenrolled, 0 role assignment(s) removed, 0 group(s) deleted, 0 group membership(s) removed, 0 grouping(s) deleted, 0 group(s) taken out of groupings',
          ],
          moodle: [
            'line 2 [updated] Course ALG101 reset by the moodle platform: roles=student, groups=members, groupings=groupings, comments, blog_associations',
            'line 3 [updated] Course ALG101 reset by the moodle platform: roles=editingteacher, groups=groups, groupings=members, comments, blog_associations',
            'line 4 [updated] Course BIO reset by the moodle platform: roles=all, groups=all, groupings=all, comments, blog_associations',
          ],
        }),
        'line 5 [error] column shortname: no course has shortname "NOPE"',
      ]);
      // Both platforms leave the courses alike: every enrolment went (tkent lost his student role, then his own).
      expect(await enrolmentRows(engine)).toEqual([]);
    });
  });
}
