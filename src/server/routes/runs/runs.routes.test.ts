import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES } from '../../../../test/databases.js';
import { waitForRun } from '../../../../test/run-waits.js';
import { adminAndViewer, openTestService, type TestService } from '../../../../test/service-kit.js';
import { acquireLock } from '../../../store/run-locks.js';

const USERS = 'username;firstname;lastname\njdoe;John;Doe\nasmith;Ann;Smith\n;No;Name\n';

function multipart(fields: Record<string, string>, file?: { name: string; content: string }): { payload: string; headers: Record<string, string> } {
  const boundary = 'testboundary42';
  let body = '';
  for (const [name, value] of Object.entries(fields)) body += `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  if (file) body += `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: text/csv\r\n\r\n${file.content}\r\n`;
  return { payload: `${body}--${boundary}--\r\n`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

for (const kind of DATABASES) {
  describe(`runs API on ${kind}`, () => {
    let test: TestService;
    afterEach(async () => test?.close());

    it('starts a run on the configured location, answers 202 with its id, and shows it, its errors and report', async () => {
      test = await openTestService(kind);
      const { admin, viewer } = await adminAndViewer(test);
      const { app, service } = test;
      writeFileSync(join(service.engine.folder.files, 'userimport.csv'), USERS);
      const started = await app.inject({ method: 'POST', url: '/api/v1/runs', headers: admin.headers, payload: { processor: 'users/add', simulate: false } });
      expect(started.statusCode).toBe(202);
      const [{ id }] = started.json().runs;
      const run = await waitForRun(app, id, { cookie: viewer.cookie });
      expect(run).toMatchObject({
        id, processor: 'users', action: 'add', name: 'users/add', input: 'userimport.csv', simulate: false, trigger: 'manual', status: 'succeeded_with_errors',
        counters: { read: 3, ok: 2, skipped: 0, errors: 1, entities: { 'user.created': 2, 'user.error': 1 } }, rowsDone: 3,
      });
      const errors = await app.inject({ method: 'GET', url: `/api/v1/runs/${id}/errors`, headers: { cookie: viewer.cookie } });
      expect(errors.json()).toEqual({ total: 1, errors: [{ line: 4, column: expect.anything(), message: expect.stringContaining('username') }] });
      const report = await app.inject({ method: 'GET', url: `/api/v1/runs/${id}/report`, headers: { cookie: viewer.cookie } });
      expect(report.statusCode).toBe(200);
      expect(report.headers['content-disposition']).toBe(`attachment; filename="run-${id}-report.txt"; filename*=UTF-8''run-${id}-report.txt`);
      expect(report.body).toContain('line 2 [created]');
      const list = await app.inject({ method: 'GET', url: '/api/v1/runs?processor=users&status=succeeded_with_errors', headers: { cookie: viewer.cookie } });
      expect(list.json()).toMatchObject({ total: 1, runs: [{ id }] });
      const none = await app.inject({ method: 'GET', url: '/api/v1/runs?status=failed', headers: { cookie: viewer.cookie } });
      expect(none.json()).toEqual({ total: 0, runs: [] });
      expect((await app.inject({ method: 'GET', url: '/api/v1/runs/999', headers: { cookie: viewer.cookie } })).statusCode).toBe(404);
    });

    it('stores an uploaded file in the file area first, then runs it (trigger api with a token)', async () => {
      test = await openTestService(kind);
      const { admin } = await adminAndViewer(test);
      const { token } = (await test.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: admin.headers, payload: { name: 'feed', role: 'admin' } })).json();
      const form = multipart({ processor: 'users/add', simulate: 'true' }, { name: 'new users.csv', content: USERS });
      const started = await test.app.inject({ method: 'POST', url: '/api/v1/runs', headers: { ...form.headers, authorization: `Bearer ${token}` }, payload: form.payload });
      expect(started.statusCode).toBe(202);
      const run = await waitForRun(test.app, started.json().runs[0].id, { authorization: `Bearer ${token}` });
      expect(run).toMatchObject({ input: 'new users.csv', simulate: true, trigger: 'api', status: 'succeeded_with_errors' });
      expect(readFileSync(join(test.service.engine.folder.files, 'new users.csv'), 'utf8')).toBe(USERS);
    });

    it('offers the tryback file of a run, as written', async () => {
      test = await openTestService(kind);
      const { admin } = await adminAndViewer(test);
      await test.service.engine.settings.save({ filefailed: true });
      writeFileSync(join(test.service.engine.folder.files, 'userimport.csv'), USERS);
      const { runs } = (await test.app.inject({ method: 'POST', url: '/api/v1/runs', headers: admin.headers, payload: { processor: 'users', simulate: false } })).json();
      const run = await waitForRun(test.app, runs[0].id, { cookie: admin.cookie });
      expect(run.tryback).toMatch(/^userimport_tryback_\d{8}-\d{4}\.csv$/);
      const tryback = await test.app.inject({ method: 'GET', url: `/api/v1/runs/${runs[0].id}/tryback`, headers: { cookie: admin.cookie } });
      expect(tryback.body).toBe('username;firstname;lastname\n;No;Name');
    });

    it('answers 409 while the processor runs, 404 without a file, 400 for an unknown processor or a path out of the area', async () => {
      test = await openTestService(kind);
      const { admin } = await adminAndViewer(test);
      const start = (payload: object) => test.app.inject({ method: 'POST', url: '/api/v1/runs', headers: admin.headers, payload });
      const missing = await start({ processor: 'users/add' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('ENGINE_FILE_NOT_FOUND');
      expect((await start({ processor: 'nothing' })).json().error.code).toBe('ENGINE_UNKNOWN_PROCESSOR');
      expect((await start({ processor: 'users/nothing' })).json().error.code).toBe('ENGINE_UNKNOWN_PROCESSOR');
      expect((await start({ processor: 'users/add', input: '../etc/passwd' })).json().error.code).toBe('SERVER_PATH');
      writeFileSync(join(test.service.engine.folder.files, 'userimport.csv'), USERS);
      const lock = await acquireLock(test.service.engine.store.db, 'run:users', 77, 'other-host:1:1');
      const locked = await start({ processor: 'users/add' });
      expect(locked.statusCode).toBe(409);
      expect(locked.json().error).toEqual({ code: 'SERVER_RUN_LOCKED', message: 'A users run is already in progress (run #77); try again when it has finished.' });
      if (lock.acquired) await lock.lock.release();
    });

    it('lets viewers read runs but not start or cancel them', async () => {
      test = await openTestService(kind);
      const { viewer } = await adminAndViewer(test);
      const start = await test.app.inject({ method: 'POST', url: '/api/v1/runs', headers: viewer.headers, payload: { processor: 'users/add' } });
      expect(start.statusCode).toBe(403);
      expect((await test.app.inject({ method: 'POST', url: '/api/v1/runs/1/cancel', headers: viewer.headers })).statusCode).toBe(403);
      expect((await test.app.inject({ method: 'GET', url: '/api/v1/runs' })).statusCode).toBe(401);
    });

    it('cancels a run: it ends cancelled, its report written, its input kept', async () => {
      test = await openTestService(kind);
      const { admin } = await adminAndViewer(test);
      const rows = Array.from({ length: 6000 }, (_, i) => `user${i};First;Last`).join('\n');
      writeFileSync(join(test.service.engine.folder.files, 'userimport.csv'), `username;firstname;lastname\n${rows}\n`);
      await test.service.engine.settings.save({ filecleanup: true });
      const { runs } = (await test.app.inject({ method: 'POST', url: '/api/v1/runs', headers: admin.headers, payload: { processor: 'users/add' } })).json();
      const cancel = await test.app.inject({ method: 'POST', url: `/api/v1/runs/${runs[0].id}/cancel`, headers: admin.headers });
      expect(cancel.statusCode).toBe(202);
      const run = await waitForRun(test.app, runs[0].id, { cookie: admin.cookie });
      expect(run.status).toBe('cancelled');
      expect((run.counters as { read: number }).read).toBeLessThan(6000);
      expect(run.message).toMatch(/^Cancelled on request after \d+ rows/);
      const report = await test.app.inject({ method: 'GET', url: `/api/v1/runs/${runs[0].id}/report`, headers: { cookie: admin.cookie } });
      expect(report.body).toContain('run cancelled');
      expect(readFileSync(join(test.service.engine.folder.files, 'userimport.csv'), 'utf8')).toContain('user5999');
      const again = await test.app.inject({ method: 'POST', url: `/api/v1/runs/${runs[0].id}/cancel`, headers: admin.headers });
      expect(again.json().error.code).toBe('SERVER_RUN_NOT_CANCELLABLE');
    });

    it('downloads the errors as a CSV with formula-like values neutralised', async () => {
      test = await openTestService(kind);
      const { admin } = await adminAndViewer(test);
      writeFileSync(join(test.service.engine.folder.files, 'userimport.csv'), 'username;firstname;lastname;email\n=cmd;A;B;@evil\n');
      const { runs } = (await test.app.inject({ method: 'POST', url: '/api/v1/runs', headers: admin.headers, payload: { processor: 'users/add' } })).json();
      await waitForRun(test.app, runs[0].id, { cookie: admin.cookie });
      const csv = await test.app.inject({ method: 'GET', url: `/api/v1/runs/${runs[0].id}/errors?format=csv`, headers: { cookie: admin.cookie } });
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toBe('line,column,message');
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines.slice(1)) for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+\-@]/);
    });
  });
}
