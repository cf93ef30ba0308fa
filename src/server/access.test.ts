import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../../test/databases.js';
import { adminAndViewer, openTestService, type Browser, type TestService } from '../../test/service-kit.js';

/** Routes anyone may call, and those any logged-in account may change (its own session). */
const PUBLIC = new Set(['GET /api/v1/health', 'GET /api/v1/setup', 'POST /api/v1/setup', 'GET /api/v1/session', 'POST /api/v1/session']);
const ANY_ACCOUNT = new Set(['DELETE /api/v1/session', 'PATCH /api/v1/session/lang']);
/** Reading these is for administrators too. */
const ADMIN_READS = new Set(['GET /api/v1/accounts', 'GET /api/v1/tokens']);
const SAMPLE: Record<string, string> = { id: '1', username: 'nobody', task: 'users', entity: 'users' };

/** Every route the OpenAPI document lists, as `METHOD /path` with sample path values. */
async function documentedRoutes(test: TestService): Promise<string[]> {
  const spec = (await test.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name]!)}`),
  );
}

for (const kind of DATABASES) {
  describe(`access to every route on ${kind}`, () => {
    let test: TestService;
    let routes: string[];
    let admin: Browser;
    let viewer: Browser;
    beforeAll(async () => {
      test = await openTestService(kind);
      ({ admin, viewer } = await adminAndViewer(test));
      routes = (await documentedRoutes(test)).filter((route) => !route.includes('/events')); // a stream: tested over a socket
    });
    afterAll(async () => test?.close());

    const call = (route: string, headers: Record<string, string> = {}) => {
      const [method, url] = route.split(' ') as [string, string];
      return test.app.inject({ method: method as 'GET', url, headers, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
    };

    it('documents the whole API', () => {
      expect(routes.length).toBeGreaterThanOrEqual(35);
    });

    it('answers 401 without credentials on every route but the public ones', async () => {
      for (const route of routes.filter((r) => !PUBLIC.has(r))) {
        const response = await call(route);
        expect([route, response.statusCode]).toEqual([route, 401]);
        expect(response.json().error.code).toBe('SERVER_UNAUTHENTICATED');
      }
    });

    it('answers 401 when the path is percent-encoded too (the router decodes it; access follows the route matched)', async () => {
      const encoded = (route: string) => route.replace(/ \/(a)pi\/v1\/(\w)/, (_, a: string, first: string) => ` /%${a.charCodeAt(0).toString(16)}pi/v1/%${first.charCodeAt(0).toString(16)}`);
      for (const route of [...routes.filter((r) => !PUBLIC.has(r)), 'GET /metrics']) {
        const variant = route === 'GET /metrics' ? 'GET /%6detrics' : encoded(route);
        expect(variant).not.toBe(route);
        const response = await call(variant);
        expect([variant, response.statusCode]).toEqual([variant, 401]);
      }
    });

    it('refuses every change by a viewer, and the administrators’ reads', async () => {
      const changes = routes.filter((r) => !r.startsWith('GET') && !PUBLIC.has(r) && !ANY_ACCOUNT.has(r));
      expect(changes.length).toBeGreaterThanOrEqual(16);
      for (const route of [...changes, ...ADMIN_READS]) {
        const response = await call(route, route.startsWith('GET') ? { cookie: viewer.cookie } : viewer.headers);
        expect([route, response.statusCode, response.json().error.code]).toEqual([route, 403, 'SERVER_FORBIDDEN']);
      }
    });

    it('requires the CSRF header on every change made with a session cookie', async () => {
      for (const route of routes.filter((r) => !r.startsWith('GET') && !PUBLIC.has(r))) {
        const response = await call(route, { cookie: admin.cookie });
        expect([route, response.statusCode, response.json().error.code]).toEqual([route, 403, 'SERVER_CSRF']);
      }
    });

    it('lets a viewer read every read route (no 401 or 403)', async () => {
      for (const route of routes.filter((r) => r.startsWith('GET') && !ADMIN_READS.has(r))) {
        const response = await call(route, { cookie: viewer.cookie });
        expect([route, response.statusCode === 401 || response.statusCode === 403]).toEqual([route, false]);
      }
    });
  });
}
