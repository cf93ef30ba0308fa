import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASES } from './databases.js';
import { csv, linesOf, rowLines, stampsBetween, Workspace } from './fixtures/cli-harness.js';

/**
 * End to end: `tool-sync run users` as an administrator runs it (the built CLI in a child process), on every
 * database: what it prints, its exit code, what lands on the platform and in the data folder.
 */

const USERS = csv(
  'username;firstname;lastname;email;idnumber',
  'jdoe;John;Doe;jdoe@example.edu;ID1',
  'asmith;Ann;Smith;asmith@example.edu;ID2',
);

/** What `export users --format json` gives for a user created from a row with these five columns. */
const exported = (username: string, firstname: string, lastname: string, email: string, idnumber: string) => ({
  username, firstname, lastname, email, idnumber, auth: 'manual', suspended: 0, institution: '', department: '', city: '',
  country: '', lang: 'en', timezone: '99', phone1: '', phone2: '', address: '', url: '', description: '',
});

async function withWorkspace(kind: (typeof DATABASES)[number], test: (ws: Workspace) => Promise<void>): Promise<void> {
  const ws = await Workspace.open(kind);
  try {
    await test(ws);
  } finally {
    await ws.close();
  }
}

async function exportedUsers(ws: Workspace): Promise<unknown[]> {
  const result = await ws.cli('export', 'users', '--format', 'json');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as unknown[];
}

