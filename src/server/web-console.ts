import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { SERVER_NOT_FOUND } from './server-errors.js';

/**
 * Serves the built console (`dist/web/`) and answers its routes (`/runs/12`, `/setup?code=…`) with `index.html`,
 * so that a reload or a link opens the right page. API paths that match nothing stay JSON 404s.
 */
export async function serveWebConsole(app: FastifyInstance, webRoot: string): Promise<void> {
  const built = existsSync(join(webRoot, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler(async (request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url === '/metrics' || request.url.startsWith('/health');
    if (!isApi && built && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    throw SERVER_NOT_FOUND({ resource: request.url.split('?')[0]! });
  });
}
