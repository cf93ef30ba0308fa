import Fastify, { type FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine.js';
import { healthRoutes } from './routes/health/health.routes.js';

/**
 * The HTTP application, without listening (tests call `inject()`).
 *
 * @example
 * const app = await buildApp(engine);
 * const response = await app.inject({ method: 'GET', url: '/health' });
 */
export async function buildApp(engine: Engine): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(healthRoutes, { engine });
  return app;
}
