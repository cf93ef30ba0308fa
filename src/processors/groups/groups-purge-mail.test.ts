import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { csv } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';
import {
  addMember,
  bindGrouping,
  buildGroup,
  buildGrouping,
  buildUser,
  enrolledUser,
  groupingsOf,
  groupsOf,
  mailSubject,
  mailText,
  mailTo,
  makeTeacher,
  membersOf,
  noticeLines,
  outboxMails,
  runGroups,
  runMembers,
  setUserLang,
  twoCourses,
} from './fixtures/groups-kit.js';

/**
 * ALG101: groups A, B, C; groupings "Grouping A" (bound to A), "Grouping B" (bound to B) and "Empty grouping".
 * BIO: an empty group and an empty grouping, which a file about ALG101 only must never touch.
 */
async function purgeScene(engine: Engine) {
  const { alg, bio } = await twoCourses(engine);
  await engine.settings.save({ groups_useridentifier: 'username', groups_groupidentifier: 'name' });
  const a = await buildGroup(engine.store, { courseId: alg, name: 'Group A' });
  const b = await buildGroup(engine.store, { courseId: alg, name: 'Group B' });
  await buildGroup(engine.store, { courseId: alg, name: 'Group C' });
  await bindGrouping(engine, await buildGrouping(engine, { courseId: alg, name: 'Grouping A' }), a);
  await bindGrouping(engine, await buildGrouping(engine, { courseId: alg, name: 'Grouping B' }), b);
  await buildGrouping(engine, { courseId: alg, name: 'Empty grouping' });
  await buildGroup(engine.store, { courseId: bio, name: 'Lonely' });
  await buildGrouping(engine, { courseId: bio, name: 'Lonely grouping' });
  await enrolledUser(engine, { username: 'ann' }, [alg]);
  return { alg, bio };
}

const FILE = csv('courseid;groupid;userid', 'ALG101;Group A;ann');

