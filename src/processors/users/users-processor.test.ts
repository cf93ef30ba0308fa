import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { rowLines } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';
import { startRuns } from '../../engine/run/start-runs.js';
import { usersAddAction } from './users-processor.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

async function exportedUsers(engine: Engine): Promise<Record<string, string | number>[]> {
  const users: Record<string, string | number>[] = [];
  for await (const page of engine.platform.exportEntity('users')) {
    for (const row of page.rows) users.push(Object.fromEntries(page.columns.map((column, index) => [column, row[index]!])));
  }
  return users;
}

function useFixture(engine: Engine, fixture: string, name = fixture): string {
  copyFileSync(join(FIXTURES, fixture), join(engine.folder.files, name));
  return name;
}

for (const kind of DATABASES) {
  describe(`users file on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    it('creates users, then finds them unchanged on the next run', async () => {
      engine = await openTestEngine(kind);
      const input = useFixture(engine, 'two-users.csv');
      const [first] = await startRuns(engine, { action: usersAddAction, input, trigger: 'manual' });
      expect(first).toMatchObject({ status: 'succeeded', counters: { read: 2, ok: 2, errors: 0, entities: { 'user.created': 2 } } });
      expect(await exportedUsers(engine)).toMatchObject([
        { username: 'jdoe', firstname: 'John', lastname: 'Doe', email: 'jdoe@example.org', idnumber: '1001', auth: 'manual' },
        { username: 'asmith', firstname: 'Anne', lastname: 'Smith', email: 'asmith@example.org', idnumber: '1002' },
      ]);
      const [second] = await startRuns(engine, { action: usersAddAction, input, trigger: 'manual' });
      expect(second!.counters.entities).toEqual({ 'user.unchanged': 2 });
      expect(rowLines(readFileSync(second!.reportFile, 'utf8'))).toEqual([
        'line 2 [unchanged] User account unchanged: jdoe',
        'line 3 [unchanged] User account unchanged: asmith',
      ]);
    });

    it('gives each bad row its own line and message, and the rows after it still run', async () => {
      engine = await openTestEngine(kind);
      const input = useFixture(engine, 'mixed.csv');
      const [run] = await startRuns(engine, { action: usersAddAction, input, trigger: 'manual' });
      expect(run!.status).toBe('succeeded_with_errors');
      expect(rowLines(readFileSync(run!.reportFile, 'utf8'))).toEqual([
        'line 4 [created] User account added: jdoe (John Doe)',
        'line 5 [updated] User account changed: Johnny Doe as [jdoe] (1001): firstname',
        'line 6 [error] e-mail jdoe@example.org already belongs to account "jdoe"',
        'line 7 [error] column username: "bad user" is not a valid username (lower-case letters, digits and the characters _ - . @ only)',
        'line 8 [error] column firstname: a value is required',
        'line 9 [error] column email: "not-an-email" is not an e-mail address',
        'line 10 [error] the account with idnumber "1001" is named "jdoe", not "eleroy"; to rename an account use the oldusername column',
      ]);
      expect(run!.counters).toMatchObject({ read: 7, ok: 2, errors: 5 });
      expect((await exportedUsers(engine)).map((user) => [user.username, user.firstname])).toEqual([['jdoe', 'Johnny']]);
    });

    it('simulates exactly what the real run then does, writing nothing', async () => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ filefailed: true, filearchive: true, filecleanup: true });
      const input = useFixture(engine, 'mixed.csv');
      const [simulated] = await startRuns(engine, { action: usersAddAction, input, trigger: 'manual', simulate: true });
      expect(await exportedUsers(engine)).toEqual([]);
      expect(readFileSync(simulated!.reportFile, 'utf8')).toContain('line 4 [created] SIMULATION: User account added: jdoe (John Doe)');
      expect(simulated).toMatchObject({ trybackPath: null, archivePath: null });
      expect(readFileSync(join(engine.folder.files, input), 'utf8')).toBe(readFileSync(join(FIXTURES, 'mixed.csv'), 'utf8'));

      const [real] = await startRuns(engine, { action: usersAddAction, input, trigger: 'manual' });
      expect(rowLines(readFileSync(simulated!.reportFile, 'utf8'))).toEqual(rowLines(readFileSync(real!.reportFile, 'utf8')));
      expect(simulated!.counters).toEqual(real!.counters);
    });

    it('writes the failed rows, as they were, to the tryback file under the original header line', async () => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ filefailed: true });
      const input = useFixture(engine, 'mixed.csv');
      const [run] = await startRuns(engine, { action: usersAddAction, input, trigger: 'manual' });
      expect(run!.trybackPath).toMatch(/^mixed_tryback_\d{8}-\d{4}\.csv$/);
      expect(readFileSync(join(engine.folder.files, run!.trybackPath!), 'utf8')).toBe(
        [
          'username;firstname;lastname;email;idnumber',
          'bsmith;Bob;Smith;jdoe@example.org;1003',
          'Bad User;Bad;User;bad@example.org;1004',
          'cmartin;;Martin;cmartin@example.org;1005',
          'dleroy;Denis;Leroy;not-an-email;1006',
          'eleroy;Eve;Leroy;eve@example.org;1001',
        ].join('\n'),
      );
    });

    it('keeps an existing e-mail when e-mails are protected, and changes it when they are not', async () => {
      engine = await openTestEngine(kind);
      useFixture(engine, 'two-users.csv', 'users.csv');
      await startRuns(engine, { action: usersAddAction, input: 'users.csv', trigger: 'manual' });
      writeFileSync(
        join(engine.folder.files, 'change.csv'),
        'username;firstname;lastname;email;idnumber\njdoe;John;Doe;john.doe@example.org;1001\nasmith;Anne;Smith;john.doe@example.org;1002\n',
      );
      const [protectedRun] = await startRuns(engine, { action: usersAddAction, input: 'change.csv', trigger: 'manual' });
      expect(rowLines(readFileSync(protectedRun!.reportFile, 'utf8'))).toEqual([
        'line 2 [unchanged] User account unchanged: jdoe',
        'line 3 [unchanged] User account unchanged: asmith',
      ]);

      await engine.settings.save({ users_protectemails: false });
      const [open] = await startRuns(engine, { action: usersAddAction, input: 'change.csv', trigger: 'manual' });
      // The second row wants the address the first row has just given to jdoe.
      expect(rowLines(readFileSync(open!.reportFile, 'utf8'))).toEqual([
        'line 2 [updated] User account changed: John Doe as [jdoe] (1001): email',
        'line 3 [error] e-mail john.doe@example.org already belongs to account "jdoe"',
      ]);
      expect((await exportedUsers(engine)).map((user) => user.email)).toEqual(['john.doe@example.org', 'asmith@example.org']);
    });

    it('matches by username when the primary identity is the username', async () => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ users_primaryidentity: 'username' });
      useFixture(engine, 'two-users.csv', 'users.csv');
      await startRuns(engine, { action: usersAddAction, input: 'users.csv', trigger: 'manual' });
      writeFileSync(join(engine.folder.files, 'renumber.csv'), 'username;firstname;lastname;idnumber\nJDOE;John;Doe;2001\n');
      const [run] = await startRuns(engine, { action: usersAddAction, input: 'renumber.csv', trigger: 'manual' });
      expect(rowLines(readFileSync(run!.reportFile, 'utf8'))).toEqual(['line 2 [updated] User account changed: John Doe as [jdoe] (2001): idnumber']);
      expect((await exportedUsers(engine))[0]).toMatchObject({ username: 'jdoe', idnumber: '2001' });
    });

    it('stops before writing anything when the last line holds bytes that are not UTF-8', async () => {
      engine = await openTestEngine(kind);
      const rows = 'username;firstname;lastname\njdoe;John;Doe\nasmith;Anne;Smith\n';
      writeFileSync(join(engine.folder.files, 'late.csv'), Buffer.concat([Buffer.from(rows), Buffer.from([0x6a, 0xe9, 0x3b, 0x61, 0x3b, 0x62, 0x0a])]));
      const [run] = await startRuns(engine, { action: usersAddAction, input: 'late.csv', trigger: 'manual' });
      expect(run).toMatchObject({ status: 'failed', counters: { read: 0 } });
      expect(run!.message).toMatch(/^late\.csv, line 4: bytes that are not valid UTF-8/);
      expect(await exportedUsers(engine)).toEqual([]);
    });

    it('writes reports in French when asked', async () => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ reportlang: 'fr' });
      const input = useFixture(engine, 'mixed.csv');
      const [run] = await startRuns(engine, { action: usersAddAction, input, trigger: 'manual' });
      const report = readFileSync(run!.reportFile, 'utf8');
      expect(report).toContain('ligne 4 [créé] Compte utilisateur ajouté : jdoe (John Doe)');
      expect(report).toContain('ligne 8 [erreur] colonne firstname : une valeur est obligatoire');
      expect(report).toContain('Bilan : 7 lignes lues · 2 correctes · 0 ignorées · 5 en erreur · exécution réussie avec des erreurs');
    });
  });
}
