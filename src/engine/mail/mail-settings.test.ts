import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettings } from '../../settings/settings-store.js';
import { readMime } from './fixtures/read-mime.js';
import { mailerFromSettings } from './mail-settings.js';

describe('mailerFromSettings', () => {
  let outbox: string;

  beforeEach(async () => {
    outbox = await mkdtemp(join(tmpdir(), 'tool-sync-mail-settings-'));
  });

  afterEach(async () => {
    await rm(outbox, { recursive: true, force: true });
  });

  async function sentFrom(settings: ReturnType<typeof createSettings>): Promise<{ from?: string; siteName: string }> {
    const { mailer, siteName } = mailerFromSettings(settings, {}, outbox);
    expect(await mailer.send({ to: 'ada@example.org', subject: 's', text: 't' })).toMatchObject({ ok: true });
    await mailer.close();
    const [file] = await readdir(outbox);
    return { from: readMime(await readFile(join(outbox, file!))).header('From'), siteName };
  }

  it('falls back to noreply@localhost and "Moodle", writing into the outbox without an SMTP URL', async () => {
    expect(await sentFrom(createSettings())).toEqual({ from: 'noreply@localhost', siteName: 'Moodle' });
  });

  it('uses mail_from and mail_sitename', async () => {
    const settings = createSettings({ mail_from: 'École <noreply@ecole.example>', mail_sitename: 'Campus Nord' });
    expect(await sentFrom(settings)).toEqual({ from: 'École <noreply@ecole.example>', siteName: 'Campus Nord' });
  });

  it('names the site by the Moodle address when the platform is Moodle and mail_sitename is empty', () => {
    const moodle = createSettings({ platform: 'moodle', moodle_url: 'https://moodle.example.edu/' });
    expect(mailerFromSettings(moodle, {}, outbox).siteName).toBe('https://moodle.example.edu');
    const embedded = createSettings({ platform: 'embedded', moodle_url: 'https://moodle.example.edu/' });
    expect(mailerFromSettings(embedded, {}, outbox).siteName).toBe('Moodle');
    const named = createSettings({ platform: 'moodle', moodle_url: 'https://moodle.example.edu/', mail_sitename: 'Campus' });
    expect(mailerFromSettings(named, {}, outbox).siteName).toBe('Campus');
  });

  it('sends through the SMTP URL of the deployment when there is one', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const { mailer } = mailerFromSettings(createSettings(), { smtpUrl: `smtp://u:secret@127.0.0.1:${port}` }, outbox);
    const result = await mailer.send({ to: 'ada@example.org', subject: 's', text: 't' });
    await mailer.close();
    expect(result.ok ? '' : result.reason).toMatch(/^could not reach the mail server/u);
    expect(await readdir(outbox)).toEqual([]);
  });
});
