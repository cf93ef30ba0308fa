import { fileURLToPath } from 'node:url';
import type { ServerOptions } from './service-context.js';

/** The console Vite builds, beside the compiled server whether it runs from `src/` (tests) or `dist/`. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/**
 * The HTTP options from the environment: `TOOL_SYNC_UPLOAD_LIMIT_MB` (default 200), `TOOL_SYNC_SECURE_COOKIES=1`,
 * `TOOL_SYNC_SESSION_HOURS` (idle time before a session ends, default 12), `TOOL_SYNC_LOGIN_PER_MINUTE`
 * (default 10), `TOOL_SYNC_WEB_ROOT` (default the built console).
 */
export function serverOptionsFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ServerOptions> = {}): ServerOptions {
  const number = (value: string | undefined, fallback: number) => {
    const parsed = Number(value);
    return value !== undefined && value !== '' && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
  };
  return {
    uploadLimitBytes: Math.round(number(env.TOOL_SYNC_UPLOAD_LIMIT_MB, 200) * 1024 * 1024),
    secureCookies: env.TOOL_SYNC_SECURE_COOKIES === '1',
    sessionIdleMs: number(env.TOOL_SYNC_SESSION_HOURS, 12) * 3_600_000,
    loginPerMinute: number(env.TOOL_SYNC_LOGIN_PER_MINUTE, 10),
    webRoot: env.TOOL_SYNC_WEB_ROOT || DEFAULT_WEB_ROOT,
    ...overrides,
  };
}
