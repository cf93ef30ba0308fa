import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { buildEnrolInstance } from '../../../test/factories.js';
import { csv, runFile } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';
import { enrolmentRows, roleRows, seedCourses, storeCounts, storeSnapshot } from './fixtures/courses-kit.js';

for (const kind of DATABASES) {
  describe(`course deletion file on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    const open = async (settings: Record<string, string | boolean> = {}) => {
      engine = await openTestEngine(kind);
      await engine.settings.save(settings);
      return seedCourses(engine);
    };
    const run = (text: string, simulate = false) => runFile(engine, text, { action: 'courses/delete', name: 'deletecourses.csv', simulate });
    const notices = (report: string) =>
      report.split('\n').filter((line) => line.includes('[notice]')).map((line) => line.replace(/^.*\[notice\] /, '').replace('SIMULATION: ', ''));

    it('deletes each course with what it holds, saying exactly what went; other courses are untouched', async () => {
      const ids = await open();
      await engine.store.db.insertInto('lms_course_sections').values([0, 1].flatMap((section) => [ids.alg, ids.bio].map((course) => ({ course, section, name: null })))).execute();
      const result = await run(csv('ALG101', '# a comment', 'EMPTY'));
      expect(result.lines).toEqual([
        `line 1 [deleted] Course ALG101 deleted (Algebra, id ${ids.alg}): 3 enrolment(s), 4 role assignment(s), 2 group(s) with 2 membership(s), 1 grouping(s) removed with it`,
        `line 3 [deleted] Course EMPTY deleted (Empty course, id ${ids.empty}): 0 enrolment(s), 0 role assignment(s), 0 group(s) with 0 membership(s), 0 grouping(s) removed with it`,
      ]);
      expect(notices(result.report)).toEqual([
        'Deleted 2 course(s), with 3 enrolment(s), 4 role assignment(s), 2 group(s), 2 group membership(s), 1 grouping(s) and 0 enrolment(s) of metacourse links',
      ]);
      expect(result.run.counters.entities).toEqual({ 'course.deleted': 2 });
      expect(await storeCounts(engine)).toMatchObject({ courses: 1, instances: 1, enrolments: 1, roles: 1, groups: 0, members: 0, groupings: 0, bindings: 0 });
      expect(await enrolmentRows(engine)).toEqual(['jdoe BIO manual']);
      expect(await roleRows(engine)).toEqual(['jdoe BIO student']);
      const contexts = await engine.store.db.selectFrom('lms_context').select('instanceid').where('contextlevel', '=', 50).execute();
      expect(contexts.map((row) => row.instanceid)).toEqual([ids.bio]);
      const sections = await engine.store.db.selectFrom('lms_course_sections').select(['course', 'section']).orderBy('section').execute();
      expect(sections).toEqual([{ course: ids.bio, section: 0 }, { course: ids.bio, section: 1 }]);
    });

    it('makes unknown courses row errors whose tryback rows are the failing identifiers, and a course named twice is gone the second time', async () => {
      await open({ filefailed: true });
      const result = await run(csv('NOPE', 'BIO', 'BIO', 'ALSO-NOPE'));
      expect(result.lines).toEqual([
        'line 1 [error] Course NOPE does not exist in this platform (no course has shortname "NOPE")',
        expect.stringMatching(/^line 2 \[deleted\] Course BIO deleted \(Biology, id \d+\): 1 enrolment\(s\), 1 role assignment/),
        'line 3 [error] Course BIO does not exist in this platform (no course has shortname "BIO")',
        'line 4 [error] Course ALSO-NOPE does not exist in this platform (no course has shortname "ALSO-NOPE")',
      ]);
      expect(result.run.status).toBe('succeeded_with_errors');
      const tryback = readdirSync(engine.folder.files).find((name) => name.startsWith('deletecourses_tryback_'));
      expect(readFileSync(join(engine.folder.files, tryback!), 'utf8')).toBe('NOPE\nBIO\nALSO-NOPE');
    });

    it('finds courses by the identifier the setting names', async () => {
      const ids = await open({ courses_filedeleteidentifier: 'idnumber' });
      expect((await run(csv('C-EMPTY', 'EMPTY'))).lines).toEqual([
        expect.stringMatching(/^line 1 \[deleted\] Course C-EMPTY deleted \(Empty course/),
        'line 2 [error] Course EMPTY does not exist in this platform (no course has idnumber "EMPTY")',
      ]);
      await engine.settings.save({ courses_filedeleteidentifier: 'id' });
      expect((await run(csv(String(ids.bio), 'BIO'))).lines).toEqual([
        expect.stringMatching(new RegExp(`^line 1 \\[deleted\\] Course ${ids.bio} deleted \\(Biology, id ${ids.bio}\\)`)),
        'line 2 [error] Course BIO does not exist in this platform (no course has id "BIO")',
      ]);
    });

    it('removes the metacourse links of other courses to a deleted course, with their enrolments', async () => {
      const ids = await open();
      const [link] = await engine.platform.run('addMetaLinks', [{ courseId: ids.bio, parentId: ids.alg }]);
      expect(link!.ok).toBe(true);
      expect(await enrolmentRows(engine)).toContain('tkent BIO meta');
      const result = await run(csv('ALG101'));
      expect(result.lines).toEqual([
        expect.stringMatching(/^line 1 \[deleted\] Course ALG101 deleted/),
        'line 1 [info] Metacourse links of 1 course(s) to it removed, with their 3 enrolment(s): BIO',
      ]);
      expect(await enrolmentRows(engine)).toEqual(['jdoe BIO manual']);
      expect(await roleRows(engine)).toEqual(['jdoe BIO student']);
      expect(await engine.store.db.selectFrom('lms_enrol').select('enrol').where('courseid', '=', ids.bio).execute()).toEqual([{ enrol: 'manual' }]);
    });

    it('simulates exactly what the real run then does, writing nothing', async () => {
      const ids = await open();
      await buildEnrolInstance(engine.store, { courseId: ids.empty, enrol: 'self' });
      await engine.platform.run('addMetaLinks', [{ courseId: ids.empty, parentId: ids.alg }]);
      const file = csv('BIO', 'ALG101', 'NOPE', 'ALG101', 'EMPTY', 'BIO');
      const before = await storeSnapshot(engine);
      const simulated = await run(file, true);
      expect(await storeSnapshot(engine)).toEqual(before);
      expect(existsSync(join(engine.folder.files, 'deletecourses.csv'))).toBe(true);
      const real = await run(file);
      expect(simulated.report).toContain('SIMULATION');
      expect(simulated.lines).toEqual(real.lines);
      expect(notices(simulated.report)).toEqual(notices(real.report));
      expect(simulated.run.counters).toEqual(real.run.counters);
      expect(real.lines).toHaveLength(7);
      expect(real.lines[2]).toBe('line 2 [info] Metacourse links of 1 course(s) to it removed, with their 3 enrolment(s): EMPTY');
      expect(await storeCounts(engine)).toMatchObject({ courses: 0, instances: 0, enrolments: 0, roles: 0, groups: 0, members: 0, groupings: 0, bindings: 0 });
    });
  });
}
