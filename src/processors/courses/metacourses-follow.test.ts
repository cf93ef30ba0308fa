import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { buildCourse, buildUser } from '../../../test/factories.js';
import { csv, runFile } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';
import { enrolmentRows, roleRows, seedCourses } from './fixtures/courses-kit.js';

/** What Moodle's enrol_meta observers do by themselves: a meta course follows its master whatever file changes it. */
for (const kind of DATABASES) {
  describe(`meta courses following their master on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    const open = async () => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ dates_timezone: 'UTC', enrols_courseidentifier: 'shortname', enrols_useridentifier: 'username' });
      const ids = await seedCourses(engine);
      const meta = await buildCourse(engine.store, { shortname: 'META', idnumber: 'C-META' });
      await buildUser(engine.store, { username: 'newbie' });
      await runFile(engine, csv('master;meta', 'C-ALG;C-META'), { action: 'courses/metas', name: 'metacourses.csv' });
      return { ...ids, meta };
    };
    const meta = async () => ({
      enrolments: (await enrolmentRows(engine)).filter((row) => row.includes(' META ')),
      roles: (await roleRows(engine)).filter((row) => row.includes(' META ')),
    });

    it('mirrors enrolments, role changes, suspensions and unenrolments the enrolment file makes in the master', async () => {
      await open();
      const file = csv(
        'cmd;cid;uid;rolename;enrol',
        'add;ALG101;newbie;teacher;manual',
        'del;ALG101;jdoe;student;manual',
        'disable;ALG101;asmith;student;manual',
        'add;BIO;asmith;student;manual',
      );
      const before = await meta();
      const simulated = await runFile(engine, file, { action: 'enrols', name: 'enrols.csv', simulate: true });
      expect(await meta()).toEqual(before);
      const real = await runFile(engine, file, { action: 'enrols', name: 'enrols.csv' });
      expect(simulated.lines).toEqual(real.lines);
      expect(await meta()).toEqual({
        enrolments: ['asmith META meta suspended', 'newbie META meta', 'tkent META meta'],
        roles: ['asmith META student enrol_meta', 'newbie META teacher enrol_meta', 'tkent META editingteacher enrol_meta', 'tkent META student enrol_meta'],
      });
    });

    it('follows in a simulation exactly as on the platform: a later row sees the meta enrolment an earlier one caused', async () => {
      await open();
      // Row 2 enrols newbie in ALG101, so the meta link enrols him in META: row 3's manual enrolment there is a second one.
      const file = csv('cmd;cid;uid;rolename;enrol', 'add;ALG101;newbie;student;manual', 'add;META;newbie;student;manual', 'del;ALG101;newbie;student;manual');
      const simulated = await runFile(engine, file, { action: 'enrols', name: 'enrols.csv', simulate: true });
      const real = await runFile(engine, file, { action: 'enrols', name: 'enrols.csv' });
      expect(simulated.lines).toEqual(real.lines);
      expect(simulated.run.counters).toEqual(real.run.counters);
      expect((await meta()).enrolments).toEqual(['asmith META meta', 'jdoe META meta', 'newbie META manual', 'tkent META meta']);
    });
  });
}
