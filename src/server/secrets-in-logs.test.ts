import { PassThrough } from 'node:stream';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForRun } from '../../test/run-waits.js';
import { openTestService, PASSWORD, SETUP_CODE, type TestService } from '../../test/service-kit.js';
import { buildApp } from './app.js';

describe('secrets never reach the log or an answer', () => {
  let test: TestService;
  afterEach(async () => test?.close());

  it('logs requests and events without password, setup code, session id, CSRF token or API token', async () => {
    test = await openTestService('sqlite');
    const stream = new PassThrough();
    let log = '';
    stream.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const app = await buildApp(test.service, { logStream: stream });
    try {
      await app.inject({ method: 'GET', url: `/setup?code=${SETUP_CODE}` });
      const setup = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: { code: SETUP_CODE, username: 'ada', password: PASSWORD } });
      const session = setup.cookies.find((cookie) => cookie.name === 'tool_sync_session')!.value;
      const csrf = setup.json().csrfToken as string;
      const headers = { cookie: `tool_sync_session=${session}`, 'x-csrf-token': csrf };
      await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'ada', password: 'a wrong password' } });
      const token = (await app.inject({ method: 'POST', url: '/api/v1/tokens', headers, payload: { name: 'ci', role: 'admin' } })).json().token as string;
      writeFileSync(join(test.service.engine.folder.files, 'userimport.csv'), 'username;firstname;lastname;password\njdoe;John;Doe;Secret-Pass-1\n');
      const started = await app.inject({ method: 'POST', url: '/api/v1/runs', headers: { authorization: `Bearer ${token}` }, payload: { processor: 'users/add' } });
      await waitForRun(app, started.json().runs[0].id, { authorization: `Bearer ${token}` });
      const tokens = await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: { authorization: `Bearer ${token}` } });
      const settings = await app.inject({ method: 'GET', url: '/api/v1/settings', headers: { authorization: `Bearer ${token}` } });
      expect(log).toContain('"url":"/setup?code=[redacted]"');
      expect(log).toContain('first administrator created');
      expect(log).toContain('failed log-in');
      for (const secret of [PASSWORD, 'a wrong password', SETUP_CODE, session, csrf, token, 'Secret-Pass-1']) {
        expect(log, secret).not.toContain(secret);
        expect(tokens.body + settings.body, secret).not.toContain(secret);
      }
    } finally {
      await app.close();
    }
  });
});
