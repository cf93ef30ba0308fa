import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CredentialsMail } from '../../processors/processor.js';
import { readMime } from './fixtures/read-mime.js';
import { createMailer } from './mailer.js';
import type { Mailer } from './mailer.js';
import { renderMail } from './templates.js';

const USER = 'relay-user';
// Characters a URL must percent-encode: nodemailer has to decode them to log in.
const PASS = 'p@ss:w0rd/%Z';
const FROM = 'Campus <noreply@school.example>';
const SITE = { name: 'Campus' };

function credentials(lang: string, to = 'ada@example.org', firstname = 'Adèle'): CredentialsMail {
  return { kind: 'credentials', to, lang, params: { username: 'adele', password: 'Xy7!kq2', firstname, lastname: 'Martin' } };
}

function smtpUrl(port: number, password = PASS): string {
  return `smtp://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
}

const lf = (text: string | undefined) => text?.replace(/\r\n/gu, '\n');

interface Received {
  readonly from: string | false;
  readonly to: readonly string[];
  readonly user: unknown;
  readonly raw: Buffer;
}

/** A real SMTP server on 127.0.0.1 with login, refusing the recipients of `refuse` with their message. */
async function startSmtpServer(refuse: Readonly<Record<string, string>> = {}) {
  const received: Received[] = [];
  let open = 0;
  let onAllClosed: (() => void) | undefined;
  const server = new SMTPServer({
    secure: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      open += 1;
      callback();
    },
    onClose() {
      open -= 1;
      if (open === 0) onAllClosed?.();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASS) callback(null, { user: USER });
      else callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const refusal = refuse[address.address];
      callback(refusal === undefined ? null : Object.assign(new Error(refusal), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom && session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((address) => address.address),
          user: session.user,
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    openConnections: () => open,
    allClosed: () => new Promise<void>((resolve) => (open === 0 ? resolve() : (onAllClosed = resolve))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('createMailer through SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let mailer: Mailer;
  const refused = 'nobody@example.org';

  beforeEach(async () => {
    smtp = await startSmtpServer({
      [refused]: 'Mailbox unavailable',
      'echo@example.org': `I know your password, it is ${PASS} or ${encodeURIComponent(PASS)}`,
    });
    mailer = createMailer({ smtpUrl: smtpUrl(smtp.port), outbox: '/nonexistent/never-used', from: FROM });
  });

  afterEach(async () => {
    await mailer.close();
    await smtp.stop();
  });

  it.each([
    ['en', 'Your credentials on Campus', 'Hello Adèle,'],
    ['fr', 'Vos identifiants sur Campus', 'Bonjour Adèle,'],
  ])('delivers a %s credentials mail with its envelope, subject and text', async (lang, subject, greeting) => {
    const rendered = renderMail(credentials(lang), SITE);
    const result = await mailer.send({ to: 'ada@example.org', ...rendered });

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.user).toBe(USER);
    expect(mail!.from).toBe('noreply@school.example');
    expect(mail!.to).toEqual(['ada@example.org']);
    const message = readMime(mail!.raw);
    expect(result).toEqual({ ok: true, id: message.header('Message-ID') });
    expect(message.header('Subject')).toBe(subject);
    expect(message.header('To')).toBe('ada@example.org');
    expect(message.header('From')).toBe(FROM);
    expect(message.header('Auto-Submitted')).toBe('auto-generated');
    expect(lf(message.text)).toBe(rendered.text);
    expect(lf(message.text)).toContain(greeting);
    expect(lf(message.html)).toBe(rendered.html);
  });

  it('answers a refused recipient with a reason naming the address, and keeps delivering', async () => {
    const refusal = await mailer.send({ to: refused, subject: 's', text: 't' });
    expect(refusal.ok).toBe(false);
    const reason = refusal.ok ? '' : refusal.reason;
    expect(reason).toContain(refused);
    expect(reason).toContain('Mailbox unavailable');
    expect(reason).not.toContain(PASS);
    expect(reason).not.toContain(encodeURIComponent(PASS));

    expect(await mailer.send({ to: 'ada@example.org', subject: 's', text: 't' })).toMatchObject({ ok: true });
    expect(smtp.received.map((mail) => mail.to)).toEqual([['ada@example.org']]);
  });

  it('masks the SMTP password even when the server quotes it', async () => {
    const result = await mailer.send({ to: 'echo@example.org', subject: 's', text: 't' });
    expect(result.ok).toBe(false);
    const reason = result.ok ? '' : result.reason;
    expect(reason).toContain('I know your password, it is ***');
    expect(reason).not.toContain(PASS);
    expect(reason).not.toContain(encodeURIComponent(PASS));
  });

  it('answers a refused login without the password tried', async () => {
    const wrong = 'wr0ng:p@ss';
    const badLogin = createMailer({ smtpUrl: smtpUrl(smtp.port, wrong), outbox: '/nonexistent', from: FROM });
    try {
      const result = await badLogin.send({ to: 'ada@example.org', subject: 's', text: 't' });
      expect(result.ok).toBe(false);
      const reason = result.ok ? '' : result.reason;
      expect(reason).toMatch(/^the mail server refused the login: .*535/u);
      expect(reason).not.toContain(wrong);
      expect(smtp.received).toEqual([]);
    } finally {
      await badLogin.close();
    }
  });

  it('refuses a "to" holding more than one address, sending nothing', async () => {
    for (const to of ['ada@example.org, eve@example.org', 'ada@example.org\r\nBcc: eve@example.org', 'Ada <ada@example.org>', '']) {
      const result = await mailer.send({ to, subject: 's', text: 't' });
      expect(result).toEqual({ ok: false, reason: `"${to}" is not a single mail address` });
    }
    expect(smtp.received).toEqual([]);
  });

  it('delivers mails sent together through the pool', async () => {
    const recipients = Array.from({ length: 12 }, (_, index) => `user${index}@example.org`);
    const results = await Promise.all(recipients.map((to) => mailer.send({ to, subject: to, text: 't' })));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(smtp.received.flatMap((mail) => mail.to).sort()).toEqual([...recipients].sort());
  });

  it('close() lets the pool go: its connections are closed and later sends fail', { timeout: 10_000 }, async () => {
    await mailer.close();
    // An idle socket timeout far beyond the test's: only close() can end the pooled connection in time.
    mailer = createMailer({ smtpUrl: `${smtpUrl(smtp.port)}/?socketTimeout=600000`, outbox: '/nonexistent', from: FROM });
    expect(await mailer.send({ to: 'ada@example.org', subject: 's', text: 't' })).toMatchObject({ ok: true });
    expect(smtp.openConnections()).toBe(1);
    await mailer.close();
    await smtp.allClosed();
    expect(smtp.openConnections()).toBe(0);
    expect(await mailer.send({ to: 'ada@example.org', subject: 's', text: 't' })).toEqual({
      ok: false,
      reason: 'the mailer is closed',
    });
    expect(smtp.received).toHaveLength(1);
  });

  it('close() waits for the mails under way', async () => {
    const sending = mailer.send({ to: 'ada@example.org', subject: 's', text: 't' });
    await mailer.close();
    expect(smtp.received).toHaveLength(1);
    expect(await sending).toMatchObject({ ok: true });
  });
});

describe('createMailer with a dead server', () => {
  it('answers a closed port with ok: false within a few seconds', async () => {
    const mailer = createMailer({ smtpUrl: smtpUrl(await closedPort()), outbox: '/nonexistent', from: FROM });
    const started = Date.now();
    const result = await mailer.send({ to: 'ada@example.org', subject: 's', text: 't' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/^could not reach the mail server \(.*ECONNREFUSED/u);
    expect(result.ok ? '' : result.reason).not.toContain(PASS);
    await mailer.close();
  });

  it('gives up on a server that accepts the connection but never greets', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const mailer = createMailer({ smtpUrl: smtpUrl((silent.address() as AddressInfo).port), outbox: '/nonexistent', from: FROM });
    try {
      const started = Date.now();
      const result = await mailer.send({ to: 'ada@example.org', subject: 's', text: 't' });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.reason).toMatch(/^the mail server did not answer in time/u);
    } finally {
      await mailer.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('createMailer into the outbox', () => {
  let outbox: string;

  beforeEach(async () => {
    outbox = await mkdtemp(join(tmpdir(), 'tool-sync-outbox-'));
  });

  afterEach(async () => {
    await rm(outbox, { recursive: true, force: true });
  });

  it.each([
    ['en', 'Your credentials on Campus'],
    ['fr', 'Vos identifiants sur Campus'],
  ])('writes a %s mail as a UTF-8 .eml file with its headers', async (lang, subject) => {
    const mailer = createMailer({ outbox, from: FROM });
    const rendered = renderMail(credentials(lang, 'ada@example.org', 'Zoë <b>'), SITE);
    const result = await mailer.send({ to: 'ada@example.org', ...rendered });
    await mailer.close();

    const files = await readdir(outbox);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{8}-\d{6}-\d{3}-[0-9a-f]{12}\.eml$/u);
    expect(result).toEqual({ ok: true, id: files[0] });

    expect((await stat(join(outbox, files[0]!))).mode & 0o777).toBe(0o600);
    const bytes = await readFile(join(outbox, files[0]!));
    const source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    expect(source.split('\n').every((line, index, lines) => index === lines.length - 1 || line.endsWith('\r'))).toBe(true);
    const message = readMime(bytes);
    expect(message.header('To')).toBe('ada@example.org');
    expect(message.header('From')).toBe(FROM);
    expect(message.header('Subject')).toBe(subject);
    expect(message.header('MIME-Version')).toBe('1.0');
    expect(message.header('Content-Type')).toMatch(/^multipart\/alternative;/u);
    expect(message.header('Message-ID')).toMatch(/^<.+@.+>$/u);
    expect(Number.isNaN(Date.parse(message.header('Date') ?? ''))).toBe(false);
    expect(message.header('Auto-Submitted')).toBe('auto-generated');
    expect(lf(message.text)).toBe(rendered.text);
    expect(lf(message.html)).toBe(rendered.html);
    expect(message.html).toContain('Zoë &lt;b&gt;');
    expect(message.html).not.toContain('<b>');
  });

  it('names files in the order mails were sent', async () => {
    const mailer = createMailer({ outbox, from: FROM });
    for (let index = 1; index <= 6; index += 1) {
      expect(await mailer.send({ to: 'ada@example.org', subject: `mail ${index}`, text: 't' })).toMatchObject({ ok: true });
    }
    await mailer.close();
    const files = (await readdir(outbox)).sort();
    const subjects = await Promise.all(files.map(async (file) => readMime(await readFile(join(outbox, file))).header('Subject')));
    expect(subjects).toEqual(['mail 1', 'mail 2', 'mail 3', 'mail 4', 'mail 5', 'mail 6']);
  });

  it('never lets mails sent together collide, from one mailer or two', async () => {
    const first = createMailer({ outbox, from: FROM });
    const second = createMailer({ outbox, from: FROM });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, index) => (index % 2 ? first : second).send({ to: 'ada@example.org', subject: `mail ${index}`, text: 't' })),
    );
    await Promise.all([first.close(), second.close()]);
    expect(results.every((result) => result.ok)).toBe(true);
    const files = await readdir(outbox);
    expect(files).toHaveLength(40);
    expect(files.every((file) => file.endsWith('.eml'))).toBe(true);
    const subjects = await Promise.all(files.map(async (file) => readMime(await readFile(join(outbox, file))).header('Subject')));
    expect(new Set(subjects).size).toBe(40);
  });

  it('creates a missing outbox folder', async () => {
    const nested = join(outbox, 'a', 'b');
    const mailer = createMailer({ outbox: nested, from: FROM });
    expect(await mailer.send({ to: 'ada@example.org', subject: 's', text: 't' })).toMatchObject({ ok: true });
    expect(await readdir(nested)).toHaveLength(1);
  });

  it('answers an outbox it cannot write with ok: false, leaving no file behind', async () => {
    const notAFolder = join(outbox, 'file');
    await writeFile(notAFolder, 'x');
    const mailer = createMailer({ outbox: notAFolder, from: FROM });
    const result = await mailer.send({ to: 'ada@example.org', subject: 's', text: 't' });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/^could not send the mail to ada@example\.org: could not write it into the outbox: /u);
    expect(await readdir(outbox)).toEqual(['file']);
  });
});
