import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { FakeClock } from '../../../test/fake-clock.js';
import { memoryLog } from '../../../test/service-kit.js';
import { listRunRecords } from '../../store/run-records.js';
import type { Engine } from '../engine.js';
import { DropFolderWatcher } from './drop-folder-watcher.js';

const USERS = 'username;firstname;lastname\njdoe;John;Doe\n';

for (const kind of DATABASES) {
  describe(`drop-folder watcher on ${kind}`, () => {
    let engine: Engine;
    let watcher: DropFolderWatcher | undefined;
    afterEach(async () => {
      await watcher?.stop();
      watcher = undefined;
      await engine?.close();
    });

    const drop = (name: string, content: string, ageMs: number, clock: FakeClock) => {
      const path = join(engine.folder.sync, name);
      writeFileSync(path, content);
      const time = new Date(clock.now().getTime() - ageMs);
      utimesSync(path, time, time);
    };

    it('does nothing while the setting is off', async () => {
      engine = await openTestEngine(kind);
      const clock = new FakeClock(new Date());
      watcher = new DropFolderWatcher(engine, { clock, log: memoryLog() });
      drop('userimport.csv', USERS, 60_000, clock);
      expect(await watcher.check()).toEqual([]);
      expect(existsSync(join(engine.folder.sync, 'userimport.csv'))).toBe(true);
    });

    it('captures a completely written file and runs the processor whose location designates it', async () => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ service_watchdropfolder: true, enrols_filelocation: 'enrol_*.csv' });
      const clock = new FakeClock(new Date());
      watcher = new DropFolderWatcher(engine, { clock, log: memoryLog() });
      drop('userimport.csv', USERS, 60_000, clock);
      drop('enrol_2026.csv', 'cmd;rolename;uid;cid\n', 60_000, clock);
      drop('notes.txt', 'hello', 60_000, clock);
      const runs = await watcher.check();
      expect(runs.map((run) => `${run.input} ${run.status}`).sort()).toEqual(['enrol_2026.csv succeeded', 'userimport.csv succeeded']);
      const records = await listRunRecords(engine.store.db);
      expect(records.map((record) => `${record.processor} ${record.trigger}`).sort()).toEqual(['enrols watch', 'users watch']);
      // A file no location designates is captured and waits.
      expect(existsSync(join(engine.folder.files, 'notes.txt'))).toBe(true);
    });

    it('waits until a file is completely written, looking again on its own', async () => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ service_watchdropfolder: true });
      const clock = new FakeClock(new Date());
      const log = memoryLog();
      watcher = new DropFolderWatcher(engine, { clock, log });
      const running = watcher;
      drop('userimport.csv', USERS, 0, clock); // just written
      running.start();
      await clock.advance(100, () => running.idle());
      expect(await listRunRecords(engine.store.db)).toEqual([]);
      expect(existsSync(join(engine.folder.sync, 'userimport.csv'))).toBe(true);
      await clock.advance(6_000, () => running.idle());
      await running.idle();
      const records = await listRunRecords(engine.store.db);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ processor: 'users', trigger: 'watch', status: 'succeeded' });
      expect(log.lines.some((line) => line.includes('users/add run #'))).toBe(true);
    });

    it('leaves everything while a feeder holds its write lock', async () => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ service_watchdropfolder: true });
      const clock = new FakeClock(new Date());
      watcher = new DropFolderWatcher(engine, { clock, log: memoryLog() });
      drop('alock.txt', '', 1000, clock);
      drop('userimport.csv', USERS, 60_000, clock);
      expect(await watcher.check()).toEqual([]);
      expect(existsSync(join(engine.folder.sync, 'userimport.csv'))).toBe(true);
    });
  });
}
