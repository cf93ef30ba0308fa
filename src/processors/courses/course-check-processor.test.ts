import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { csv, runFile } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';
import { seedCourses, storeSnapshot } from './fixtures/courses-kit.js';

for (const kind of DATABASES) {
  describe(`course existence check file on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    const open = async (settings: Record<string, string | boolean> = {}) => {
      engine = await openTestEngine(kind);
      await engine.settings.save(settings);
      return seedCourses(engine);
    };
    const run = (text: string, simulate = false) => runFile(engine, text, { action: 'courses/check', name: 'courses.csv', simulate });
    const notices = (report: string) =>
      report.split('\n').filter((line) => line.includes('[notice]')).map((line) => line.replace(/^.*\[notice\] /, '').replace('SIMULATION: ', ''));
    const tryback = () => {
      const name = readdirSync(engine.folder.files).find((file) => file.startsWith('courses_tryback_'));
      return name ? readFileSync(join(engine.folder.files, name), 'utf8') : null;
    };

    it('reports found courses with their names and missing ones, and writes the missing lines as a CSV even without filefailed', async () => {
      const ids = await open();
      const before = await storeSnapshot(engine);
      const result = await run(csv('ALG101;First-year algebra', 'PHYS;Physics to create', 'BIO', 'CHEM'));
      expect(result.lines).toEqual([
        `line 1 [unchanged] Course with shortname "ALG101" (First-year algebra) found as: fullname = Algebra, shortname = ALG101, idnumber = C-ALG, id = ${ids.alg}`,
        'line 2 [skipped] Course with shortname "PHYS" (Physics to create) not found in this platform',
        `line 3 [unchanged] Course with shortname "BIO" found as: fullname = Biology, shortname = BIO, idnumber = C-BIO, id = ${ids.bio}`,
        'line 4 [skipped] Course with shortname "CHEM" not found in this platform',
      ]);
      expect(notices(result.report)).toEqual([
        '2 course(s) found, 2 missing; the missing ones are listed in the tryback file (the lines as given), ready to be fed to the course creation file',
      ]);
      expect(result.run.status).toBe('succeeded');
      expect(result.run.counters.entities).toEqual({ 'course.unchanged': 2, 'course.found': 2, 'course.skipped': 2, 'course.missing': 2 });
      expect(tryback()).toBe('PHYS;Physics to create\nCHEM');
      expect(await storeSnapshot(engine)).toEqual(before);
    });

    it('finds courses by the identifier the setting names, and a line with more than two fields is a row error', async () => {
      await open({ courses_existfileidentifier: 'idnumber' });
      const result = await run(csv('C-BIO', 'BIO', 'C-ALG;desc;extra'));
      expect(result.lines).toEqual([
        expect.stringMatching(/^line 1 \[unchanged\] Course with idnumber "C-BIO" found as: fullname = Biology/),
        'line 2 [skipped] Course with idnumber "BIO" not found in this platform',
        'line 3 [error] 3 values found, the header has 2 columns (an unquoted separator inside a value?)',
      ]);
    });

    it('simulates the same report and writes no CSV', async () => {
      await open();
      const file = csv('ALG101', 'NOPE;to create');
      const simulated = await run(file, true);
      expect(tryback()).toBeNull();
      const real = await run(file);
      expect(simulated.lines).toEqual(real.lines);
      expect(notices(simulated.report)).toEqual(notices(real.report));
      expect(tryback()).toBe('NOPE;to create');
    });
  });
}
