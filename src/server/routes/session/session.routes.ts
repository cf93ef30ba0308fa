import type { FastifyInstance } from 'fastify';
import { findAccount, updateAccount } from '../../../store/accounts-table.js';
import { deleteSession } from '../../../store/sessions-table.js';
import { LANG_SCHEMA, PASSWORD_SCHEMA } from '../../auth/account-rules.js';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../../auth/password-hash.js';
import { SESSION_COOKIE } from '../../auth/principal.js';
import { openSession, presentSession } from '../../auth/sessions.js';
import { SERVER_INVALID, SERVER_LOGIN_FAILED, SERVER_TOO_MANY_ATTEMPTS, SERVER_UNAUTHENTICATED } from '../../server-errors.js';
import type { ServiceContext } from '../../service-context.js';

const SESSION_VIEW = {
  type: 'object',
  properties: {
    account: { type: 'object', properties: { username: { type: 'string' }, role: { type: 'string' }, lang: { type: 'string' } } },
    csrfToken: { type: 'string' },
  },
} as const;

/** Log-in, the current session, log-out and the account's own language. */
export async function sessionRoutes(app: FastifyInstance, context: ServiceContext): Promise<void> {
  app.get('/api/v1/session', {
    config: { access: 'public' },
    schema: { tags: ['session'], summary: 'The current session (401 without one)', response: { 200: SESSION_VIEW } },
  }, async (request) => {
    const principal = request.principal;
    if (principal?.kind !== 'session') throw SERVER_UNAUTHENTICATED();
    return presentSession({ username: principal.username, role: principal.role, lang: principal.lang }, principal.csrfToken);
  });

  app.post<{ Body: { username: string; password: string } }>('/api/v1/session', {
    config: { access: 'public', rateLimit: { max: context.options.loginPerMinute, timeWindow: 60_000 } },
    schema: {
      tags: ['session'],
      summary: 'Log in: sets the session cookie and answers the CSRF token',
      body: { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string', maxLength: 64 }, password: PASSWORD_SCHEMA } },
      response: { 200: SESSION_VIEW },
    },
  }, async (request, reply) => {
    const { username, password } = request.body;
    const wait = context.throttle.retryAfter(username);
    if (wait > 0) throw SERVER_TOO_MANY_ATTEMPTS({ seconds: wait });
    const account = await findAccount(context.engine.store.db, username);
    // A hash is checked either way, so that an unknown username answers as slowly as a wrong password.
    const valid = await verifyPassword(password, account?.password_hash ?? (await DUMMY_HASH_PROMISE));
    if (!account || !valid) {
      context.throttle.fail(username);
      request.log.warn({ username }, 'failed log-in');
      throw SERVER_LOGIN_FAILED();
    }
    context.throttle.succeed(username);
    return openSession(context, request, reply, account);
  });

  app.delete('/api/v1/session', {
    config: { access: 'account' },
    schema: { tags: ['session'], summary: 'Log out' },
  }, async (request, reply) => {
    if (request.principal?.kind === 'session') await deleteSession(context.engine.store.db, request.principal.sessionHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.patch<{ Body: { lang: 'en' | 'fr' } }>('/api/v1/session/lang', {
    config: { access: 'account' },
    schema: {
      tags: ['session'],
      summary: 'Change the language of the logged-in account',
      body: { type: 'object', required: ['lang'], properties: { lang: LANG_SCHEMA } },
    },
  }, async (request) => {
    const principal = request.principal;
    if (principal?.kind !== 'session') throw SERVER_INVALID({ detail: 'an API token has no language of its own' });
    await updateAccount(context.engine.store.db, principal.username, { lang: request.body.lang });
    return presentSession({ username: principal.username, role: principal.role, lang: request.body.lang }, principal.csrfToken);
  });
}
