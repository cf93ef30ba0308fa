import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES } from '../../../../test/databases.js';
import { addAccount, browserOf, logIn, openTestService, PASSWORD, SETUP_CODE, type TestService } from '../../../../test/service-kit.js';

for (const kind of DATABASES) {
  describe(`setup, log-in and sessions on ${kind}`, () => {
    let test: TestService;
    afterEach(async () => test?.close());

    it('creates the first administrator once, with the printed code only, and logs it in', async () => {
      test = await openTestService(kind);
      const { app } = test;
      expect((await app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needed: true });
      const wrong = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: { code: 'guess', username: 'ada', password: PASSWORD } });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().error.code).toBe('SERVER_SETUP_CODE');
      const weak = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: { code: SETUP_CODE, username: 'ada', password: 'short' } });
      expect(weak.json().error.code).toBe('SERVER_WEAK_PASSWORD');
      const created = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: { code: SETUP_CODE, username: 'ada', password: PASSWORD, lang: 'fr' } });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ account: { username: 'ada', role: 'admin', lang: 'fr' } });
      const browser = browserOf(created);
      expect((await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: browser.cookie } })).json().account.username).toBe('ada');
      expect((await app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needed: false });
      const again = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: { code: SETUP_CODE, username: 'eve', password: PASSWORD } });
      expect(again.statusCode).toBe(410);
      expect(again.json().error.code).toBe('SERVER_SETUP_DONE');
    });

    it('logs in with an HTTP-only SameSite=Strict cookie stored hashed, answers the session, and logs out', async () => {
      test = await openTestService(kind);
      await addAccount(test.service, 'ada', 'admin');
      const response = await test.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'ada', password: PASSWORD } });
      expect(response.statusCode).toBe(200);
      const cookie = response.cookies.find((c) => c.name === 'tool_sync_session')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(cookie.secure).toBeFalsy();
      const stored = await test.service.engine.store.db.selectFrom('ts_sessions').select('id_hash').execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]!.id_hash).not.toBe(cookie.value);
      expect(stored[0]!.id_hash).toMatch(/^[0-9a-f]{64}$/);
      const browser = browserOf(response);
      const session = await test.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: browser.cookie } });
      expect(session.json()).toEqual({ account: { username: 'ada', role: 'admin', lang: 'en' }, csrfToken: browser.csrf });
      const out = await test.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: browser.headers });
      expect(out.statusCode).toBe(204);
      expect((await test.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: browser.cookie } })).statusCode).toBe(401);
    });

    it('marks the cookie Secure when configured (behind TLS)', async () => {
      test = await openTestService(kind, { server: { secureCookies: true } });
      await addAccount(test.service, 'ada', 'admin');
      const response = await test.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'ada', password: PASSWORD } });
      expect(response.cookies.find((c) => c.name === 'tool_sync_session')!.secure).toBe(true);
    });

    it('refuses a wrong password or an unknown user alike, and rate-limits a username after five failures', async () => {
      test = await openTestService(kind);
      await addAccount(test.service, 'ada', 'admin');
      const attempt = (username: string, password: string) =>
        test.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password }, remoteAddress: `10.0.0.${Math.floor(Math.random() * 200)}` });
      const unknown = await attempt('nobody', PASSWORD);
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json().error).toEqual({ code: 'SERVER_LOGIN_FAILED', message: 'Wrong username or password.' });
      for (let i = 0; i < 5; i++) expect((await attempt('ada', 'wrong password')).statusCode).toBe(401);
      const blocked = await attempt('ada', PASSWORD);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('SERVER_TOO_MANY_ATTEMPTS');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('rate-limits log-in attempts per address', async () => {
      test = await openTestService(kind, { server: { loginPerMinute: 3 } });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await test.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: `u${i}`, password: 'x' } })).statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    });

    it('answers in the account’s language, else the browser’s', async () => {
      test = await openTestService(kind);
      const french = await test.app.inject({ method: 'GET', url: '/api/v1/settings', headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
      expect(french.statusCode).toBe(401);
      expect(french.json().error.message).toBe('Connectez-vous d’abord, ou envoyez un jeton d’API : « Authorization: Bearer <jeton> ».');
      await addAccount(test.service, 'ada', 'viewer', 'fr');
      const browser = await logIn(test.app, 'ada');
      const forbidden = await test.app.inject({ method: 'PATCH', url: '/api/v1/settings', headers: browser.headers, payload: {} });
      expect(forbidden.json().error.message).toBe('Votre rôle (viewer) ne permet que la lecture ; il faut être administrateur.');
      const lang = await test.app.inject({ method: 'PATCH', url: '/api/v1/session/lang', headers: browser.headers, payload: { lang: 'en' } });
      expect(lang.json().account.lang).toBe('en');
      const english = await test.app.inject({ method: 'PATCH', url: '/api/v1/settings', headers: browser.headers, payload: {} });
      expect(english.json().error.message).toBe('Your role (viewer) may only read; this needs an administrator.');
    });

    it('requires the CSRF header of the session on every change made with the cookie', async () => {
      test = await openTestService(kind);
      await addAccount(test.service, 'ada', 'admin');
      const browser = await logIn(test.app, 'ada');
      const change = { method: 'PATCH' as const, url: '/api/v1/settings', payload: { csvseparator: ',' } };
      const none = await test.app.inject({ ...change, headers: { cookie: browser.cookie } });
      expect(none.statusCode).toBe(403);
      expect(none.json().error.code).toBe('SERVER_CSRF');
      const wrong = await test.app.inject({ ...change, headers: { cookie: browser.cookie, 'x-csrf-token': 'x'.repeat(browser.csrf.length) } });
      expect(wrong.json().error.code).toBe('SERVER_CSRF');
      const other = await logIn(test.app, 'ada'); // another session's token is not this one's
      expect((await test.app.inject({ ...change, headers: { cookie: browser.cookie, 'x-csrf-token': other.csrf } })).statusCode).toBe(403);
      expect((await test.app.inject({ ...change, headers: browser.headers })).statusCode).toBe(200);
      // A cross-site form cannot post JSON or carry the header; a urlencoded body is not even parsed.
      const form = await test.app.inject({ method: 'POST', url: '/api/v1/runs', headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'processor=users' });
      expect(form.statusCode).toBe(403);
    });

    it('ends a session after its idle time', async () => {
      test = await openTestService(kind, { server: { sessionIdleMs: 1 } });
      await addAccount(test.service, 'ada', 'admin');
      const browser = await logIn(test.app, 'ada');
      await new Promise((resolve) => setTimeout(resolve, 5));
      const response = await test.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: browser.cookie } });
      expect(response.statusCode).toBe(401);
    });
  });
}
