import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASES } from './databases.js';
import { Workspace } from './fixtures/cli-harness.js';

/** End to end: `tool-sync courses …` of the built CLI (generators, run-all, category cleaning) on every database. */

const SEED = [
  "insert into lms_course (category, fullname, shortname, idnumber) values (1, 'Algebra', 'ALG101', 'C-ALG')",
  "insert into lms_course (category, fullname, shortname, idnumber) values (1, 'Biology', 'BIO', 'C-BIO')",
  "insert into lms_context (contextlevel, instanceid) select 50, id from lms_course",
  "insert into lms_enrol (enrol, courseid, roleid) select 'manual', id, 5 from lms_course",
  "insert into lms_course_categories (name, parent, depth, path) values ('Empty', 0, 1, '')",
  "update lms_course_categories set path = '/' || id where name = 'Empty'",
];

for (const kind of DATABASES) {
  describe(`tool-sync courses on ${kind}`, () => {
    it('writes a deletion file, simulates then runs all course files, and cleans empty categories', async () => {
      const ws = await Workspace.open(kind);
      try {
        expect((await ws.cli('runs', '--json')).code).toBe(0);
        for (const statement of SEED) await ws.query(statement);

        const generated = await ws.cli('courses', 'deletion-file', 'ALG101', 'NOPE');
        expect(generated.code).toBe(2);
        expect(generated.stderr).toContain('No course has shortname NOPE; nothing was written.');
        expect(existsSync(join(ws.files, 'deletecourses.csv'))).toBe(false);
        const written = await ws.cli('courses', 'deletion-file', 'ALG101');
        expect(written.code).toBe(0);
        expect(written.stdout).toContain('written: deletecourses.csv (1 course(s))');
        expect(readFileSync(join(ws.files, 'deletecourses.csv'), 'utf8')).toBe('ALG101\n');

        const simulated = await ws.cli('courses', 'run-all', '--simulate');
        expect(simulated.code).toBe(0);
        expect(simulated.stdout).toContain('courses/reset: no file, passed');
        expect(simulated.stdout).toMatch(/courses\/delete: #\d+ deletecourses\.csv: succeeded \(simulation: nothing was written\)/);
        expect(await ws.query("select shortname from lms_course order by shortname")).toEqual([{ shortname: 'ALG101' }, { shortname: 'BIO' }]);
        const real = await ws.cli('courses', 'run-all');
        expect(real.code).toBe(0);
        expect(await ws.query('select shortname from lms_course')).toEqual([{ shortname: 'BIO' }]);

        const preview = await ws.cli('courses', 'clean-categories');
        expect(preview.stdout).toMatch(/^Empty \(id \d+\)\n1 empty categories; run again with --confirm to delete them\n$/);
        const cleaned = await ws.cli('courses', 'clean-categories', '--confirm');
        expect(cleaned.stdout).toBe('Course category Empty has been deleted.\n');
        expect(await ws.query("select name from lms_course_categories")).toEqual([{ name: 'Miscellaneous' }]);
      } finally {
        await ws.close();
      }
    });
  });
}
