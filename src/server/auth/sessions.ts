import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountRecord } from '../../store/accounts-table.js';
import { insertSession } from '../../store/sessions-table.js';
import type { ServiceContext } from '../service-context.js';
import { SESSION_COOKIE } from './principal.js';
import { newSecret, sha256 } from './secrets.js';

/** What the session routes answer: the account and the CSRF token to send back on every change. */
export interface SessionView {
  readonly account: { readonly username: string; readonly role: string; readonly lang: string };
  readonly csrfToken: string;
}

export function presentSession(account: Pick<AccountRecord, 'username' | 'role' | 'lang'>, csrfToken: string): SessionView {
  return { account: { username: account.username, role: account.role, lang: account.lang }, csrfToken };
}

/**
 * Opens a session for an account: a random id in an HTTP-only, SameSite=Strict cookie (Secure over HTTPS or when
 * configured), its SHA-256 and a CSRF token in the store.
 */
export async function openSession(context: ServiceContext, request: FastifyRequest, reply: FastifyReply, account: AccountRecord): Promise<SessionView> {
  const id = newSecret(32);
  const csrfToken = newSecret(32);
  await insertSession(context.engine.store.db, {
    idHash: sha256(id),
    accountId: account.id,
    csrfToken,
    expiresAt: Date.now() + context.options.sessionIdleMs,
  });
  reply.setCookie(SESSION_COOKIE, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: context.options.secureCookies || request.protocol === 'https',
  });
  return presentSession(account, csrfToken);
}
