import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES } from '../../../../test/databases.js';
import { adminAndViewer, openTestService, type TestService } from '../../../../test/service-kit.js';
import { startRuns } from '../../../engine/run/start-runs.js';
import { usersAddAction } from '../../../processors/users/users-processor.js';

for (const kind of DATABASES) {
  describe(`health and metrics on ${kind}`, () => {
    let test: TestService;
    afterEach(async () => test?.close());

    it('answers health without authentication', async () => {
      test = await openTestService(kind);
      const health = await test.app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(health.json()).toEqual({ status: 'ok', store: kind, database: kind, platform: 'embedded', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
      expect((await test.app.inject({ method: 'GET', url: '/health' })).json().status).toBe('ok');
    });

    it('exposes runs by status, rows by outcome and run durations to any role, never without one', async () => {
      test = await openTestService(kind);
      const { viewer } = await adminAndViewer(test);
      const { engine } = test.service;
      writeFileSync(join(engine.folder.files, 'userimport.csv'), 'username;firstname;lastname\njdoe;John;Doe\n;No;Name\n');
      await startRuns(engine, { action: usersAddAction, trigger: 'manual' });
      await startRuns(engine, { action: usersAddAction, trigger: 'manual', simulate: true });
      expect((await test.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
      const metrics = await test.app.inject({ method: 'GET', url: '/metrics', headers: { cookie: viewer.cookie } });
      expect(metrics.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      const lines = metrics.body.split('\n');
      expect(lines).toContain('toolsync_runs_total{processor="users",status="succeeded_with_errors"} 2');
      expect(lines).toContain('toolsync_rows_total{processor="users",outcome="ok"} 2');
      expect(lines).toContain('toolsync_rows_total{processor="users",outcome="error"} 2');
      expect(lines).toContain('toolsync_run_duration_seconds_bucket{processor="users",le="+Inf"} 2');
      expect(lines).toContain('toolsync_run_duration_seconds_count{processor="users"} 2');
      expect(lines).toContain('# TYPE toolsync_run_duration_seconds histogram');
      expect(lines).toContain('toolsync_run_duration_seconds_bucket{processor="users",le="3600"} 2');
    });
  });
}
