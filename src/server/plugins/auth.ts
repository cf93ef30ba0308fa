import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findSession, extendSession } from '../../store/sessions-table.js';
import { useApiToken } from '../../store/api-tokens-table.js';
import { SESSION_COOKIE, type Principal, type Role } from '../auth/principal.js';
import { sameSecret, sha256 } from '../auth/secrets.js';
import { SERVER_CSRF, SERVER_FORBIDDEN, SERVER_UNAUTHENTICATED } from '../server-errors.js';
import type { ServiceContext } from '../service-context.js';

/**
 * Who may call a route: `public` (anyone), `account` (any logged-in account or token), `viewer` (read: any role),
 * `admin`. Routes that say nothing: GET and HEAD are `viewer`, everything else `admin`.
 */
export type Access = 'public' | 'account' | 'viewer' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolves the principal of every API request, then enforces the route's access and, for sessions, CSRF. */
export function installAuth(app: FastifyInstance, context: ServiceContext): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    // Decided by the route that matched, never by the raw URL: the router decodes `/%61pi/v1/…` to an API route.
    // A path no route matches is judged by its URL, so unknown API paths answer 401 to strangers too.
    const path = request.routeOptions.url ?? request.url;
    if (!path.startsWith('/api/v1/') && !path.startsWith('/metrics')) return;
    request.principal = await resolvePrincipal(request, reply, context);
    const access = request.routeOptions.config.access ?? (SAFE_METHODS.has(request.method) ? 'viewer' : 'admin');
    if (access === 'public') return;
    const principal = request.principal;
    if (!principal) throw SERVER_UNAUTHENTICATED();
    if (principal.kind === 'session' && !SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameSecret(header, principal.csrfToken)) throw SERVER_CSRF();
    }
    if (access === 'admin' && principal.role !== 'admin') throw SERVER_FORBIDDEN({ role: principal.role });
  });
}

async function resolvePrincipal(request: FastifyRequest, reply: FastifyReply, context: ServiceContext): Promise<Principal | null> {
  const { db } = context.engine.store;
  const now = Date.now();
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    const token = await useApiToken(db, sha256(authorization.slice(7).trim()), now);
    if (!token) throw SERVER_UNAUTHENTICATED();
    return { kind: 'token', role: token.role as Role, tokenId: token.id, name: token.name };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const sessionHash = sha256(cookie);
  const session = await findSession(db, sessionHash, now);
  if (!session) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return null;
  }
  // Sliding expiry, written at most once a minute per session.
  const idle = context.options.sessionIdleMs;
  if (session.expiresAt - now < idle - 60_000) await extendSession(db, sessionHash, now + idle);
  const { account } = session;
  return {
    kind: 'session',
    role: account.role as Role,
    accountId: account.id,
    username: account.username,
    lang: account.lang === 'fr' ? 'fr' : 'en',
    csrfToken: session.csrfToken,
    sessionHash,
  };
}
