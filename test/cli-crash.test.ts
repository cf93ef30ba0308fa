import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMIT_WINDOW_MS } from '../src/store/grouped-commits.js';
import { DATABASES } from './databases.js';
import { csv, linesOf, Workspace, type CliResult } from './fixtures/cli-harness.js';

/**
 * End to end: a `run users` killed with SIGKILL in the middle of a big file (a power cut, `kill -9`), then the next
 * run, with `discardfileonfailure` on and off, on every database.
 */

/** Rows enough for the run to last a few seconds (PostgreSQL writes more slowly than the in-process SQLite). */
const ROWS = { sqlite: 300_000, postgres: 40_000 } as const;
const PROGRESS = /^userimport\.csv: (\d+)% · (\d+) rows$/;

function bigFile(rows: number): string {
  const lines = ['username;firstname;lastname;email;idnumber'];
  for (let i = 0; i < rows; i++) lines.push(`user${i};First;Last;user${i}@example.edu;ID${i}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Starts `run users` on data/files/userimport.csv and kills it with SIGKILL at a progress line, once its first
 * batches are surely committed (SQLite groups its commits two seconds apart).
 */
async function killMidway(ws: Workspace): Promise<CliResult> {
  const child = ws.start(['run', 'users']);
  let stdout = '';
  let stderr = '';
  let firstProgress: number | undefined;
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    firstProgress ??= Date.now();
    if (Date.now() - firstProgress > COMMIT_WINDOW_MS + 300 && !child.killed) child.kill('SIGKILL');
  });
  return new Promise((resolveExit) => child.on('close', (code, signal) => resolveExit({ code, signal, stdout, stderr })));
}

async function usersCount(ws: Workspace): Promise<number> {
  const [row] = await ws.query('select count(*) as n from lms_user');
  return Number(row!.n);
}

/** A crashed run: its input, the users its finished batches wrote, its record and its owner. */
async function crash(ws: Workspace, rows: number): Promise<{ text: string; committed: number; owner: string }> {
  const text = bigFile(rows);
  mkdirSync(ws.files, { recursive: true });
  writeFileSync(join(ws.files, 'userimport.csv'), text);
  const killed = await killMidway(ws);
  expect(killed.signal).toBe('SIGKILL');
  expect(killed.stdout).toBe(''); // killed before its summary
  expect(linesOf(killed.stderr)[0]).toMatch(PROGRESS);

  expect(readFileSync(join(ws.files, 'userimport.csv'), 'utf8')).toBe(text); // the input stays in place
  const [record, ...others] = await ws.runRecords();
  expect(others).toEqual([]);
  expect(record).toMatchObject({ id: 1, input_path: 'userimport.csv', status: 'running', finished_at: null, message: null });
  // Each batch of 1000 rows is written in one transaction: the kill left whole batches, and not all of them.
  const committed = await usersCount(ws);
  expect(committed % 1000).toBe(0);
  expect(committed).toBeGreaterThanOrEqual(1000);
  expect(committed).toBeLessThan(rows);
  // The saved progress never runs ahead of the writes it counts.
  expect(record!.rows_read).toBeLessThanOrEqual(committed);
  return { text, committed, owner: record!.owner! };
}

for (const kind of DATABASES) {
  describe(`tool-sync run killed in the middle (${kind})`, () => {
    const rows = ROWS[kind];

    it('with discardfileonfailure on: the next run renames the input, records both runs as failed, exits 2', async () => {
      const ws = await Workspace.open(kind);
      try {
        const { text, committed, owner } = await crash(ws, rows);
        await ws.configure({ discardfileonfailure: '1' });

        const next = await ws.cli('run', 'users');
        const skipped =
          'Run #1 on userimport.csv was interrupted; as "Discard input file on failure" is on, the file was renamed ' +
          'userimport-tryback-failed.csv. Rearming for next run: this run is skipped.';
        expect(next.stdout).toBe(csv('#2 userimport.csv: failed', `  ${skipped}`, '  0 rows read · 0 ok · 0 skipped · 0 errors'));
        expect(next.stderr).toBe('');
        expect(next.code).toBe(2);

        expect(ws.list(ws.files)).toEqual(['archives', 'reports', 'userimport-tryback-failed.csv']);
        expect(readFileSync(join(ws.files, 'userimport-tryback-failed.csv'), 'utf8')).toBe(text);
        const [skippedRecord, crashedRecord] = await ws.runRecords();
        expect(crashedRecord).toMatchObject({
          id: 1,
          status: 'failed',
          finished_at: expect.any(Number),
          message:
            `Interrupted: the process running it (${owner}) ended before the run finished. ` +
            'As "Discard input file on failure" is on, its input file was renamed userimport-tryback-failed.csv.',
        });
        expect(skippedRecord).toMatchObject({ id: 2, status: 'failed', message: skipped, rows_read: 0, report_path: null });
        expect(await usersCount(ws)).toBe(committed);

        const after = await ws.cli('run', 'users');
        expect([after.code, after.stdout, after.stderr]).toEqual([
          2, '', 'tool-sync: File userimport.csv not found in the command file area (setting users_filelocation).\n',
        ]);
      } finally {
        await ws.close();
      }
    });

    it('with discardfileonfailure off: the next run processes the whole file and records the killed run as failed', async () => {
      const ws = await Workspace.open(kind);
      try {
        const { committed, owner } = await crash(ws, rows);

        const next = await ws.cli('run', 'users');
        expect(next.stdout).toBe(csv(
          '#2 userimport.csv: succeeded',
          `  ${rows} rows read · ${rows} ok · 0 skipped · 0 errors`,
          `    user: ${rows - committed} created, ${committed} unchanged`,
          '  report: data/runs/run-2-report.txt',
        ));
        expect(next.code).toBe(0);
        const percents = linesOf(next.stderr).map((line) => Number(PROGRESS.exec(line)?.[1]));
        expect(percents.at(-1)).toBe(100);
        percents.forEach((percent, index) => expect(percent).toBeGreaterThan(index ? percents[index - 1]! : -1));

        expect(await usersCount(ws)).toBe(rows);
        expect(ws.list(ws.files)).toEqual(['archives', 'reports', 'userimport.csv']);
        const [nextRecord, crashedRecord] = await ws.runRecords();
        expect(crashedRecord).toMatchObject({
          id: 1,
          status: 'failed',
          message: `Interrupted: the process running it (${owner}) ended before the run finished. Its input file was left in place.`,
        });
        expect(nextRecord).toMatchObject({
          id: 2, status: 'succeeded', rows_read: rows, rows_ok: rows, rows_error: 0,
          counters: { 'user.unchanged': committed, 'user.created': rows - committed },
        });
      } finally {
        await ws.close();
      }
    });
  });
}