for (const kind of DATABASES) {
  describe(`tool-sync run users (${kind})`, () => {
    it('copies a file from outside the area into data/files, creates its users, and says unchanged the second time', () =>
      withWorkspace(kind, async (ws) => {
        const source = join(ws.outside, 'users.csv');
        writeFileSync(source, USERS);

        const first = await ws.cli('run', 'users', '--file', source);
        expect(first.stdout).toBe(csv(
          '#1 users.csv: succeeded',
          '  2 rows read · 2 ok · 0 skipped · 0 errors',
          '    user: 2 created',
          '  report: data/runs/run-1-report.txt',
        ));
        // stderr is a pipe, so progress is one plain line per tenth of the file.
        expect(first.stderr).toBe('users.csv: 100% · 2 rows\n');
        expect(first.code).toBe(0);
        expect(readFileSync(join(ws.files, 'users.csv'), 'utf8')).toBe(USERS);
        expect(readFileSync(source, 'utf8')).toBe(USERS); // copied, not moved
        expect(await exportedUsers(ws)).toEqual([
          exported('jdoe', 'John', 'Doe', 'jdoe@example.edu', 'ID1'),
          exported('asmith', 'Ann', 'Smith', 'asmith@example.edu', 'ID2'),
        ]);
        // The users are in this workspace's store: on PostgreSQL, in its schema (the URL's search_path applied).
        const where = ws.schema ? `${ws.schema}.lms_user` : 'lms_user';
        expect((await ws.query(`select username from ${where} order by id`)).map((row) => row.username)).toEqual(['jdoe', 'asmith']);
        expect(rowLines(readFileSync(join(ws.runs, 'run-1-report.txt'), 'utf8'))).toEqual([
          'line 2 [created] User account added: jdoe (John Doe)',
          'line 3 [created] User account added: asmith (Ann Smith)',
        ]);

        const second = await ws.cli('run', 'users', '--file', source);
        expect(second.stdout).toBe(csv(
          '#2 users.csv: succeeded',
          '  2 rows read · 2 ok · 0 skipped · 0 errors',
          '    user: 2 unchanged',
          '  report: data/runs/run-2-report.txt',
        ));
        expect(second.code).toBe(0);
        expect(rowLines(readFileSync(join(ws.runs, 'run-2-report.txt'), 'utf8'))).toEqual([
          'line 2 [unchanged] User account unchanged: jdoe',
          'line 3 [unchanged] User account unchanged: asmith',
        ]);
        expect(await ws.users()).toEqual(['jdoe;John;Doe;jdoe@example.edu;ID1', 'asmith;Ann;Smith;asmith@example.edu;ID2']);
      }));

    it('exits 1 on row errors, prints them with their physical lines, and writes a tryback file byte for byte (Windows-1252, CRLF)', () =>
      withWorkspace(kind, async (ws) => {
        await ws.configure({ filefailed: '1', encoding: 'Windows-1252' });
        const header = 'username;firstname;lastname;email;idnumber';
        const rows = [
          'jdoe;José;Doe;jdoe@example.edu;ID1',
          'Bad User;Renée;Xavier;renee@example.edu;ID2', // invalid username
          'asmith;Ann;Müller;jdoe@example.edu;ID3', // e-mail of jdoe, created by the row above
          'zoe;Zoé;Ygrec;zoe@example.edu;ID4',
        ];
        const bytes = Buffer.from([header, ...rows].map((line) => `${line}\r\n`).join(''), 'latin1');
        expect(bytes.includes(0xe9)).toBe(true); // é is one Windows-1252 byte, not UTF-8
        writeFileSync(join(ws.outside, 'accents.csv'), bytes);

        const before = new Date();
        const run = await ws.cli('run', 'users', '--file', join(ws.outside, 'accents.csv'));
        const after = new Date();
        const stamp = /tryback: data\/files\/accents_tryback_(\d{8}-\d{4})\.csv/.exec(run.stdout)?.[1];
        expect(stampsBetween(before, after)).toContain(stamp);
        expect(run.stdout).toBe(csv(
          '#1 accents.csv: succeeded with errors',
          '  4 rows read · 2 ok · 0 skipped · 2 errors',
          '    user: 2 created, 2 in error',
          '    line 3 [error] column username: "bad user" is not a valid username (lower-case letters, digits and the characters _ - . @ only)',
          '    line 4 [error] e-mail jdoe@example.edu already belongs to account "jdoe"',
          '  report: data/runs/run-1-report.txt',
          `  tryback: data/files/accents_tryback_${stamp}.csv`,
        ));
        expect(run.code).toBe(1);

        expect(ws.list(ws.files)).toEqual(['accents.csv', `accents_tryback_${stamp}.csv`, 'archives', 'reports']);
        // The header line and the failed rows as they were: same bytes, same CRLF, no final line break (spec 2.9).
        const tryback = readFileSync(join(ws.files, `accents_tryback_${stamp}.csv`));
        expect(tryback.equals(Buffer.from(`${header}\r\n${rows[1]}\r\n${rows[2]}`, 'latin1'))).toBe(true);
        expect(readFileSync(join(ws.files, 'accents.csv')).equals(bytes)).toBe(true);
        expect(ws.list(ws.runs)).toEqual(['run-1-report.txt']); // the pending tryback rows were moved out
        // The good rows were decoded from Windows-1252 exactly once.
        expect(await ws.users()).toEqual(['jdoe;José;Doe;jdoe@example.edu;ID1', 'zoe;Zoé;Ygrec;zoe@example.edu;ID4']);
        const [record] = await ws.storedRuns();
        expect(record).toMatchObject({
          status: 'succeeded_with_errors', rows_read: 4, rows_ok: 2, rows_error: 2,
          tryback_path: `accents_tryback_${stamp}.csv`, report_path: null, archive_path: null,
        });
      }));

    it('--simulate writes nothing, prefixes its report lines with SIMULATION, and predicts the real run exactly', () =>
      withWorkspace(kind, async (ws) => {
        await ws.configure({ filefailed: '1' });
        writeFileSync(join(ws.outside, 'mixed.csv'), csv(
          'username;firstname;lastname;email;idnumber',
          '# rows depending on earlier rows of the same file',
          'jdoe;John;Doe;jdoe@example.edu;ID1',
          'asmith;Ann;Smith;ann@example.edu;ID2',
          'jdoe;Johnny;Doe;jdoe@example.edu;ID1', // updates the user created 2 rows above
          'bob;Bob;Brown;ann@example.edu;ID3', // e-mail of asmith, created 2 rows above
          'Bad User;X;Y;;ID4',
          '',
          'jdoe;Johnny;Doe;;ID1', // unchanged after the update
        ));
        const file = join(ws.outside, 'mixed.csv');
        const predicted = [
          'line 3 [created] SIMULATION: User account added: jdoe (John Doe)',
          'line 4 [created] SIMULATION: User account added: asmith (Ann Smith)',
          'line 5 [updated] SIMULATION: User account changed: Johnny Doe as [jdoe] (ID1): firstname',
          'line 6 [error] e-mail ann@example.edu already belongs to account "asmith"',
          'line 7 [error] column username: "bad user" is not a valid username (lower-case letters, digits and the characters _ - . @ only)',
          'line 9 [unchanged] SIMULATION: User account unchanged: jdoe',
        ];
        const summary = (id: number, simulation = '') => [
          `#${id} mixed.csv: succeeded with errors${simulation}`,
          '  6 rows read · 4 ok · 0 skipped · 2 errors',
          '    user: 2 created, 1 updated, 1 unchanged, 2 in error',
          `    ${predicted[3]}`,
          `    ${predicted[4]}`,
          `  report: data/runs/run-${id}-report.txt`,
        ];

        const simulated = await ws.cli('run', 'users', '--file', file, '--simulate');
        // No tryback in simulate, even with filefailed on.
        expect(simulated.stdout).toBe(csv(...summary(1, ' (simulation: nothing was written)')));
        expect(simulated.code).toBe(1);
        const simulatedReport = readFileSync(join(ws.runs, 'run-1-report.txt'), 'utf8');
        expect(rowLines(simulatedReport)).toEqual(predicted);
        expect(linesOf(simulatedReport)[1]).toMatch(/^Started \S+ · file mixed\.csv · simulation: nothing is written$/);
        expect(await exportedUsers(ws)).toEqual([]);
        expect(ws.list(ws.files)).toEqual(['archives', 'mixed.csv', 'reports']);
        expect((await ws.storedRuns())[0]).toMatchObject({ id: 1, simulate: 1, status: 'succeeded_with_errors', rows_error: 2, tryback_path: null });

        const real = await ws.cli('run', 'users', '--file', file);
        expect(real.code).toBe(simulated.code);
        expect(rowLines(readFileSync(join(ws.runs, 'run-2-report.txt'), 'utf8'))).toEqual(
          predicted.map((line) => line.replace('SIMULATION: ', '')),
        );
        const stamp = /tryback: data\/files\/mixed_tryback_(\d{8}-\d{4})\.csv/.exec(real.stdout)?.[1];
        expect(real.stdout).toBe(csv(...summary(2), `  tryback: data/files/mixed_tryback_${stamp}.csv`));
        expect(await ws.users()).toEqual(['jdoe;Johnny;Doe;jdoe@example.edu;ID1', 'asmith;Ann;Smith;ann@example.edu;ID2']);
        const [realRecord, simulatedRecord] = await ws.storedRuns();
        const outcome = (record: typeof realRecord) => [record!.status, record!.rows_read, record!.rows_ok, record!.rows_skipped, record!.rows_error, record!.counters];
        expect(outcome(realRecord)).toEqual(outcome(simulatedRecord));
      }));

    it('a clean file simulates with exit 0, like its real run', () =>
      withWorkspace(kind, async (ws) => {
        writeFileSync(join(ws.outside, 'users.csv'), USERS);
        const simulated = await ws.cli('run', 'users', '--file', join(ws.outside, 'users.csv'), '-s');
        expect(simulated.code).toBe(0);
        expect(simulated.stdout).toBe(csv(
          '#1 users.csv: succeeded (simulation: nothing was written)',
          '  2 rows read · 2 ok · 0 skipped · 0 errors',
          '    user: 2 created',
          '  report: data/runs/run-1-report.txt',
        ));
        expect(await ws.users()).toEqual([]);
        const real = await ws.cli('run', 'users', '--file', 'users.csv'); // a path inside the area, used in place
        expect(real.code).toBe(0);
        expect(real.stdout).toBe(csv(
          '#2 users.csv: succeeded',
          '  2 rows read · 2 ok · 0 skipped · 0 errors',
          '    user: 2 created',
          '  report: data/runs/run-2-report.txt',
        ));
      }));

    it('fails as a whole (exit 2) on a missing required column, naming file, line and column, and keeps the input', () =>
      withWorkspace(kind, async (ws) => {
        await ws.configure({ filecleanup: '1', filearchive: '1' });
        const text = csv('# exported from the student information system', 'username;lastname;email', 'jdoe;Doe;jdoe@example.edu');
        writeFileSync(join(ws.outside, 'nofirst.csv'), text);
        const message = 'nofirst.csv, line 2: required column "firstname" is missing from the header. Required columns: username, firstname, lastname.';

        const run = await ws.cli('run', 'users', '--file', join(ws.outside, 'nofirst.csv'));
        expect(run.stdout).toBe(csv(
          '#1 nofirst.csv: failed',
          `  ${message}`,
          '  0 rows read · 0 ok · 0 skipped · 0 errors',
          '  report: data/runs/run-1-report.txt',
        ));
        expect(run.code).toBe(2);
        expect(readFileSync(join(ws.files, 'nofirst.csv'), 'utf8')).toBe(text);
        expect(ws.list(join(ws.files, 'archives'))).toEqual([]);
        expect(linesOf(readFileSync(join(ws.runs, 'run-1-report.txt'), 'utf8')).slice(2)).toEqual([
          message,
          '',
          'Summary: 0 rows read · 0 ok · 0 skipped · 0 errors · run failed',
          'end of report',
        ]);
        expect((await ws.storedRuns())[0]).toMatchObject({ status: 'failed', message, archive_path: null, rows_read: 0 });
        expect(await ws.users()).toEqual([]);
      }));

    it('stores the report, archives and removes the input after a real run, and only stores the report in simulate', () =>
      withWorkspace(kind, async (ws) => {
        await ws.configure({ storereport: '1', filearchive: '1', filecleanup: '1' });
        writeFileSync(join(ws.files, 'userimport.csv'), USERS); // the default location

        let before = new Date();
        const simulated = await ws.cli('run', 'users', '--simulate');
        let after = new Date();
        const simulatedStamp = /stored report: data\/files\/reports\/(\d{8}-\d{4})_simulation_report_userimport\.csv/.exec(simulated.stdout)?.[1];
        expect(stampsBetween(before, after)).toContain(simulatedStamp);
        expect(simulated.stdout).toBe(csv(
          '#1 userimport.csv: succeeded (simulation: nothing was written)',
          '  2 rows read · 2 ok · 0 skipped · 0 errors',
          '    user: 2 created',
          '  report: data/runs/run-1-report.txt',
          `  stored report: data/files/reports/${simulatedStamp}_simulation_report_userimport.csv`,
        ));
        expect(simulated.code).toBe(0);
        expect(ws.list(ws.files)).toEqual(['archives', 'reports', 'userimport.csv']);
        expect(ws.list(join(ws.files, 'archives'))).toEqual([]);
        expect(readFileSync(join(ws.files, 'reports', `${simulatedStamp}_simulation_report_userimport.csv`), 'utf8')).toBe(
          readFileSync(join(ws.runs, 'run-1-report.txt'), 'utf8'),
        );

        before = new Date();
        const real = await ws.cli('run', 'users');
        after = new Date();
        const stamp = /archive: data\/files\/archives\/(\d{8}-\d{4})_userimport\.csv/.exec(real.stdout)?.[1];
        expect(stampsBetween(before, after)).toContain(stamp);
        expect(real.stdout).toBe(csv(
          '#2 userimport.csv: succeeded',
          '  2 rows read · 2 ok · 0 skipped · 0 errors',
          '    user: 2 created',
          '  report: data/runs/run-2-report.txt',
          `  stored report: data/files/reports/${stamp}_report_userimport.csv`,
          `  archive: data/files/archives/${stamp}_userimport.csv`,
        ));
        expect(real.code).toBe(0);
        expect(existsSync(join(ws.files, 'userimport.csv'))).toBe(false);
        expect(ws.list(join(ws.files, 'archives'))).toEqual([`${stamp}_userimport.csv`]);
        expect(readFileSync(join(ws.files, 'archives', `${stamp}_userimport.csv`), 'utf8')).toBe(USERS);
        // A simulation's report never replaces a real run's, even in the same minute.
        expect(ws.list(join(ws.files, 'reports')).sort()).toEqual(
          [`${stamp}_report_userimport.csv`, `${simulatedStamp}_simulation_report_userimport.csv`].sort(),
        );
        expect(readFileSync(join(ws.files, 'reports', `${stamp}_report_userimport.csv`), 'utf8')).toBe(
          readFileSync(join(ws.runs, 'run-2-report.txt'), 'utf8'),
        );
        const [realRecord, simulatedRecord] = await ws.storedRuns();
        expect(realRecord).toMatchObject({
          id: 2, simulate: 0, report_path: `reports/${stamp}_report_userimport.csv`, archive_path: `archives/${stamp}_userimport.csv`,
        });
        expect(simulatedRecord).toMatchObject({ id: 1, simulate: 1, report_path: `reports/${simulatedStamp}_simulation_report_userimport.csv`, archive_path: null });

        const again = await ws.cli('run', 'users');
        expect(again.stderr).toBe('tool-sync: File userimport.csv not found in the command file area (setting users_filelocation).\n');
        expect(again.code).toBe(2);
      }));

    it('shows the progress of each file of a "*" location', () =>
      withWorkspace(kind, async (ws) => {
        await ws.configure({ users_filelocation: 'incoming/users_*.csv' });
        mkdirSync(join(ws.files, 'incoming'));
        writeFileSync(join(ws.files, 'incoming', 'users_b.csv'), csv('username;firstname;lastname', 'bob;Bob;Brown'));
        writeFileSync(join(ws.files, 'incoming', 'users_a.csv'), USERS);
        const run = await ws.cli('run', 'users');
        expect(run.stderr).toBe('incoming/users_a.csv: 100% · 2 rows\nincoming/users_b.csv: 100% · 1 rows\n');
        expect(run.stdout).toBe(csv(
          '#1 incoming/users_a.csv: succeeded',
          '  2 rows read · 2 ok · 0 skipped · 0 errors',
          '    user: 2 created',
          '  report: data/runs/run-1-report.txt',
          '#2 incoming/users_b.csv: succeeded',
          '  1 rows read · 1 ok · 0 skipped · 0 errors',
          '    user: 1 created',
          '  report: data/runs/run-2-report.txt',
        ));
        expect(run.code).toBe(0);
      }));
  });
}
