import type { FastifyInstance } from 'fastify';
import { countAccounts, findAccount, insertAccount } from '../../../store/accounts-table.js';
import { LANG_SCHEMA, MIN_PASSWORD_LENGTH, PASSWORD_SCHEMA, USERNAME_SCHEMA } from '../../auth/account-rules.js';
import { hashPassword } from '../../auth/password-hash.js';
import { openSession } from '../../auth/sessions.js';
import { SERVER_SETUP_CODE, SERVER_SETUP_DONE, SERVER_WEAK_PASSWORD } from '../../server-errors.js';
import type { ServiceContext } from '../../service-context.js';

/** The first administrator, created with the one-time code the service printed at start. */
export async function setupRoutes(app: FastifyInstance, context: ServiceContext): Promise<void> {
  const { db } = context.engine.store;

  app.get('/api/v1/setup', {
    config: { access: 'public' },
    schema: { tags: ['session'], summary: 'Whether the first administrator is still to be created', response: { 200: { type: 'object', properties: { needed: { type: 'boolean' } } } } },
  }, async () => ({ needed: (await countAccounts(db)) === 0 }));

  app.post<{ Body: { code: string; username: string; password: string; lang?: 'en' | 'fr' } }>('/api/v1/setup', {
    config: { access: 'public', rateLimit: { max: context.options.loginPerMinute, timeWindow: 60_000 } },
    schema: {
      tags: ['session'],
      summary: 'Create the first administrator (and log in as it)',
      body: {
        type: 'object',
        required: ['code', 'username', 'password'],
        properties: { code: { type: 'string', maxLength: 200 }, username: USERNAME_SCHEMA, password: PASSWORD_SCHEMA, lang: LANG_SCHEMA },
      },
    },
  }, async (request, reply) => {
    if ((await countAccounts(db)) > 0) throw SERVER_SETUP_DONE();
    const { code, username, password, lang } = request.body;
    if (!context.setup.matches(code)) throw SERVER_SETUP_CODE();
    if (password.length < MIN_PASSWORD_LENGTH) throw SERVER_WEAK_PASSWORD({ min: MIN_PASSWORD_LENGTH });
    await insertAccount(db, { username, passwordHash: await hashPassword(password), role: 'admin', lang: lang ?? 'en' });
    context.setup.close();
    request.log.info({ username }, 'first administrator created');
    return reply.code(201).send(await openSession(context, request, reply, (await findAccount(db, username))!));
  });
}
