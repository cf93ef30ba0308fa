import { sql } from 'kysely';
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../../engine/engine.js';

/** `GET /health`: 200 when the store answers, 503 otherwise; says which database and platform are in use. */
export const healthRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  app.get('/health', async (_request, reply) => {
    try {
      await sql`select 1`.execute(engine.store.db);
      return { status: 'ok', database: engine.store.kind, platform: engine.platform.name };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: engine.store.kind });
    }
  });
};
