import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { csv, runFile, storedUsers, usersByName } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';

const HEADER = 'username;firstname;lastname;email;idnumber';
const SEED = csv(HEADER, 'jdoe;John;Doe;jdoe@example.org;1001', 'asmith;Anne;Smith;anne@example.org;1002');

for (const kind of DATABASES) {
  describe(`users identity and collisions on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());
    const open = async (settings: Record<string, string | boolean> = {}) => {
      engine = await openTestEngine(kind);
      await runFile(engine, SEED);
      await engine.settings.save(settings);
    };

    it('matches by idnumber by default, and refuses a username or an e-mail of another account', async () => {
      await open();
      const { lines } = await runFile(engine, csv(
        HEADER,
        'jdoe;Johnny;Doe;jdoe@example.org;1001',
        'asmith;Anne;Smith;anne@example.org;9999',
        'newbie;New;Bie;anne@example.org;1003',
        'jdoe2;John;Doe;;1001',
        'carl;Carl;C;;',
      ));
      expect(lines).toEqual([
        'line 2 [updated] User account changed: Johnny Doe as [jdoe] (1001): firstname',
        'line 3 [error] username "asmith" belongs to another account (idnumber "1002")',
        'line 4 [error] e-mail anne@example.org already belongs to account "asmith"',
        'line 5 [error] the account with idnumber "1001" is named "jdoe", not "jdoe2"; to rename an account use the oldusername column',
        'line 6 [created] User account added: carl (Carl C)',
      ]);
    });

    it('matches by e-mail, case-insensitively, when that is the primary identity', async () => {
      await open({ users_primaryidentity: 'email' });
      const { lines } = await runFile(engine, csv(HEADER, 'jdoe;John;Doe;JDOE@Example.org;2001', 'jdoe;John;Doe;other@example.org;1001'));
      expect(lines).toEqual([
        'line 2 [updated] User account changed: John Doe as [jdoe] (2001): idnumber',
        'line 3 [error] username "jdoe" belongs to another account (email "jdoe@example.org")',
      ]);
    });

    it('matches by username when that is the primary identity, and with "id" (no such column) too', async () => {
      for (const identity of ['username', 'id']) {
        await open({ users_primaryidentity: identity });
        const { lines } = await runFile(engine, csv(HEADER, 'JDOE;John;Doe;jdoe@example.org;7777'));
        expect(lines).toEqual(['line 2 [updated] User account changed: John Doe as [jdoe] (7777): idnumber']);
        await engine.close();
      }
    });

    it('lets an e-mail change when e-mails are not protected and nobody else has it; fills an empty one when they are', async () => {
      await open();
      await runFile(engine, csv(HEADER, 'carl;Carl;C;;1003'));
      const protectedRun = await runFile(engine, csv(HEADER, 'jdoe;John;Doe;john@example.org;1001', 'carl;Carl;C;carl@example.org;1003'));
      expect(protectedRun.lines).toEqual([
        'line 2 [unchanged] User account unchanged: jdoe',
        'line 3 [updated] User account changed: Carl C as [carl] (1003): email',
      ]);
      await engine.settings.save({ users_protectemails: false });
      const open2 = await runFile(engine, csv(HEADER, 'jdoe;John;Doe;john@example.org;1001'));
      expect(open2.lines).toEqual(['line 2 [updated] User account changed: John Doe as [jdoe] (1001): email']);
    });

    it('never matches a deleted account, and a deleted account frees its username', async () => {
      await open();
      expect((await runFile(engine, csv('username;firstname;lastname;idnumber;deleted', 'jdoe;John;Doe;1001;1'))).lines).toEqual([
        'line 2 [deleted] User account deleted: jdoe',
      ]);
      const { lines } = await runFile(engine, csv(HEADER, 'jdoe;Jane;Doe;jdoe@example.org;1001'));
      expect(lines).toEqual(['line 2 [created] User account added: jdoe (Jane Doe)']);
      const all = await storedUsers(engine);
      expect(all.filter((user) => user.deleted === 1)).toHaveLength(1);
      expect(all.filter((user) => user.deleted === 0).map((user) => user.username).sort()).toEqual(['asmith', 'jdoe']);
    });

    it('deletes only for 1 or yes, and skips a row with nothing to delete', async () => {
      await open();
      const { lines, run } = await runFile(engine, csv(
        'username;firstname;lastname;idnumber;deleted',
        'jdoe;John;Doe;1001;0',
        'asmith;Anne;Smith;1002;yes',
        'ghost;G;H;4040;1',
      ));
      expect(lines).toEqual([
        'line 2 [unchanged] User account unchanged: jdoe',
        'line 3 [deleted] User account deleted: asmith',
        'line 4 [skipped] no account with idnumber "4040" to delete',
      ]);
      expect(run.counters.entities).toEqual({ 'user.unchanged': 1, 'user.deleted': 1, 'user.skipped': 1 });
    });

    it('renames with oldusername when renaming is allowed, and says why it cannot', async () => {
      await open({ users_allowrename: true });
      const header = 'username;firstname;lastname;idnumber;oldusername';
      const { lines, run } = await runFile(engine, csv(
        header,
        'john.doe;John;Doe;1001;jdoe',
        'asmith;Anne;Smith;1002;nobody',
        'john.doe;John;Doe;1001;jdoe',
        'john.doe;John;Doe;;asmith',
        'zed;Zed;Z;;ghost',
      ));
      expect(lines).toEqual([
        'line 2 [updated] User account changed: John Doe as [john.doe] (1001): username',
        'line 2 [info] User renamed: jdoe john.doe',
        'line 3 [unchanged] User account unchanged: asmith',
        'line 4 [unchanged] User account unchanged: john.doe',
        'line 5 [error] Error on account rename (target name exists): "john.doe" already belongs to another account',
        'line 6 [error] Error on account rename (source account missing): no account "ghost" to rename to "zed"',
      ]);
      expect(run.counters.entities).toMatchObject({ 'user.renamed': 1 });
      expect([...(await usersByName(engine)).keys()].sort()).toEqual(['asmith', 'john.doe']);
    });

    it('ignores oldusername, with a warning, when renaming is off', async () => {
      await open();
      const { lines } = await runFile(engine, csv('username;firstname;lastname;oldusername', 'jdoe;John;Doe;johnny'));
      expect(lines).toEqual([
        'line 2 [unchanged] User account unchanged: jdoe',
        'line 2 [warning] column oldusername ignored: renaming is off (setting users_allowrename)',
      ]);
    });

    it('follows the upload mode: add new only, update existing only, fill in missing values only', async () => {
      await open({ users_uploadmode: 'addnew' });
      const file = csv('username;firstname;lastname;city;idnumber', 'jdoe;Johnny;Doe;Lyon;1001', 'carl;Carl;C;Nice;1003');
      expect((await runFile(engine, file)).lines).toEqual([
        'line 2 [skipped] account jdoe exists and the upload mode adds new users only: not updated',
        'line 3 [created] User account added: carl (Carl C)',
      ]);
      await engine.settings.save({ users_uploadmode: 'update' });
      expect((await runFile(engine, csv('username;firstname;lastname;idnumber', 'dan;Dan;D;1004'))).lines).toEqual([
        'line 2 [skipped] no account dan and the upload mode updates existing users only: not created',
      ]);
      await engine.settings.save({ users_uploadmode: 'addupdate', users_updatemode: 'missingonly' });
      expect((await runFile(engine, csv('username;firstname;lastname;city;idnumber', 'jdoe;Johnny;Doe;Lyon;1001', 'carl;Carl;C;Paris;1003'))).lines).toEqual([
        'line 2 [updated] User account changed: John Doe as [jdoe] (1001): city',
        'line 3 [unchanged] User account unchanged: carl',
      ]);
      expect((await usersByName(engine)).get('jdoe')).toMatchObject({ firstname: 'John', city: 'Lyon' });
    });

    it('sees rows that depend on earlier rows of the same batch', async () => {
      await open({ users_protectemails: false });
      const { lines } = await runFile(engine, csv(
        HEADER,
        'jdoe;John;Doe;new@example.org;1001',
        'asmith;Anne;Smith;jdoe@example.org;1002',
        'kim;Kim;K;kim@example.org;1005',
        'kim;Kimberly;K;kim@example.org;1005',
      ));
      expect(lines).toEqual([
        'line 2 [updated] User account changed: John Doe as [jdoe] (1001): email',
        'line 3 [updated] User account changed: Anne Smith as [asmith] (1002): email',
        'line 4 [created] User account added: kim (Kim K)',
        'line 5 [updated] User account changed: Kimberly K as [kim] (1005): firstname',
      ]);
    });
  });
}
