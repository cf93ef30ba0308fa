import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TaskRunner } from '../src/engine/schedule/scheduler.js';
import type { ServiceLog } from '../src/engine/service-log.js';
import { buildApp } from '../src/server/app.js';
import { hashPassword } from '../src/server/auth/password-hash.js';
import { serverOptionsFromEnv } from '../src/server/server-options.js';
import type { ServerOptions } from '../src/server/service-context.js';
import { createService, type Service } from '../src/server/service.js';
import { insertAccount } from '../src/store/accounts-table.js';
import type { DatabaseKind } from '../src/store/database.js';
import { openTestEngine } from './databases.js';
import { FakeClock } from './fake-clock.js';

export const SETUP_CODE = 'the-setup-code-of-this-test';
export const PASSWORD = 'correct horse battery';

/** A log that keeps its lines, for tests that check what the service wrote. */
export function memoryLog(): ServiceLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

export interface TestService {
  readonly app: FastifyInstance;
  readonly service: Service;
  readonly clock: FakeClock;
  readonly log: ReturnType<typeof memoryLog>;
  close(): Promise<void>;
}

/** The service on a fresh engine of the given database, its app ready for `inject()`; nothing started. */
export async function openTestService(
  kind: DatabaseKind,
  options: { server?: Partial<ServerOptions>; runTask?: TaskRunner; clock?: FakeClock } = {},
): Promise<TestService> {
  const engine = await openTestEngine(kind);
  const clock = options.clock ?? new FakeClock('2026-03-02T08:00:00Z');
  const log = memoryLog();
  const service = createService(engine, {
    server: serverOptionsFromEnv({}, { webRoot: mkdtempSync(join(tmpdir(), 'tool-sync-web-')), ...options.server }),
    log,
    clock,
    setupCode: SETUP_CODE,
    ...(options.runTask ? { runTask: options.runTask } : {}),
  });
  const app = await buildApp(service);
  return {
    app,
    service,
    clock,
    log,
    close: async () => {
      await app.close();
      await service.stop();
      await engine.close();
    },
  };
}

/** Creates an account straight in the store. */
export async function addAccount(service: Service, username: string, role: 'admin' | 'viewer', lang: 'en' | 'fr' = 'en'): Promise<void> {
  await insertAccount(service.engine.store.db, { username, passwordHash: await hashPassword(PASSWORD), role, lang });
}

/** What a logged-in browser sends: the session cookie and the CSRF header. */
export interface Browser {
  readonly cookie: string;
  readonly csrf: string;
  /** Headers of a request that changes something. */
  readonly headers: Record<string, string>;
}

/** Logs in through the API. */
export async function logIn(app: FastifyInstance, username: string, password = PASSWORD): Promise<Browser> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`log-in failed: ${response.statusCode} ${response.body}`);
  return browserOf(response);
}

export function browserOf(response: LightMyRequestResponse): Browser {
  const setCookie = response.cookies.find((cookie) => cookie.name === 'tool_sync_session')!;
  const cookie = `tool_sync_session=${setCookie.value}`;
  const csrf = (response.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/** An administrator and a viewer, logged in. */
export async function adminAndViewer(test: TestService): Promise<{ admin: Browser; viewer: Browser }> {
  await addAccount(test.service, 'ada', 'admin');
  await addAccount(test.service, 'victor', 'viewer');
  return { admin: await logIn(test.app, 'ada'), viewer: await logIn(test.app, 'victor') };
}
