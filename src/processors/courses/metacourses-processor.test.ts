import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { buildCourse } from '../../../test/factories.js';
import { csv, runFile } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';
import { enrolmentRows, roleRows, seedCourses, storeSnapshot } from './fixtures/courses-kit.js';

for (const kind of DATABASES) {
  describe(`metacourse binding file on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    const open = async (settings: Record<string, string | boolean> = {}) => {
      engine = await openTestEngine(kind);
      await engine.settings.save(settings);
      const ids = await seedCourses(engine);
      const meta = await buildCourse(engine.store, { shortname: 'META', idnumber: 'C-META' });
      return { ...ids, meta };
    };
    const run = (text: string, simulate = false) => runFile(engine, text, { action: 'courses/metas', name: 'metacourses.csv', simulate });
    const metaRows = async () => (await enrolmentRows(engine)).filter((row) => row.includes(' META '));
    const metaRoles = async () => (await roleRows(engine)).filter((row) => row.includes(' META '));

    it('links a meta course to masters: their enrolments are mirrored with their roles; a re-run changes nothing', async () => {
      await open();
      const result = await run(csv('master;meta', 'C-ALG;C-META', 'C-BIO;C-META'));
      expect(result.lines).toEqual([
        'line 2 [created] Metacourse binding for C-META from C-ALG created: 3 enrolment(s) of C-ALG mirrored',
        'line 3 [created] Metacourse binding for C-META from C-BIO created: 1 enrolment(s) of C-BIO mirrored',
      ]);
      expect(await metaRows()).toEqual(['asmith META meta', 'jdoe META meta', 'jdoe META meta', 'tkent META meta']);
      // Each link gives its own role assignment (Moodle's item id is the link's instance): jdoe holds two.
      expect(await metaRoles()).toEqual([
        'asmith META student enrol_meta',
        'jdoe META student enrol_meta',
        'jdoe META student enrol_meta',
        'tkent META editingteacher enrol_meta',
        'tkent META student enrol_meta',
      ]);
      const again = await run(csv('master;meta;cmd', 'C-ALG;C-META;add'));
      expect(again.lines).toEqual(['line 2 [unchanged] Metacourse binding for C-META from C-ALG already active (3 enrolment(s) mirrored)']);
    });

    it('accepts course for master; del removes the link and its enrolments, and users keep what another link gives', async () => {
      await open();
      await run(csv('course;meta', 'C-ALG;C-META', 'C-BIO;C-META'));
      const result = await run(csv('course;meta;cmd', 'C-ALG;C-META;del', 'C-ALG;C-META;del'));
      expect(result.lines).toEqual([
        'line 2 [deleted] Metacourse binding for C-META from C-ALG removed, with its 3 enrolment(s)',
        'line 3 [skipped] C-META is not a metacourse of C-ALG: nothing to remove',
      ]);
      expect(await metaRows()).toEqual(['jdoe META meta']);
      expect(await metaRoles()).toEqual(['jdoe META student enrol_meta']);
    });

    it('makes unknown courses, bad commands and self links row errors', async () => {
      const ids = await open({ filefailed: true });
      const result = await run(csv('master;meta;cmd', 'NOPE;C-META;add', 'C-ALG;GONE;del', 'C-ALG;C-META;move', ';C-META;', 'C-ALG;C-ALG;'));
      expect(result.lines).toEqual([
        'line 2 [error] column master: no course has idnumber "NOPE"',
        'line 3 [error] column meta: no course has idnumber "GONE"',
        'line 4 [error] column cmd: "move" is not a command; expected add or del',
        'line 5 [error] column master: empty course identifier',
        `line 6 [error] add metacourse binding for C-ALG from C-ALG: refused by the platform: Course ${ids.alg} cannot be a metacourse of itself`,
      ]);
      expect(await metaRows()).toEqual([]);
    });

    it('stops the run when the file names no master column, or two', async () => {
      await open();
      const none = await run(csv('meta;cmd', 'C-META;add'));
      expect(none.run.status).toBe('failed');
      expect(none.run.message).toBe('metacourses.csv, line 1: the metacourse file needs a master column (or course, its older name) besides meta; found: meta, cmd.');
      const both = await run(csv('master;course;meta', 'C-ALG;C-ALG;C-META'));
      expect(both.run.message).toBe('metacourses.csv, line 1: the columns master and course both name the master course; keep one of them.');
    });

    it('restores a disabled link and mirrors what the master holds now: leavers leave, suspended enrolments are suspended', async () => {
      const ids = await open();
      await run(csv('master;meta', 'C-ALG;C-META'));
      await engine.store.db.updateTable('lms_enrol').set({ status: 1 }).where('enrol', '=', 'meta').execute();
      const manual = await engine.store.db.selectFrom('lms_enrol').select('id').where('courseid', '=', ids.alg).where('enrol', '=', 'manual').executeTakeFirstOrThrow();
      await engine.platform.run('unenrolUsers', [{ instanceId: manual.id, userId: ids.asmith }]);
      await engine.platform.run('updateEnrolments', [{ instanceId: manual.id, userId: ids.jdoe, suspended: true }]);
      await engine.platform.run('unassignCourseRoles', [{ courseId: ids.alg, userId: ids.tkent, roleId: 5 }]);
      const result = await run(csv('master;meta', 'C-ALG;C-META'));
      expect(result.lines).toEqual(['line 2 [updated] Metacourse binding for C-META from C-ALG restored: 2 enrolment(s) of C-ALG mirrored']);
      expect(await metaRows()).toEqual(['jdoe META meta suspended', 'tkent META meta']);
      expect(await metaRoles()).toEqual(['jdoe META student enrol_meta', 'tkent META editingteacher enrol_meta']);
    });

    it('simulates exactly what the real run then does, writing nothing, rows depending on earlier rows included', async () => {
      const ids = await open();
      const other = await buildCourse(engine.store, { shortname: 'OTHER', idnumber: 'C-OTHER' });
      await engine.platform.run('addMetaLinks', [{ courseId: other, parentId: ids.bio }]);
      await engine.store.db.updateTable('lms_enrol').set({ status: 1 }).where('enrol', '=', 'meta').execute();
      const file = csv(
        'master;meta;cmd',
        'C-ALG;C-META;add',
        'C-BIO;C-META;',
        'C-ALG;C-META;del',
        'C-ALG;C-META;add',
        'C-BIO;C-OTHER;add',
        'C-BIO;C-OTHER;del',
        'C-BIO;C-OTHER;del',
        'NOPE;C-META;add',
      );
      const before = await storeSnapshot(engine);
      const simulated = await run(file, true);
      expect(await storeSnapshot(engine)).toEqual(before);
      const real = await run(file);
      expect(simulated.lines).toEqual(real.lines);
      expect(simulated.run.counters).toEqual(real.run.counters);
      expect(real.lines).toEqual([
        'line 2 [created] Metacourse binding for C-META from C-ALG created: 3 enrolment(s) of C-ALG mirrored',
        'line 3 [created] Metacourse binding for C-META from C-BIO created: 1 enrolment(s) of C-BIO mirrored',
        'line 4 [deleted] Metacourse binding for C-META from C-ALG removed, with its 3 enrolment(s)',
        'line 5 [created] Metacourse binding for C-META from C-ALG created: 3 enrolment(s) of C-ALG mirrored',
        'line 6 [updated] Metacourse binding for C-OTHER from C-BIO restored: 1 enrolment(s) of C-BIO mirrored',
        'line 7 [deleted] Metacourse binding for C-OTHER from C-BIO removed, with its 1 enrolment(s)',
        'line 8 [skipped] C-OTHER is not a metacourse of C-BIO: nothing to remove',
        'line 9 [error] column master: no course has idnumber "NOPE"',
      ]);
    });
  });
}
