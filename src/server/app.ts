import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { installAuth } from './plugins/auth.js';
import { installErrorHandler } from './plugins/error-handler.js';
import { accountsRoutes } from './routes/accounts/accounts.routes.js';
import { dataRoutes } from './routes/data/data.routes.js';
import { registerApiDocs } from './routes/docs/docs.routes.js';
import { filesRoutes } from './routes/files/files.routes.js';
import { healthRoutes } from './routes/health/health.routes.js';
import { metricsRoutes } from './routes/metrics/metrics.routes.js';
import { processorsRoutes } from './routes/processors/processors.routes.js';
import { runEventsRoute } from './routes/runs/run-events.js';
import { runsRoutes } from './routes/runs/runs.routes.js';
import { schedulesRoutes } from './routes/schedules/schedules.routes.js';
import { sessionRoutes } from './routes/session/session.routes.js';
import { settingsRoutes } from './routes/settings/settings.routes.js';
import { setupRoutes } from './routes/setup/setup.routes.js';
import { tokensRoutes } from './routes/tokens/tokens.routes.js';
import { utilitiesRoutes } from './routes/utilities/utilities.routes.js';
import { redactUrl } from './redact-url.js';
import type { ServiceContext } from './service-context.js';

/**
 * The service's log (pino, one JSON line per event): requests without their headers (no cookie, no bearer token),
 * URLs with the setup code masked; routes log usernames and ids, never a password, token or hash.
 */
const LOGGER = {
  level: process.env.TOOL_SYNC_LOG_LEVEL ?? 'info',
  serializers: {
    req: (request: { method: string; url: string; ip?: string }) => ({ method: request.method, url: redactUrl(request.url), remoteAddress: request.ip }),
  },
} satisfies FastifyServerOptions['logger'];
import { serveWebConsole } from './web-console.js';

/**
 * The HTTP application, without listening (tests call `inject()`): the API under `/api/v1`, its OpenAPI
 * document, the metrics and the console.
 *
 * @example
 * const app = await buildApp(context);
 * const response = await app.inject({ method: 'GET', url: '/api/v1/health' });
 */
/** What the console's pages may load and do: its own scripts, styles, images (pictures as data or blobs) and calls. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export async function buildApp(context: ServiceContext, options: { log?: boolean; logStream?: NodeJS.WritableStream } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logStream ? { ...LOGGER, stream: options.logStream } : options.log ? LOGGER : false,
    trustProxy: process.env.TOOL_SYNC_TRUST_PROXY === '1',
    bodyLimit: 1024 * 1024,
  });
  installErrorHandler(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: context.options.uploadLimitBytes, files: 50, fields: 20, fieldSize: 10_000 } });
  await app.register(rateLimit, { global: false });
  await registerApiDocs(app);
  installAuth(app, context);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    // The console loads only its own files: an injected script or a foreign form target is refused by the browser.
    // Swagger UI (/api/docs) starts itself with inline scripts, so it keeps its own rules.
    if (!request.url.startsWith('/api/docs')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  });
  await app.register(healthRoutes, { engine: context.engine });
  for (const routes of [setupRoutes, sessionRoutes, accountsRoutes, tokensRoutes, settingsRoutes, runsRoutes, runEventsRoute, filesRoutes, schedulesRoutes, dataRoutes, metricsRoutes]) {
    await routes(app, context);
  }
  await processorsRoutes(app);
  await utilitiesRoutes(app, context);
  await serveWebConsole(app, context.options.webRoot);
  return app;
}
