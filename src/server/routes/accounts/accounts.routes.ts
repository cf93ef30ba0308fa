import type { FastifyInstance } from 'fastify';
import {
  countAccountsWithRole,
  deleteAccount,
  findAccount,
  insertAccount,
  listAccounts,
  updateAccount,
} from '../../../store/accounts-table.js';
import { deleteAccountSessions } from '../../../store/sessions-table.js';
import { LANG_SCHEMA, MIN_PASSWORD_LENGTH, PASSWORD_SCHEMA, ROLE_SCHEMA, USERNAME_SCHEMA } from '../../auth/account-rules.js';
import { hashPassword } from '../../auth/password-hash.js';
import { SERVER_ACCOUNT_EXISTS, SERVER_LAST_ADMIN, SERVER_NOT_FOUND, SERVER_WEAK_PASSWORD } from '../../server-errors.js';
import type { ServiceContext } from '../../service-context.js';

const ACCOUNT = {
  type: 'object',
  properties: { username: { type: 'string' }, role: { type: 'string' }, lang: { type: 'string' }, created: { type: 'string', format: 'date-time' } },
} as const;

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw SERVER_WEAK_PASSWORD({ min: MIN_PASSWORD_LENGTH });
}

/** Accounts of the console (administrators only). Never answers a password hash. */
export async function accountsRoutes(app: FastifyInstance, context: ServiceContext): Promise<void> {
  const { db } = context.engine.store;
  const notFound = (username: string) => SERVER_NOT_FOUND({ resource: `accounts/${username}` });

  app.get('/api/v1/accounts', {
    config: { access: 'admin' },
    schema: { tags: ['accounts'], summary: 'List the accounts', response: { 200: { type: 'array', items: ACCOUNT } } },
  }, async () =>
    (await listAccounts(db)).map((account) => ({
      username: account.username,
      role: account.role,
      lang: account.lang,
      created: new Date(account.created_at).toISOString(),
    })),
  );

  app.post<{ Body: { username: string; password: string; role: 'admin' | 'viewer'; lang?: 'en' | 'fr' } }>('/api/v1/accounts', {
    schema: {
      tags: ['accounts'],
      summary: 'Create an account',
      body: {
        type: 'object',
        required: ['username', 'password', 'role'],
        properties: { username: USERNAME_SCHEMA, password: PASSWORD_SCHEMA, role: ROLE_SCHEMA, lang: LANG_SCHEMA },
      },
    },
  }, async (request, reply) => {
    const { username, password, role, lang } = request.body;
    checkPassword(password);
    const created = await insertAccount(db, { username, passwordHash: await hashPassword(password), role, lang: lang ?? 'en' });
    if (!created) throw SERVER_ACCOUNT_EXISTS({ username });
    request.log.info({ username, role }, 'account created');
    return reply.code(201).send({ username, role, lang: lang ?? 'en' });
  });

  app.patch<{ Params: { username: string }; Body: { role?: 'admin' | 'viewer'; password?: string; lang?: 'en' | 'fr' } }>('/api/v1/accounts/:username', {
    schema: {
      tags: ['accounts'],
      summary: 'Change an account’s role, password or language (a new password ends its other sessions)',
      body: { type: 'object', properties: { role: ROLE_SCHEMA, password: PASSWORD_SCHEMA, lang: LANG_SCHEMA } },
    },
  }, async (request) => {
    const { username } = request.params;
    const { role, password, lang } = request.body;
    const account = await findAccount(db, username);
    if (!account) throw notFound(username);
    if (role === 'viewer' && account.role === 'admin' && (await countAccountsWithRole(db, 'admin')) <= 1) throw SERVER_LAST_ADMIN({ username });
    if (password !== undefined) checkPassword(password);
    await updateAccount(db, username, {
      ...(role ? { role } : {}),
      ...(lang ? { lang } : {}),
      ...(password !== undefined ? { passwordHash: await hashPassword(password) } : {}),
    });
    if (password !== undefined || role) {
      const keep = request.principal?.kind === 'session' && request.principal.accountId === account.id ? request.principal.sessionHash : undefined;
      await deleteAccountSessions(db, account.id, keep);
    }
    return { username, role: role ?? account.role, lang: lang ?? account.lang };
  });

  app.delete<{ Params: { username: string } }>('/api/v1/accounts/:username', {
    schema: { tags: ['accounts'], summary: 'Delete an account (never the last administrator)' },
  }, async (request, reply) => {
    const { username } = request.params;
    const account = await findAccount(db, username);
    if (!account) throw notFound(username);
    if (account.role === 'admin' && (await countAccountsWithRole(db, 'admin')) <= 1) throw SERVER_LAST_ADMIN({ username });
    await deleteAccount(db, username);
    request.log.info({ username }, 'account deleted');
    return reply.code(204).send();
  });
}
