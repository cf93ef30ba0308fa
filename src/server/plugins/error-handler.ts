import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance } from 'fastify';
import { localizedMessage, ToolSyncError } from '../../errors.js';
import { langOf } from '../request-lang.js';
import { SERVER_CATALOGUE } from '../server-catalogue.js';
import { SERVER_INTERNAL, SERVER_INVALID, SERVER_TOO_MANY_ATTEMPTS } from '../server-errors.js';

/**
 * Every error answers `{ error: { code, message } }`, the message in the caller's language. An unexpected error
 * is logged with a reference and answered with that reference only: no stack, no detail, no secret.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (raw: FastifyError | ToolSyncError | Error, request, reply) => {
    let error: ToolSyncError;
    if (raw instanceof ToolSyncError) error = raw;
    else if ('validation' in raw && raw.validation) error = SERVER_INVALID({ detail: raw.message });
    else if ('statusCode' in raw && raw.statusCode === 429) {
      const seconds = Number(reply.getHeader('retry-after') ?? 60);
      error = SERVER_TOO_MANY_ATTEMPTS({ seconds });
    } else if ('statusCode' in raw && typeof raw.statusCode === 'number' && raw.statusCode < 500) {
      // Fastify's own client errors (unsupported media type, body too large…): their code and message are safe.
      return reply.code(raw.statusCode).send({ error: { code: raw.code ?? 'SERVER_BAD_REQUEST', message: raw.message } });
    } else {
      const reference = randomUUID().slice(0, 8);
      request.log.error({ err: raw, reference }, 'unexpected error');
      error = SERVER_INTERNAL({ reference });
    }
    if (error.statusCode >= 500 && error.detail) request.log.error({ code: error.code, detail: error.detail }, error.message);
    if (error.code === SERVER_TOO_MANY_ATTEMPTS.code) reply.header('retry-after', String(error.params.seconds));
    return reply.code(error.statusCode).send({ error: { code: error.code, message: localizedMessage(error, SERVER_CATALOGUE, langOf(request)) } });
  });
}
