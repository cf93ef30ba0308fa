import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../src/settings/registry.js';
import { DATABASES } from './databases.js';
import { csv, linesOf, Workspace } from './fixtures/cli-harness.js';

/**
 * End to end: the administration commands of the built CLI (config, runs, export, capture, serve) on every
 * database, as child processes.
 */

const USERS = csv(
  'username;firstname;lastname;email;idnumber',
  'jdoe;John;Doe;jdoe@example.edu;ID1',
  'asmith;Ann;Smith;asmith@example.edu;ID2',
);

async function withWorkspace(kind: (typeof DATABASES)[number], test: (ws: Workspace) => Promise<void>): Promise<void> {
  const ws = await Workspace.open(kind);
  try {
    await test(ws);
  } finally {
    await ws.close();
  }
}

/** What an administrator seeds by hand around two users: one course, with an enrolment, a role, a group, a cohort. */
const SEED = [
  "insert into lms_course (category, fullname, shortname, idnumber, startdate) values (1, 'Algebra 101', 'ALG101', 'C-ALG', 1767225600)",
  "insert into lms_context (contextlevel, instanceid) select 50, id from lms_course where shortname = 'ALG101'",
  "insert into lms_enrol (enrol, courseid, roleid) select 'manual', id, 5 from lms_course where shortname = 'ALG101'",
  "insert into lms_user_enrolments (enrolid, userid, timestart) select e.id, u.id, 1767225600 from lms_enrol e, lms_user u where u.username = 'jdoe'",
  "insert into lms_role_assignments (roleid, contextid, userid) select 5, ctx.id, u.id from lms_context ctx, lms_user u where ctx.contextlevel = 50 and u.username = 'jdoe'",
  "insert into lms_groups (courseid, idnumber, name, description) select id, 'G-A', 'Group A', 'Tuesday; room 4' from lms_course where shortname = 'ALG101'",
  "insert into lms_groupings (courseid, idnumber, name) select id, 'GP-A', 'Year A' from lms_course where shortname = 'ALG101'",
  "insert into lms_groups_members (groupid, userid) select g.id, u.id from lms_groups g, lms_user u where u.username = 'asmith'",
  "insert into lms_cohort (contextid, name, idnumber) values (1, 'Year 1', 'Y1')",
  "insert into lms_cohort_members (cohortid, userid) select c.id, u.id from lms_cohort c, lms_user u where u.username = 'jdoe'",
  "insert into lms_cohort_members (cohortid, userid) select c.id, u.id from lms_cohort c, lms_user u where u.username = 'asmith'",
];

/** The CSV export of each entity after SEED. */
const EXPORTS: Record<string, string> = {
  users: csv(
    'username;firstname;lastname;email;idnumber;auth;suspended;institution;department;city;country;lang;timezone;phone1;phone2;address;url;description',
    'jdoe;John;Doe;jdoe@example.edu;ID1;manual;0;;;;;en;99;;;;;',
    'asmith;Ann;Smith;asmith@example.edu;ID2;manual;0;;;;;en;99;;;;;',
  ),
  categories: csv('id;name;idnumber;parent;path;visible;description', '1;Miscellaneous;;0;"/1";1;'),
  courses: csv('id;shortname;fullname;idnumber;category;format;startdate;enddate;visible;summary', '1;ALG101;Algebra 101;C-ALG;1;topics;1767225600;0;1;'),
  enrolments: csv('cmd;rolename;cid;uid;enrol;starttime;endtime;status', 'add;student;ALG101;jdoe;manual;1767225600;0;0'),
  'role-assignments': csv('rolename;contextlevel;instanceid;course;username;component', 'student;50;1;ALG101;jdoe;'),
  groups: csv('courseid;name;type;idnumber;description', 'ALG101;Group A;group;G-A;"Tuesday; room 4"'),
  groupings: csv('courseid;name;type;idnumber;description', 'ALG101;Year A;grouping;GP-A;'),
  'group-members': csv('courseid;groupid;userid;component', 'ALG101;Group A;asmith;'),
  cohorts: csv('id;cidnumber;cname;cdescription;ccatcontext;component;visible', '1;Y1;Year 1;;;;1'),
  'cohort-members': csv('cmd;cidnumber;cname;userid', 'add;Y1;Year 1;jdoe', 'add;Y1;Year 1;asmith'),
};

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

