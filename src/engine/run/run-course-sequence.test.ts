import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine, TEST_PLATFORM } from '../../../test/databases.js';
import { buildCourse } from '../../../test/factories.js';
import { rowLines } from '../../../test/users-kit.js';
import { enrolmentRows, seedCourses, storeSnapshot } from '../../processors/courses/fixtures/courses-kit.js';
import type { Engine } from '../engine.js';
import { runCourseSequence, type CourseSequenceStep } from './run-course-sequence.js';

for (const kind of DATABASES) {
  describe(`course run-all sequence on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    /**
     * A reset, a check, a deletion, a creation and a metacourse file: the creation makes again the course the deletion
     * removes (its shortname and idnumber free only then) and the one the check misses; the metacourse file names both.
     */
    const open = async () => {
      engine = await openTestEngine(kind);
      await seedCourses(engine);
      await buildCourse(engine.store, { shortname: 'META', idnumber: 'C-META' });
      const write = (name: string, text: string) => writeFileSync(join(engine.folder.files, name), text);
      write('resetcourses.csv', 'shortname;roles;local_roles;grades;groups;groupings;events;logs;notes;modules\nALG101;student;;;all;;;;;\n');
      write('courses.csv', 'ALG101\nNEW101;to create\n');
      write('deletecourses.csv', 'ALG101\n');
      write('uploadcourses.csv', 'shortname;fullname;idnumber;category\nALG101;Algebra again;C-ALG;Sciences/Algebra\nNEW101;New course;C-NEW;Sciences\n');
      write('metacourses.csv', 'master;meta\nC-ALG;C-META\nC-BIO;C-META\nC-NEW;C-META\n');
    };
    const summary = (steps: readonly CourseSequenceStep[]) => steps.map((step) => [step.action, step.outcome === 'ran' ? step.runs.map((run) => run.status) : []]);
    const lines = (steps: readonly CourseSequenceStep[]) =>
      steps.flatMap((step) => step.runs.flatMap((run) => rowLines(readFileSync(run.reportFile, 'utf8')).filter((line) => !/\[info\]/.test(line)).map((line) => `${step.action} ${line}`)));

    it('runs each file that exists in the order reset, check, delete, create, metas; each later file sees what the earlier ones did', async () => {
      await open();
      const steps = await runCourseSequence(engine, { trigger: 'manual' });
      expect(summary(steps)).toEqual([
        ['courses/reset', ['succeeded']],
        ['courses/check', ['succeeded']],
        ['courses/delete', ['succeeded']],
        ['courses/create', ['succeeded']],
        ['courses/metas', ['succeeded']],
      ]);
      const runIds = steps.flatMap((step) => step.runs.map((run) => run.id));
      expect(runIds).toEqual([...runIds].sort((a, b) => a - b));
      expect(lines(steps)).toEqual([
        // Moodle resets the course whole and says so; the embedded store counts what it held.
        TEST_PLATFORM === 'moodle'
          ? 'courses/reset line 2 [updated] Course ALG101 reset by the moodle platform: roles=student, groups=all, comments, blog_associations'
          : expect.stringMatching(/^courses\/reset line 2 \[updated\] Course ALG101 reset: 2 user\(s\) unenrolled, 1 role assignment\(s\) removed, 2 group\(s\) deleted/),
        expect.stringMatching(/^courses\/check line 1 \[unchanged\] Course with shortname "ALG101" found/),
        'courses/check line 2 [skipped] Course with shortname "NEW101" (to create) not found in this platform',
        expect.stringMatching(/^courses\/delete line 1 \[deleted\] Course ALG101 deleted \(Algebra, id \d+\): 1 enrolment\(s\), 1 role assignment\(s\), 0 group\(s\)/),
        'courses/create line 2 [created] Course [ALG101] Algebra again has been created in category Sciences/Algebra.',
        'courses/create line 3 [created] Course [NEW101] New course has been created in category Sciences.',
        'courses/metas line 2 [created] Metacourse binding for C-META from C-ALG created: 0 enrolment(s) of C-ALG mirrored',
        'courses/metas line 3 [created] Metacourse binding for C-META from C-BIO created: 1 enrolment(s) of C-BIO mirrored',
        'courses/metas line 4 [created] Metacourse binding for C-META from C-NEW created: 0 enrolment(s) of C-NEW mirrored',
      ]);
      expect(await enrolmentRows(engine)).toEqual(['jdoe BIO manual', 'jdoe META meta']);
    });

    it('simulates the whole sequence in one overlay: the same reports as the real sequence, nothing written', async () => {
      await open();
      const before = await storeSnapshot(engine);
      const simulated = await runCourseSequence(engine, { trigger: 'manual', simulate: true });
      expect(await storeSnapshot(engine)).toEqual(before);
      const real = await runCourseSequence(engine, { trigger: 'manual' });
      expect(summary(simulated)).toEqual(summary(real));
      expect(lines(simulated)).toEqual(lines(real));
      // The creation ran between the deletion and the metacourse file, in the simulation as for real: it made again
      // the course the simulated deletion removed, and the metacourse file found it.
      expect([...new Set(lines(simulated).map((line) => line.split(' ')[0]))]).toEqual(['courses/reset', 'courses/check', 'courses/delete', 'courses/create', 'courses/metas']);
      expect(lines(simulated)).toContain('courses/create line 2 [created] Course [ALG101] Algebra again has been created in category Sciences/Algebra.');
      expect(lines(simulated)).toContain('courses/metas line 2 [created] Metacourse binding for C-META from C-ALG created: 0 enrolment(s) of C-ALG mirrored');
    });

    it('takes the steps asked, always in the sequence’s order, and passes those without a file', async () => {
      await open();
      const steps = await runCourseSequence(engine, { trigger: 'manual', only: ['metas', 'courses/check', 'delete'], simulate: true });
      expect(steps.map((step) => [step.action, step.outcome])).toEqual([['courses/check', 'ran'], ['courses/delete', 'ran'], ['courses/metas', 'ran']]);
      await engine.settings.save({ courses_filedeletelocation: 'nothing-here.csv' });
      const passed = await runCourseSequence(engine, { trigger: 'manual', only: ['delete'] });
      expect(passed).toEqual([{ action: 'courses/delete', outcome: 'no-file', runs: [] }]);
      await expect(runCourseSequence(engine, { trigger: 'manual', only: ['purge'] })).rejects.toMatchObject({ code: 'ENGINE_UNKNOWN_PROCESSOR' });
    });
  });
}