for (const kind of DATABASES) {
  describe(`purge of empty groups after a group members file on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    it('purges nothing by default', async () => {
      engine = await openTestEngine(kind);
      const { alg, bio } = await purgeScene(engine);
      const { report } = await runMembers(engine, FILE);
      expect(noticeLines(report)).toEqual([]);
      expect(await groupsOf(engine, alg)).toHaveLength(3);
      expect(await groupsOf(engine, bio)).toHaveLength(1);
    });

    it('1: deletes the empty groups of the file\'s courses only, and no grouping', async () => {
      engine = await openTestEngine(kind);
      const { alg, bio } = await purgeScene(engine);
      await engine.settings.save({ groups_purgeemptygroups: '1' });
      const { report, lines } = await runMembers(engine, FILE);
      expect(lines).toEqual(['line 2 [created] User ann added to group "Group A" of course ALG101']);
      expect(noticeLines(report)).toEqual(['Empty group "Group B" deleted from course ALG101', 'Empty group "Group C" deleted from course ALG101']);
      expect(await groupsOf(engine, alg)).toEqual(['Group A||']);
      expect(await groupsOf(engine, bio)).toEqual(['Lonely||']);
      expect(await groupingsOf(engine, alg)).toEqual(['Grouping A||', 'Grouping B||', 'Empty grouping||']);
      expect(await membersOf(engine, alg)).toEqual(['Group A: ann']);

      const again = await runMembers(engine, FILE);
      expect(noticeLines(again.report)).toEqual(['Purge: nothing empty to delete in the 1 course(s) of the file']);
    });

    it('2: also deletes the groupings left without groups, in the file\'s courses only', async () => {
      engine = await openTestEngine(kind);
      const { alg, bio } = await purgeScene(engine);
      await engine.settings.save({ groups_purgeemptygroups: '2' });
      const real = await runMembers(engine, FILE);
      expect(noticeLines(real.report)).toEqual([
        'Empty group "Group B" deleted from course ALG101',
        'Empty group "Group C" deleted from course ALG101',
        'Empty grouping "Grouping B" deleted from course ALG101',
        'Empty grouping "Empty grouping" deleted from course ALG101',
      ]);
      expect(await groupsOf(engine, alg)).toEqual(['Group A||']);
      expect(await groupingsOf(engine, alg)).toEqual(['Grouping A||']);
      expect(await groupsOf(engine, bio)).toEqual(['Lonely||']);
      expect(await groupingsOf(engine, bio)).toEqual(['Lonely grouping||']);
    });

    it('2: a simulation deletes nothing and predicts the groups and the groupings created empty', async () => {
      engine = await openTestEngine(kind);
      const { alg } = await purgeScene(engine);
      await engine.settings.save({ groups_purgeemptygroups: '2' });
      const simulated = await runMembers(engine, FILE, { simulate: true });
      expect(noticeLines(simulated.report)).toContain('Empty group "Group B" deleted from course ALG101');
      expect(noticeLines(simulated.report)).toContain('Empty grouping "Empty grouping" deleted from course ALG101');
      expect(await groupsOf(engine, alg)).toHaveLength(3);
      expect(await groupingsOf(engine, alg)).toHaveLength(3);
    });

    // "Grouping B" is left empty once its only group is deleted: the simulation reads the real bindings to see it.
    it('2: a simulation names exactly the groupings the real run then deletes', async () => {
      engine = await openTestEngine(kind);
      await purgeScene(engine);
      await engine.settings.save({ groups_purgeemptygroups: '2' });
      const simulated = await runMembers(engine, FILE, { simulate: true });
      const real = await runMembers(engine, FILE);
      expect(noticeLines(simulated.report)).toEqual(noticeLines(real.report));
      expect(simulated.lines).toEqual(real.lines);
    });

    it('2: a simulation names a real group the file empties, and the grouping it leaves empty, as the real run does', async () => {
      engine = await openTestEngine(kind);
      const { alg } = await purgeScene(engine);
      const [groupB] = await engine.store.db.selectFrom('lms_groups').select('id').where('name', '=', 'Group B').execute();
      await addMember(engine, groupB!.id, await enrolledUser(engine, { username: 'bob' }, [alg]));
      await engine.settings.save({ groups_purgeemptygroups: '2' });
      const file = csv('cmd;courseid;groupid;userid', 'del;ALG101;Group B;bob', 'add;ALG101;Group A;ann');
      const simulated = await runMembers(engine, file, { simulate: true });
      expect(await membersOf(engine, alg)).toEqual(['Group B: bob']);
      const real = await runMembers(engine, file);
      expect(noticeLines(real.report)).toEqual([
        'Empty group "Group B" deleted from course ALG101',
        'Empty group "Group C" deleted from course ALG101',
        'Empty grouping "Grouping B" deleted from course ALG101',
        'Empty grouping "Empty grouping" deleted from course ALG101',
      ]);
      expect(noticeLines(simulated.report)).toEqual(noticeLines(real.report));
      expect(simulated.lines).toEqual(real.lines);
      expect(simulated.run.counters).toEqual(real.run.counters);
    });
  });

  describe(`course reports mailed to editing teachers on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    /** ALG101 has a French teacher with an address and one without; BIO has none. */
    async function mailScene() {
      const { alg, bio } = await twoCourses(engine);
      await engine.settings.save({ groups_useridentifier: 'username', groups_groupidentifier: 'name', groups_mailadmins: true });
      await buildGroup(engine.store, { courseId: alg, name: 'Group A' });
      await buildGroup(engine.store, { courseId: bio, name: 'Group A' });
      await enrolledUser(engine, { username: 'ann' }, [alg, bio]);
      await buildUser(engine.store, { username: 'carl' });
      const teacher = await buildUser(engine.store, { username: 'teach', email: 'teach@example.org' });
      await setUserLang(engine, teacher, 'fr');
      await makeTeacher(engine, alg, teacher);
      await makeTeacher(engine, alg, await buildUser(engine.store, { username: 'nomail' }));
      const english = await buildUser(engine.store, { username: 'eng', email: 'eng@example.org' });
      return { alg, bio, english };
    }

    const MEMBERS = csv('courseid;groupid;userid', 'ALG101;Group A;ann', 'ALG101;Group A;carl', 'BIO;Group A;ann', 'NOPE;Group A;ann');

    it('mails each teacher the lines about their course, in their language, and says so in notices', async () => {
      engine = await openTestEngine(kind);
      await mailScene();
      const { report, run } = await runMembers(engine, MEMBERS);
      expect(noticeLines(report)).toEqual([
        'report of course ALG101 mailed to teach@example.org',
        'editing teacher nomail of course ALG101 has no e-mail address: the course report is not mailed to them',
        'course BIO has no editing teacher: its report is not mailed',
      ]);
      expect(run.counters.entities).toMatchObject({ 'mail.sent': 1 });
      const mails = outboxMails(engine);
      expect(mails).toHaveLength(1);
      expect(mailTo(mails[0]!)).toBe('teach@example.org');
      expect(mailSubject(mails[0]!)).toContain('synchronisation des groupes de ALG101');
      const text = mailText(mails[0]!);
      expect(text).toContain('groupmembers.csv');
      expect(text).toContain('ligne 2 : Utilisateur ann ajouté au groupe « Group A » du cours ALG101');
      expect(text).toContain('ligne 3 : l’utilisateur carl n’est pas inscrit au cours ALG101 et ne peut donc pas être ajouté à son groupe « Group A »');
      expect(text).not.toContain('BIO');
      expect(text).not.toContain('ligne 4');
      expect(text).not.toContain('NOPE');
    });

    it('mails in English to a teacher whose language is not French, after a group file too', async () => {
      engine = await openTestEngine(kind);
      const { bio, english } = await mailScene();
      await makeTeacher(engine, bio, english);
      const { report } = await runGroups(engine, csv('courseid;name', 'BIO;New group', 'BIO;Group A'));
      expect(noticeLines(report)).toEqual(['report of course BIO mailed to eng@example.org']);
      const mails = outboxMails(engine);
      expect(mails.map(mailTo)).toEqual(['eng@example.org']);
      const text = mailText(mails[0]!);
      expect(text).toContain('line 2: Group "New group" created in course BIO');
      expect(text).toContain('line 3: Group "Group A" already exists in course BIO (found by name "Group A"): kept unchanged');
    });

    it('says in a notice when a report could not be mailed, and counts it', async () => {
      const { mkdtempSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const { createEngine } = await import('../../engine/engine.js');
      const { openTestStore } = await import('../../../test/databases.js');
      engine = await createEngine({ dataDir: mkdtempSync(join(tmpdir(), 'tool-sync-smtp-')), store: await openTestStore(kind), smtpUrl: 'smtp://127.0.0.1:9' });
      await mailScene();
      const { report, run } = await runMembers(engine, MEMBERS);
      const failed = noticeLines(report).filter((line) => line.startsWith('the report of course'));
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatch(/^the report of course ALG101 could not be mailed to teach@example\.org: .+$/);
      expect(run.counters.entities).toMatchObject({ 'mail.error': 1 });
      expect(run.status).not.toBe('failed');
    });

    it('sends nothing in a simulation, nor when the setting is off', async () => {
      engine = await openTestEngine(kind);
      await mailScene();
      const simulated = await runMembers(engine, MEMBERS, { simulate: true });
      expect(outboxMails(engine)).toEqual([]);
      expect(noticeLines(simulated.report)).toEqual([]);
      await engine.settings.save({ groups_mailadmins: false });
      const off = await runMembers(engine, MEMBERS);
      expect(outboxMails(engine)).toEqual([]);
      expect(noticeLines(off.report)).toEqual([]);
      expect(off.run.counters.entities['mail.sent']).toBeUndefined();
    });
  });
}
