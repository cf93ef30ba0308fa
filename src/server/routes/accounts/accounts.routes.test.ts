import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES } from '../../../../test/databases.js';
import { adminAndViewer, logIn, openTestService, PASSWORD, type TestService } from '../../../../test/service-kit.js';

for (const kind of DATABASES) {
  describe(`accounts and API tokens on ${kind}`, () => {
    let test: TestService;
    afterEach(async () => test?.close());

    it('lets an administrator create, change and delete accounts, never answering a hash', async () => {
      test = await openTestService(kind);
      const { admin, viewer } = await adminAndViewer(test);
      const { app } = test;
      const created = await app.inject({ method: 'POST', url: '/api/v1/accounts', headers: admin.headers, payload: { username: 'bob', password: PASSWORD, role: 'viewer', lang: 'fr' } });
      expect(created.statusCode).toBe(201);
      const twice = await app.inject({ method: 'POST', url: '/api/v1/accounts', headers: admin.headers, payload: { username: 'bob', password: PASSWORD, role: 'viewer' } });
      expect(twice.json().error.code).toBe('SERVER_ACCOUNT_EXISTS');
      const list = await app.inject({ method: 'GET', url: '/api/v1/accounts', headers: { cookie: admin.cookie } });
      expect(list.json().map((a: { username: string; role: string }) => `${a.username}:${a.role}`)).toEqual(['ada:admin', 'bob:viewer', 'victor:viewer']);
      expect(list.body).not.toMatch(/scrypt|password/);
      const bob = await logIn(app, 'bob');
      const patched = await app.inject({ method: 'PATCH', url: '/api/v1/accounts/bob', headers: admin.headers, payload: { role: 'admin', password: 'another long password' } });
      expect(patched.json()).toEqual({ username: 'bob', role: 'admin', lang: 'fr' });
      // A new password or role ends the account's sessions.
      expect((await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: bob.cookie } })).statusCode).toBe(401);
      await logIn(app, 'bob', 'another long password');
      expect((await app.inject({ method: 'DELETE', url: '/api/v1/accounts/bob', headers: admin.headers })).statusCode).toBe(204);
      expect((await app.inject({ method: 'DELETE', url: '/api/v1/accounts/bob', headers: admin.headers })).statusCode).toBe(404);
      // Viewers neither read nor change accounts.
      expect((await app.inject({ method: 'GET', url: '/api/v1/accounts', headers: { cookie: viewer.cookie } })).statusCode).toBe(403);
      expect((await app.inject({ method: 'POST', url: '/api/v1/accounts', headers: viewer.headers, payload: { username: 'eve', password: PASSWORD, role: 'admin' } })).statusCode).toBe(403);
    });

    it('never removes or demotes the last administrator', async () => {
      test = await openTestService(kind);
      const { admin } = await adminAndViewer(test);
      const demote = await test.app.inject({ method: 'PATCH', url: '/api/v1/accounts/ada', headers: admin.headers, payload: { role: 'viewer' } });
      expect(demote.statusCode).toBe(409);
      expect(demote.json().error.code).toBe('SERVER_LAST_ADMIN');
      expect((await test.app.inject({ method: 'DELETE', url: '/api/v1/accounts/ada', headers: admin.headers })).json().error.code).toBe('SERVER_LAST_ADMIN');
    });

    it('validates account fields', async () => {
      test = await openTestService(kind);
      const { admin } = await adminAndViewer(test);
      const bad = await test.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: admin.headers, payload: { username: '../x', password: PASSWORD, role: 'root' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('SERVER_INVALID');
    });

    it('creates tokens shown once and stored hashed, usable with Bearer, with their role, until revoked', async () => {
      test = await openTestService(kind);
      const { admin, viewer } = await adminAndViewer(test);
      const { app } = test;
      const created = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: admin.headers, payload: { name: 'nightly export', role: 'viewer' } });
      expect(created.statusCode).toBe(201);
      const { id, token } = created.json() as { id: number; token: string };
      expect(token).toMatch(/^tsk_[\w-]{43}$/);
      const stored = await test.service.engine.store.db.selectFrom('ts_api_tokens').selectAll().execute();
      expect(JSON.stringify(stored)).not.toContain(token);
      const bearer = { authorization: `Bearer ${token}` };
      expect((await app.inject({ method: 'GET', url: '/api/v1/runs', headers: bearer })).statusCode).toBe(200);
      // A viewer token reads but changes nothing; no CSRF header is needed for tokens.
      const write = await app.inject({ method: 'PATCH', url: '/api/v1/settings', headers: bearer, payload: { csvseparator: ',' } });
      expect(write.statusCode).toBe(403);
      expect(write.json().error.code).toBe('SERVER_FORBIDDEN');
      const list = await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: { cookie: admin.cookie } });
      expect(list.json()).toEqual([{ id, name: 'nightly export', role: 'viewer', created: expect.any(String), lastUsed: expect.any(String) }]);
      expect(list.body).not.toContain(token);
      expect((await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: { cookie: viewer.cookie } })).statusCode).toBe(403);
      expect((await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: viewer.headers })).statusCode).toBe(403);
      expect((await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: admin.headers })).statusCode).toBe(204);
      const revoked = await app.inject({ method: 'GET', url: '/api/v1/runs', headers: bearer });
      expect(revoked.statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/api/v1/runs', headers: { authorization: 'Bearer tsk_forged' } })).statusCode).toBe(401);
    });

    it('lets an administrator token change things without a CSRF header', async () => {
      test = await openTestService(kind);
      const { admin } = await adminAndViewer(test);
      const { token } = (await test.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: admin.headers, payload: { name: 'ci', role: 'admin' } })).json();
      const write = await test.app.inject({ method: 'PATCH', url: '/api/v1/settings', headers: { authorization: `Bearer ${token}` }, payload: { csvseparator: ',' } });
      expect(write.statusCode).toBe(200);
    });
  });
}
