import type { FastifyRequest } from 'fastify';
import type { Lang } from '../errors.js';

/** The language of an answer: the account's, else the browser's (`Accept-Language`), else English. */
export function langOf(request: FastifyRequest): Lang {
  const principal = request.principal;
  if (principal?.kind === 'session') return principal.lang;
  const accepted = request.headers['accept-language'] ?? '';
  const first = accepted.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('fr') ? 'fr' : 'en';
}
