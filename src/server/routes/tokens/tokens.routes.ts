import type { FastifyInstance } from 'fastify';
import { deleteApiToken, insertApiToken, listApiTokens } from '../../../store/api-tokens-table.js';
import { ROLE_SCHEMA } from '../../auth/account-rules.js';
import { newSecret, sha256 } from '../../auth/secrets.js';
import { SERVER_NOT_FOUND } from '../../server-errors.js';
import type { ServiceContext } from '../../service-context.js';

/** The prefix of tool-sync's API tokens, so that secret scanners can recognise a leaked one. */
export const TOKEN_PREFIX = 'tsk_';

const TOKEN = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    role: { type: 'string' },
    created: { type: 'string', format: 'date-time' },
    lastUsed: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

/** API tokens for automation (administrators only): the secret is shown once, at creation, and stored hashed. */
export async function tokensRoutes(app: FastifyInstance, context: ServiceContext): Promise<void> {
  const { db } = context.engine.store;

  app.get('/api/v1/tokens', {
    config: { access: 'admin' },
    schema: { tags: ['tokens'], summary: 'List the tokens (never their secret)', response: { 200: { type: 'array', items: TOKEN } } },
  }, async () =>
    (await listApiTokens(db)).map((token) => ({
      id: token.id,
      name: token.name,
      role: token.role,
      created: new Date(token.created_at).toISOString(),
      lastUsed: token.last_used_at === null ? null : new Date(token.last_used_at).toISOString(),
    })),
  );

  app.post<{ Body: { name: string; role: 'admin' | 'viewer' } }>('/api/v1/tokens', {
    schema: {
      tags: ['tokens'],
      summary: 'Create a token; the answer is the only time its secret is shown',
      body: { type: 'object', required: ['name', 'role'], properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, role: ROLE_SCHEMA } },
      response: { 201: { type: 'object', properties: { id: { type: 'integer' }, token: { type: 'string' } } } },
    },
  }, async (request, reply) => {
    const token = `${TOKEN_PREFIX}${newSecret(32)}`;
    const id = await insertApiToken(db, { name: request.body.name, role: request.body.role, tokenHash: sha256(token) });
    request.log.info({ id, name: request.body.name, role: request.body.role }, 'API token created');
    return reply.code(201).send({ id, token });
  });

  app.delete<{ Params: { id: number } }>('/api/v1/tokens/:id', {
    schema: { tags: ['tokens'], summary: 'Revoke a token', params: { type: 'object', properties: { id: { type: 'integer' } } } },
  }, async (request, reply) => {
    if (!(await deleteApiToken(db, request.params.id))) throw SERVER_NOT_FOUND({ resource: `tokens/${request.params.id}` });
    request.log.info({ id: request.params.id }, 'API token revoked');
    return reply.code(204).send();
  });
}
