import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../../engine/engine.js';
import { pingStore } from '../../../store/database.js';

/** `GET /health`: 200 when the store answers, 503 otherwise; says which database and platform are in use. */
export const healthRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  app.get('/health', async (_request, reply) => {
    if (await pingStore(engine.store)) return { status: 'ok', database: engine.store.kind, platform: engine.platform.name };
    return reply.code(503).send({ status: 'unavailable', database: engine.store.kind });
  });
};
