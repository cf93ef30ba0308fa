import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { csv, runFile, storedUsers, usersByName } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';

const SEED = csv(
  'username;firstname;lastname;email;idnumber',
  'jdoe;John;Doe;jdoe@example.org;1001',
  'asmith;Anne;Smith;anne@example.org;1002',
  'bob;Bob;B;bob@example.org;1003',
);

for (const kind of DATABASES) {
  describe(`users delete, suspend and restore files on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());
    const open = async () => {
      engine = await openTestEngine(kind);
      await runFile(engine, SEED);
    };

    it('suspends by the primary identity column, once, and reports each row', async () => {
      await open();
      const { lines, run } = await runFile(engine, csv('idnumber;username', '1001;jdoe', '1001;jdoe', '9999;nobody', ';x', '1002;asmith'), {
        action: 'users/suspend',
        name: 'usersuspend.csv',
      });
      expect(lines).toEqual([
        'line 2 [updated] User account suspended: jdoe',
        'line 3 [unchanged] User account already suspended: jdoe',
        'line 4 [error] no account with idnumber "9999"',
        'line 5 [error] column idnumber: a value is required',
        'line 6 [updated] User account suspended: asmith',
      ]);
      expect(run.counters.entities).toMatchObject({ 'user.suspended': 2, 'user.updated': 2, 'user.error': 2 });
      const users = await usersByName(engine);
      expect([users.get('jdoe')!.suspended, users.get('asmith')!.suspended, users.get('bob')!.suspended]).toEqual([1, 1, 0]);
    });

    it('restores (un-suspends), and says when there is nothing to restore', async () => {
      await open();
      await runFile(engine, csv('idnumber', '1001'), { action: 'users/suspend' });
      const { lines } = await runFile(engine, csv('idnumber', '1001', '1002'), { action: 'users/restore' });
      expect(lines).toEqual([
        'line 2 [updated] User account restored (no longer suspended): jdoe',
        'line 3 [unchanged] User account not suspended, nothing to restore: asmith',
      ]);
      expect((await usersByName(engine)).get('jdoe')!.suspended).toBe(0);
    });

    it('deletes by the identity the settings name, simulates exactly, and writes failed rows to the tryback', async () => {
      await open();
      await engine.settings.save({ users_primaryidentity: 'email', filefailed: true });
      const file = csv('email;firstname', 'JDOE@example.org;John', 'ghost@example.org;G', 'anne@example.org;Anne', 'anne@example.org;Anne', ';empty');
      const simulated = await runFile(engine, file, { action: 'users/delete', name: 'userdelete.csv', simulate: true });
      expect((await storedUsers(engine)).every((user) => user.deleted === 0)).toBe(true);
      const real = await runFile(engine, file, { action: 'users/delete', name: 'userdelete.csv' });
      expect(simulated.lines).toEqual(real.lines);
      expect(real.lines).toEqual([
        'line 2 [deleted] User account deleted: jdoe',
        'line 3 [skipped] no account with email "ghost@example.org" to delete',
        'line 4 [deleted] User account deleted: asmith',
        'line 5 [skipped] no account with email "anne@example.org" to delete',
        'line 6 [error] column email: a value is required',
      ]);
      expect([...(await usersByName(engine)).keys()]).toEqual(['bob']);
      expect(readFileSync(join(engine.folder.files, real.run.trybackPath!), 'utf8')).toBe('email;firstname\n;empty');
    });

    it('needs the identity column and names it when it is missing', async () => {
      await open();
      const { run } = await runFile(engine, csv('username', 'jdoe'), { action: 'users/delete' });
      expect(run).toMatchObject({ status: 'failed' });
      expect(run.message).toBe('users.csv, line 1: required column "idnumber" is missing from the header. Required columns: idnumber.');
    });
  });
}
