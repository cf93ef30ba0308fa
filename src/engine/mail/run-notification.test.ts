import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { usersAddAction } from '../../processors/users/users-processor.js';
import type { Engine } from '../engine.js';
import { startRuns } from '../run/start-runs.js';
import { readMime } from './fixtures/read-mime.js';
import { recipientsOf, shouldNotify } from './run-notification.js';

const WITH_ERROR = 'username;firstname;lastname\njdoe;John;Doe\n;No;Name\n';
const CLEAN = 'username;firstname;lastname\nasmith;Ann;Smith\n';

function outbox(engine: Engine): string[] {
  return readdirSync(engine.folder.outbox).sort().map((name) => readFileSync(join(engine.folder.outbox, name), 'utf8'));
}

describe('notification rules', () => {
  it('reads a list of addresses and decides when a run is worth a mail', () => {
    expect(recipientsOf(' ops@example.org, it@example.org;boss@example.org \n')).toEqual(['ops@example.org', 'it@example.org', 'boss@example.org']);
    expect(recipientsOf('')).toEqual([]);
    const counters = (errors: number) => ({ read: 1, ok: 1, skipped: 0, errors, entities: {} }) as never;
    expect(shouldNotify('errors', { status: 'succeeded', counters: counters(0) })).toBe(false);
    expect(shouldNotify('errors', { status: 'succeeded_with_errors', counters: counters(1) })).toBe(true);
    expect(shouldNotify('errors', { status: 'cancelled', counters: counters(0) })).toBe(true);
    expect(shouldNotify('errors', { status: 'failed', counters: counters(0) })).toBe(true);
    expect(shouldNotify('always', { status: 'succeeded', counters: counters(0) })).toBe(true);
  });
});

for (const kind of DATABASES) {
  describe(`run notifications on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());

    it('mails the summary and the report of a run with errors to each address of its processor', async () => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ notify_users_to: 'ops@example.org, it@example.org', mail_sitename: 'School' });
      writeFileSync(join(engine.folder.files, 'userimport.csv'), WITH_ERROR);
      const [run] = await startRuns(engine, { action: usersAddAction, trigger: 'schedule' });
      const mails = outbox(engine);
      expect(mails).toHaveLength(2);
      const mail = readMime(mails[0]!);
      expect([readMime(mails[0]!).header('to'), readMime(mails[1]!).header('to')].sort()).toEqual(['it@example.org', 'ops@example.org']);
      expect(mail.header('subject')).toBe('[School] users/add on userimport.csv: succeeded with errors');
      expect(mails[0]).toContain(`Run #${run!.id} of users/add on userimport.csv ended: succeeded with errors.`);
      expect(mails[0]).toMatch(new RegExp(`filename="?run-${run!.id}-report\\.txt`));
    });

    it('sends nothing for a clean run on errors only, for a simulation, or without addresses; mails every run when asked', async () => {
      engine = await openTestEngine(kind);
      writeFileSync(join(engine.folder.files, 'userimport.csv'), WITH_ERROR);
      await startRuns(engine, { action: usersAddAction, trigger: 'manual' });
      expect(outbox(engine)).toEqual([]);
      await engine.settings.save({ notify_users_to: 'ops@example.org' });
      await startRuns(engine, { action: usersAddAction, trigger: 'manual', simulate: true });
      expect(outbox(engine)).toEqual([]);
      writeFileSync(join(engine.folder.files, 'userimport.csv'), CLEAN);
      await startRuns(engine, { action: usersAddAction, trigger: 'manual' });
      expect(outbox(engine)).toEqual([]);
      await engine.settings.save({ notify_users_when: 'always', reportlang: 'fr' });
      writeFileSync(join(engine.folder.files, 'userimport.csv'), 'username;firstname;lastname\nbcarter;Bob;Carter\n');
      await startRuns(engine, { action: usersAddAction, trigger: 'manual' });
      const mails = outbox(engine);
      expect(mails).toHaveLength(1);
      expect(readMime(mails[0]!).header('subject')).toBe('[Moodle] users/add sur userimport.csv : réussie');
    });
  });
}
