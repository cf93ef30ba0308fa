import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { usersAddAction } from '../../processors/users/users-processor.js';
import { acquireLock } from '../../store/run-locks.js';
import { getRunRecord, listRunRecords } from '../../store/run-records.js';
import type { Engine } from '../engine.js';
import { startRuns } from './start-runs.js';

const HEADER = 'username;firstname;lastname';

for (const kind of DATABASES) {
  describe(`runs on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    it('announces its start, its progress after each batch and its end, and records them', async () => {
      engine = await openTestEngine(kind);
      const rows = Array.from({ length: 2500 }, (_, index) => `user${index};First;Last`);
      writeFileSync(join(engine.folder.files, 'userimport.csv'), [HEADER, ...rows].join('\n'));
      const events: string[] = [];
      engine.events.on('started', (event) => events.push(`started ${event.runId} ${event.input} ${event.simulate}`));
      const bytes: [number, number][] = [];
      engine.events.on('progress', (event) => {
        events.push(`progress ${event.rowsDone}`);
        bytes.push([event.bytesDone, event.bytesTotal]);
      });
      engine.events.on('finished', (event) => events.push(`finished ${event.runId} ${event.status}`));
      const seen: number[] = [];
      const [run] = await startRuns(engine, { action: usersAddAction, trigger: 'api', onProgress: (progress) => seen.push(progress.rowsDone) });
      expect(events).toEqual([
        'started 1 userimport.csv false',
        'progress 2000',
        'progress 2500',
        'progress 2500',
        'finished 1 succeeded',
      ]);
      expect(seen).toEqual([2000, 2500, 2500]);
      // Bytes are those read, at most one read (256 KiB) ahead of the rows: this small file is read at once.
      const size = readFileSync(join(engine.folder.files, 'userimport.csv')).length;
      expect(bytes).toEqual(Array(3).fill([size, size]));
      const record = await getRunRecord(engine.store.db, run!.id);
      expect(record).toMatchObject({
        processor: 'users', action: 'add', input_path: 'userimport.csv', trigger: 'api', simulate: 0, status: 'succeeded',
        rows_read: 2500, rows_ok: 2500, rows_skipped: 0, rows_error: 0, counters: '{"user.created":2500}', message: null,
      });
      expect(record!.started_at).toBeGreaterThanOrEqual(record!.queued_at);
      expect(record!.finished_at).toBeGreaterThanOrEqual(record!.started_at!);
    });

    it('refuses to start while another process runs the same processor, and records the refusal', async () => {
      engine = await openTestEngine(kind);
      writeFileSync(join(engine.folder.files, 'userimport.csv'), `${HEADER}\njdoe;John;Doe\n`);
      const held = await acquireLock(engine.store.db, 'run:users', 99, 'other-host:1:1');
      expect(held.acquired).toBe(true);
      const ended: string[] = [];
      engine.events.on('finished', (event) => ended.push(`${event.runId} ${event.status}`));
      const [run] = await startRuns(engine, { action: usersAddAction, trigger: 'manual' });
      expect(ended).toEqual([`${run!.id} failed`]); // a live view of the refused run closes too
      expect(run).toMatchObject({ status: 'failed', message: 'A users run is already in progress (other-host:1:1, run #99); try again when it has finished.' });
      expect(await getRunRecord(engine.store.db, run!.id)).toMatchObject({ status: 'failed', message: run!.message });
      expect(readFileSync(join(engine.folder.files, 'userimport.csv'), 'utf8')).toContain('jdoe');
    });

    it('runs every file a "*" location matches, in name order, one run each', async () => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ users_filelocation: 'incoming/users_*.csv' });
      const folder = join(engine.folder.files, 'incoming');
      (await import('node:fs')).mkdirSync(folder);
      writeFileSync(join(folder, 'users_2.csv'), `${HEADER}\nb;B;B\n`);
      writeFileSync(join(folder, 'users_1.csv'), `${HEADER}\na;A;A\n`);
      writeFileSync(join(folder, 'other.csv'), `${HEADER}\nz;Z;Z\n`);
      const runs = await startRuns(engine, { action: usersAddAction, trigger: 'schedule' });
      expect(runs.map((run) => [run.input, run.status, run.counters.ok])).toEqual([
        ['incoming/users_1.csv', 'succeeded', 1],
        ['incoming/users_2.csv', 'succeeded', 1],
      ]);
      expect((await listRunRecords(engine.store.db)).map((record) => record.input_path)).toEqual(['incoming/users_2.csv', 'incoming/users_1.csv']);
    });

    it('takes the first existing file of a comma list, and says so when none exists', async () => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ users_filelocation: 'missing.csv, second.csv, third.csv' });
      writeFileSync(join(engine.folder.files, 'third.csv'), `${HEADER}\nc;C;C\n`);
      writeFileSync(join(engine.folder.files, 'second.csv'), `${HEADER}\nb;B;B\n`);
      expect((await startRuns(engine, { action: usersAddAction, trigger: 'manual' })).map((run) => run.input)).toEqual(['second.csv']);
      await engine.settings.save({ users_filelocation: 'nothing.csv,none.csv' });
      expect.assertions(2);
      await expect(startRuns(engine, { action: usersAddAction, trigger: 'manual' })).rejects.toMatchObject({
        code: 'ENGINE_FILE_NOT_FOUND',
        message: 'File nothing.csv,none.csv not found in the command file area (setting users_filelocation).',
      });
    });

    it('fails as a whole on a header problem, with the message in its record and its report', async () => {
      engine = await openTestEngine(kind);
      writeFileSync(join(engine.folder.files, 'userimport.csv'), '# export\nusername;firstname;surname\njdoe;John;Doe\n');
      const [run] = await startRuns(engine, { action: usersAddAction, trigger: 'manual' });
      const expected = 'userimport.csv, line 2, column 3: unknown column "surname". Check its spelling, or turn on "Do not check column names" to ignore extra columns.';
      expect(run).toMatchObject({ status: 'failed', message: expected, counters: { read: 0 } });
      expect(await getRunRecord(engine.store.db, run!.id)).toMatchObject({ status: 'failed', message: expected });
      const report = readFileSync(run!.reportFile, 'utf8');
      expect(report).toContain(`${expected}\n\nSummary: 0 rows read · 0 ok · 0 skipped · 0 errors · run failed\nend of report\n`);
    });
  });
}

describe('a run whose writes cannot be committed (SQLite)', () => {
  let engine: Engine;
  afterEach(async () => engine?.close().catch(() => undefined));

  it('fails with the reason and keeps its input, neither archived nor removed', async () => {
    engine = await openTestEngine('sqlite');
    await engine.settings.save({ filearchive: true, filecleanup: true });
    writeFileSync(join(engine.folder.files, 'userimport.csv'), `${HEADER}\njdoe;John;Doe\n`);
    // A deferred foreign key broken in the group the run joins: only its commit fails.
    const sqlite = engine.store.sqlite!;
    await engine.store.flush();
    sqlite.pragma('foreign_keys = ON');
    sqlite.exec('create table t_parent (id integer primary key); create table t_child (parent integer references t_parent (id) deferrable initially deferred)');
    await engine.store.db.transaction().execute((trx) => sql`insert into t_child values (42)`.execute(trx));
    const [run] = await startRuns(engine, { action: usersAddAction, trigger: 'manual' });
    expect(run).toMatchObject({ status: 'failed', archivePath: null });
    expect(run!.message).toMatch(/^The store could not commit the last seconds of work, which are lost: FOREIGN KEY constraint failed/);
    expect(readFileSync(join(engine.folder.files, 'userimport.csv'), 'utf8')).toBe(`${HEADER}\njdoe;John;Doe\n`);
    expect(readFileSync(run!.reportFile, 'utf8')).toContain('could not commit the last seconds of work');
  });
});
