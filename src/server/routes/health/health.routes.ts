import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../../engine/engine.js';
import { pingStore } from '../../../store/database.js';
import { SERVICE_VERSION } from '../../service-version.js';

/** `GET /health` and `GET /api/v1/health` (no auth): 200 when the store answers, 503 otherwise. */
export const healthRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  const health = async (_request: unknown, reply: { code(status: number): unknown }) => {
    const up = await pingStore(engine.store);
    if (!up) reply.code(503);
    return { status: up ? 'ok' : 'unavailable', store: engine.store.kind, database: engine.store.kind, platform: engine.platform.name, version: SERVICE_VERSION };
  };
  app.get('/health', { config: { access: 'public' }, schema: { hide: true } }, health);
  app.get('/api/v1/health', { config: { access: 'public' }, schema: { tags: ['service'], summary: 'Whether the service and its store answer' } }, health);
};
