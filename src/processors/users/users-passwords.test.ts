import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestEngine } from '../../../test/databases.js';
import { csv, runFile, usersByName } from '../../../test/users-kit.js';
import type { Engine } from '../../engine/engine.js';
import { verifySha512Crypt } from '../../platform/embedded/sha512-crypt.js';

const MOODLE_HASH = /^\$6\$rounds=10000\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/;

for (const kind of DATABASES) {
  describe(`users passwords and their mails on ${kind}`, () => {
    let engine: Engine;
    afterEach(async () => engine?.close());
    const password = async (username: string) => (await usersByName(engine)).get(username)!.password;
    const outbox = () => readdirSync(engine.folder.outbox).filter((name) => name.endsWith('.eml')).sort();

    it('hashes passwords as Moodle 5 does, keeps *NOPASS*, and finds an unchanged password unchanged', async () => {
      engine = await openTestEngine(kind);
      const file = csv('username;firstname;lastname;password', 'jdoe;John;Doe;Secret-1', 'bot;Bot;B;*NOPASS*', 'ann;Ann;A;');
      await runFile(engine, file);
      expect(await password('jdoe')).toMatch(MOODLE_HASH);
      expect(verifySha512Crypt('Secret-1', await password('jdoe'))).toBe(true);
      expect(await password('bot')).toBe('*NOPASS*');
      expect(await password('ann')).toBe('');
      expect((await runFile(engine, file)).lines).toEqual([
        'line 2 [unchanged] User account unchanged: jdoe',
        'line 3 [unchanged] User account unchanged: bot',
        'line 4 [unchanged] User account unchanged: ann',
      ]);
      const changed = await runFile(engine, csv('username;firstname;lastname;password', 'jdoe;John;Doe;Secret-2', 'ann;Ann;A;'));
      expect(changed.lines).toEqual(['line 2 [updated] User account changed: John Doe as [jdoe] (): password', 'line 3 [unchanged] User account unchanged: ann']);
      expect(verifySha512Crypt('Secret-2', await password('jdoe'))).toBe(true);
    });

    it('refuses a password too long to hash safely, naming the column', async () => {
      engine = await openTestEngine(kind);
      const { lines } = await runFile(engine, csv('username;firstname;lastname;password', `jdoe;John;Doe;${'x'.repeat(257)}`));
      expect(lines).toEqual(['line 2 [error] column password: "xxxxxxxxxxxx…" is not valid; expected at most 256 characters']);
    });

    it('generates a password for a new account without one when asked, never for an existing account', async () => {
      engine = await openTestEngine(kind);
      await runFile(engine, csv('username;firstname;lastname', 'old;Old;O'));
      await engine.settings.save({ users_createpasswords: true });
      await runFile(engine, csv('username;firstname;lastname;password', 'new;New;N;', 'old;Old;O;'));
      expect(await password('new')).toMatch(MOODLE_HASH);
      expect(await password('old')).toBe('');
      const preference = await engine.store.db
        .selectFrom('lms_user_preferences as p')
        .innerJoin('lms_user as u', 'u.id', 'p.userid')
        .select(['u.username', 'p.name', 'p.value'])
        .execute();
      expect(preference).toEqual([{ username: 'new', name: 'auth_forcepasswordchange', value: '1' }]);
    });

    it('mails the credentials of new accounts in their language once saved, never for *NOPASS*, NOMAIL or in simulate', async () => {
      engine = await openTestEngine(kind);
      await engine.settings.save({ users_createpasswords: true, users_sendpasswordtousers: true, mail_sitename: 'Campus' });
      const file = csv(
        'username;firstname;lastname;email;lang;password',
        'jdoe;Jean;Dupont;jean@example.fr;fr;',
        'ann;Ann;Smith;ann@example.org;en;Given-Pass-1',
        'bot;Bot;B;bot@example.org;en;*NOPASS*',
        'nomail;No;Mail;NOMAIL@example.org;en;',
        'bad user;X;Y;x@example.org;en;',
      );
      const simulated = await runFile(engine, file, { simulate: true });
      expect(outbox()).toEqual([]);
      expect(simulated.report).not.toContain('mailed');
      const { lines, run } = await runFile(engine, file);
      expect(lines.filter((line) => line.includes('mailed'))).toEqual([
        'line 2 [info] credentials mailed to jean@example.fr',
        'line 3 [info] credentials mailed to ann@example.org',
      ]);
      expect(run.counters.entities).toMatchObject({ 'mail.sent': 2 });
      const mails = outbox().map((name) => readFileSync(join(engine.folder.outbox, name), 'utf8'));
      expect(mails).toHaveLength(2);
      const french = mails.find((mail) => mail.includes('jean@example.fr'))!;
      expect(french).toMatch(/Subject: =\?UTF-8\?|Subject: Vos identifiants sur Campus/);
      const english = mails.find((mail) => mail.includes('ann@example.org'))!;
      expect(english).toContain('Subject: Your credentials on Campus');
      expect(english).toContain('Given-Pass-1');
    });

    it('keeps the account and warns when a mail cannot be sent', async () => {
      const { mkdtempSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { createEngine } = await import('../../engine/engine.js');
      const { openTestStore } = await import('../../../test/databases.js');
      const dataDir = mkdtempSync(join(tmpdir(), 'tool-sync-smtp-'));
      engine = await createEngine({ dataDir, store: await openTestStore(kind), smtpUrl: 'smtp://user:hush@127.0.0.1:9' });
      await engine.settings.save({ users_sendpasswordtousers: true });
      const { lines, run } = await runFile(engine, csv('username;firstname;lastname;email;password', 'jdoe;John;Doe;jdoe@example.org;Secret-1'));
      expect(lines[0]).toBe('line 2 [created] User account added: jdoe (John Doe)');
      expect(lines[1]).toMatch(/^line 2 \[warning\] the mail to jdoe@example\.org could not be sent \(.+\); the account itself was saved$/);
      expect(lines[1]).not.toContain('hush');
      expect(run.counters.entities).toMatchObject({ 'user.created': 1, 'mail.error': 1 });
      expect(run.status).toBe('succeeded');
    });
  });
}
