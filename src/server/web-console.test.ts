import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestService, type TestService } from '../../test/service-kit.js';

describe('console, OpenAPI and utilities', () => {
  let test: TestService;
  afterEach(async () => test?.close());

  it('serves the built console and its routes (the setup link included) with index.html; API 404s stay JSON', async () => {
    test = await openTestService('sqlite');
    const root = test.service.options.webRoot;
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>tool-sync</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    // The console is registered when the app is built: build a second app on the same service.
    const { buildApp } = await import('./app.js');
    const app = await buildApp(test.service);
    try {
      for (const url of ['/', '/runs/12', '/setup?code=abc']) {
        const page = await app.inject({ method: 'GET', url });
        expect(page.statusCode, url).toBe(200);
        expect(page.body).toContain('<title>tool-sync</title>');
      }
      expect((await app.inject({ method: 'GET', url: '/assets/app.js' })).body).toBe('console.log(1)');
      const api = await app.inject({ method: 'GET', url: '/api/v1/nothing/here', headers: { authorization: 'Bearer x' } });
      expect(api.statusCode).toBe(401);
      const missing = await app.inject({ method: 'GET', url: '/api/nothing' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('SERVER_NOT_FOUND');
      const page = await app.inject({ method: 'GET', url: '/' });
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    } finally {
      await app.close();
    }
  });

  it('describes the API in OpenAPI and browses it at /api/docs', async () => {
    test = await openTestService('sqlite');
    const spec = (await test.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { openapi: string; paths: Record<string, object> };
    expect(spec.openapi).toMatch(/^3\./);
    for (const path of ['/api/v1/session', '/api/v1/setup', '/api/v1/accounts', '/api/v1/tokens', '/api/v1/runs', '/api/v1/runs/{id}', '/api/v1/runs/{id}/events',
      '/api/v1/runs/{id}/cancel', '/api/v1/files', '/api/v1/files/content', '/api/v1/settings', '/api/v1/schedules', '/api/v1/schedules/{task}',
      '/api/v1/data/{entity}', '/api/v1/health', '/metrics']) {
      expect(spec.paths, path).toHaveProperty([path]);
    }
    const docs = await test.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

});