for (const kind of DATABASES) {
  describe(`tool-sync config (${kind})`, () => {
    it('lists every setting, shows one with its help, refuses bad values with exit 2, and changes only the key given', () =>
      withWorkspace(kind, async (ws) => {
        const list = await ws.cli('config', 'list');
        expect(list.code).toBe(0);
        const lines = linesOf(list.stdout);
        expect(lines.map((line) => line.split(/\s+/)[2])).toEqual(SETTINGS.map((definition) => definition.key));
        expect(lines).toContain('  users        users_primaryidentity                "idnumber"       User primary identity field');
        expect(lines).toContain('  postprocess  fileareacleanupdelay                 90               Remove stored files older than (in days)');
        expect(lines.filter((line) => line.startsWith('*'))).toEqual([]); // nothing changed yet

        const get = await ws.cli('config', 'get', 'users_primaryidentity');
        expect(get.stdout).toBe(csv(
          'users_primaryidentity = "idnumber"',
          'User primary identity field — User field used to recognise the existing account of each row of the user files (creation, deletion, suspension and restore); those files need a column of that name. When a row\'s value for that field is empty, the account is looked up by username.',
          '  "id": Internal id (id)',
          '  "idnumber": ID number (idnumber)',
          '  "username": Username (username)',
          '  "email": Email address (email)',
          'default: "idnumber"',
        ));
        expect(get.code).toBe(0);

        const [badBoolean, badChoice, unknown] = await Promise.all([
          ws.cli('config', 'set', 'filecleanup', 'maybe'),
          ws.cli('config', 'set', 'users_primaryidentity', 'nope'),
          ws.cli('config', 'set', 'filecleanupp', '1'),
        ]);
        expect([badBoolean.code, badBoolean.stdout, badBoolean.stderr]).toEqual([
          2, '', 'tool-sync: Setting "filecleanup": "maybe" is not valid; expected yes or no (1/0).\n',
        ]);
        expect([badChoice.code, badChoice.stdout, badChoice.stderr]).toEqual([
          2, '', 'tool-sync: Setting "users_primaryidentity": "nope" is not valid; expected one of "id", "idnumber", "username", "email".\n',
        ]);
        expect([unknown.code, unknown.stdout, unknown.stderr]).toEqual([
          2, '', 'tool-sync: Unknown setting "filecleanupp". `tool-sync config list` shows every setting.\n',
        ]);

        const storereport = await ws.cli('config', 'set', 'storereport', 'yes');
        expect([storereport.code, storereport.stdout]).toEqual([0, 'storereport = true\n']);
        // A tab is shown as TAB, and TAB is what `config set` takes.
        const separator = await ws.cli('config', 'set', 'csvseparator', 'TAB');
        expect([separator.code, separator.stdout, separator.stderr]).toEqual([0, 'csvseparator = TAB\n', '']);

        const after = linesOf((await ws.cli('config', 'list')).stdout);
        expect(after.filter((line) => line.startsWith('*'))).toEqual([
          '* fileformat   csvseparator                         TAB              CSV field separator',
          '* postprocess  storereport                          true             Store report file',
        ]);
        expect(after).toContain('  postprocess  filecleanup                          false            Control files cleanup');
        expect(linesOf((await ws.cli('config', 'get', 'csvseparator')).stdout)[0]).toBe('csvseparator = TAB');
      }));
  });

  describe(`tool-sync runs (${kind})`, () => {
    it('lists the runs, latest first, with status and counters; --json parses', () =>
      withWorkspace(kind, async (ws) => {
        writeFileSync(join(ws.outside, 'good.csv'), USERS);
        writeFileSync(join(ws.outside, 'bad.csv'), csv('username;firstname;lastname', 'Bad User;B;U', 'carol;Carol;King'));
        writeFileSync(join(ws.outside, 'broken.csv'), csv('username;lastname', 'x;y'));
        expect((await ws.cli('run', 'users', '--file', join(ws.outside, 'good.csv'))).code).toBe(0);
        expect((await ws.cli('run', 'users', '--file', join(ws.outside, 'bad.csv'), '--simulate')).code).toBe(1);
        expect((await ws.cli('run', 'users', '--file', join(ws.outside, 'broken.csv'))).code).toBe(2);

        const [text, json, last, none] = await Promise.all([
          ws.cli('runs'),
          ws.cli('runs', '--json'),
          ws.cli('runs', '-n', '1'),
          ws.cli('runs', '--processor', 'cohorts'),
        ]);
        const brokenMessage = 'broken.csv, line 1: required column "firstname" is missing from the header. Required columns: username, firstname, lastname.';
        const when = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d`;
        const expected = [
          new RegExp(String.raw`^#3  ${when}  users/add  real  manual  failed  read 0 ok 0 skipped 0 errors 0  \d+\.\ds  broken\.csv$`),
          new RegExp(`^      ${brokenMessage.replace(/[.()]/g, '\\$&')}$`),
          new RegExp(String.raw`^#2  ${when}  users/add  simulate  manual  succeeded_with_errors  read 2 ok 1 skipped 0 errors 1  \d+\.\ds  bad\.csv$`),
          new RegExp(String.raw`^#1  ${when}  users/add  real  manual  succeeded  read 2 ok 2 skipped 0 errors 0  \d+\.\ds  good\.csv$`),
        ];
        const lines = linesOf(text.stdout);
        expect(lines).toHaveLength(expected.length);
        lines.forEach((line, index) => expect(line).toMatch(expected[index]!));
        expect(text.code).toBe(0);

        expect(json.code).toBe(0);
        const records = JSON.parse(json.stdout) as Record<string, unknown>[];
        const run = (id: number, input: string, simulate: number, status: string, counts: number[], counters: object, message: string | null) => ({
          id, processor: 'users', action: 'add', input_path: input, trigger: 'manual', simulate, status,
          rows_read: counts[0], rows_ok: counts[1], rows_skipped: counts[2], rows_error: counts[3], counters, message,
          owner: expect.stringMatching(/^[^:]+:\d+:\d+$/), queued_at: expect.any(Number), started_at: expect.any(Number),
          finished_at: expect.any(Number), report_path: null, tryback_path: null, archive_path: null,
        });
        expect(records).toEqual([
          run(3, 'broken.csv', 0, 'failed', [0, 0, 0, 0], {}, brokenMessage),
          run(2, 'bad.csv', 1, 'succeeded_with_errors', [2, 1, 0, 1], { 'user.error': 1, 'user.created': 1 }, null),
          run(1, 'good.csv', 0, 'succeeded', [2, 2, 0, 0], { 'user.created': 2 }, null),
        ]);
        for (const record of records) {
          expect(record.queued_at as number).toBeLessThanOrEqual(record.started_at as number);
          expect(record.started_at as number).toBeLessThanOrEqual(record.finished_at as number);
        }
        expect(linesOf(last.stdout)).toHaveLength(2); // run #3 and its message
        expect(linesOf(last.stdout)[0]).toMatch(/^#3 /);
        expect([none.code, none.stdout]).toEqual([0, '']);
      }));
  });

  describe(`tool-sync export (${kind})`, () => {
    it('exports every entity as CSV with a header line, and the users export runs back as unchanged rows', () =>
      withWorkspace(kind, async (ws) => {
        writeFileSync(join(ws.outside, 'users.csv'), USERS);
        expect((await ws.cli('run', 'users', '--file', join(ws.outside, 'users.csv'))).code).toBe(0);
        for (const statement of SEED) await ws.query(statement);

        const entities = Object.keys(EXPORTS);
        const results = await Promise.all(entities.map((entity) => ws.cli('export', entity)));
        const outcome = (index: number) => {
          const result = results[index]!;
          return { entity: entities[index], code: result.code, stdout: result.stdout, stderr: result.stderr };
        };
        for (const [index, entity] of entities.entries()) {
          expect(outcome(index)).toEqual({ entity, code: 0, stdout: EXPORTS[entity], stderr: '' });
        }

        const json = await ws.cli('export', 'groups', '--format', 'json');
        expect(JSON.parse(json.stdout)).toEqual([{ courseid: 'ALG101', name: 'Group A', type: 'group', idnumber: 'G-A', description: 'Tuesday; room 4' }]);

        const file = join(ws.outside, 'exported-users.csv');
        const written = await ws.cli('export', 'users', '-o', file);
        expect([written.code, written.stdout]).toEqual([0, '']);
        expect(readFileSync(file, 'utf8')).toBe(EXPORTS.users);
        const back = await ws.cli('run', 'users', '--file', file);
        expect(back.stdout).toBe(csv(
          '#2 exported-users.csv: succeeded',
          '  2 rows read · 2 ok · 0 skipped · 0 errors',
          '    user: 2 unchanged',
          '  report: data/runs/run-2-report.txt',
        ));
        expect(back.code).toBe(0);

        const unknown = await ws.cli('export', 'teachers');
        expect([unknown.code, unknown.stderr]).toEqual([
          2, 'tool-sync: unknown entity "teachers" (users, categories, courses, enrolments, role-assignments, groups, groupings, group-members, cohorts, cohort-members)\n',
        ]);
      }));

    it('exports an empty entity with exit 0 (JSON: an empty array; CSV: the header line)', () =>
      withWorkspace(kind, async (ws) => {
        const [csvResult, jsonResult] = await Promise.all([ws.cli('export', 'courses'), ws.cli('export', 'courses', '--format', 'json')]);
        expect([csvResult.code, csvResult.stdout, csvResult.stderr]).toEqual([
          0, 'id;shortname;fullname;idnumber;category;format;startdate;enddate;visible;summary\n', '',
        ]);
        expect([jsonResult.code, jsonResult.stdout, JSON.parse(jsonResult.stdout)]).toEqual([0, '[\n]\n', []]);
      }));
  });

  describe(`tool-sync capture (${kind})`, () => {
    it('moves settled files of data/sync into data/files, and nothing while alock.txt is present', () =>
      withWorkspace(kind, async (ws) => {
        expect(await ws.cli('capture')).toMatchObject({ code: 0, stdout: 'nothing to capture\n' }); // creates the folders
        const old = new Date(Date.now() - 60_000);
        writeFileSync(join(ws.sync, 'users.csv'), USERS);
        utimesSync(join(ws.sync, 'users.csv'), old, old);
        writeFileSync(join(ws.sync, 'alock.txt'), '');

        const locked = await ws.cli('capture');
        expect([locked.code, locked.stdout, locked.stderr]).toEqual([0, 'alock.txt is present: a feeder is still writing, nothing captured\n', '']);
        expect(ws.list(ws.sync)).toEqual(['alock.txt', 'users.csv']);
        expect(existsSync(join(ws.files, 'users.csv'))).toBe(false);

        writeFileSync(join(ws.sync, 'fresh.csv'), USERS); // still being written: modified just now
        rmSync(join(ws.sync, 'alock.txt'));
        const captured = await ws.cli('capture');
        expect([captured.code, captured.stdout, captured.stderr]).toEqual([
          0, 'fresh.csv changed less than 2 s ago; left for the next capture\nusers.csv captured into the file area\n', '',
        ]);
        expect(ws.list(ws.sync)).toEqual(['fresh.csv']);
        expect(readFileSync(join(ws.files, 'users.csv'), 'utf8')).toBe(USERS);
        expect(ws.list(ws.files)).toEqual(['archives', 'reports', 'users.csv']);
      }));
  });

  describe(`tool-sync serve (${kind})`, () => {
    it('answers GET /health, prints the setup link, and stops on SIGTERM', () =>
      withWorkspace(kind, async (ws) => {
        const port = await freePort();
        const child = ws.start(['serve', '--port', String(port)]);
        let stdout = '';
        let stderr = '';
        child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolveExit) => child.on('exit', (code, signal) => resolveExit([code, signal])));
        try {
          await new Promise<void>((resolveListening, reject) => {
            child.stdout!.on('data', (chunk: Buffer) => {
              stdout += chunk.toString();
              if (/setup\?code=.*\n/.test(stdout)) resolveListening();
            });
            void exited.then(([code]) => reject(new Error(`serve exited ${code} before listening: ${stderr}`)));
          });
          // Besides the service's JSON log lines: where it listens, and the first administrator's one-time link.
          expect(stdout).toContain(`tool-sync listening on http://127.0.0.1:${port} · data ${ws.data} · ${kind}\n`);
          expect(stdout).toMatch(new RegExp(`No account yet: create the first administrator at http://127\\.0\\.0\\.1:${port}/setup\\?code=[\\w-]{32} `));
          const response = await fetch(`http://127.0.0.1:${port}/health`);
          expect(response.status).toBe(200);
          expect(await response.json()).toMatchObject({ status: 'ok', database: kind, platform: 'embedded' });
          child.kill('SIGTERM');
          expect(await exited).toEqual([0, null]);
          expect(stderr).toBe('');
          await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
        } finally {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        }
      }));
  });
}
