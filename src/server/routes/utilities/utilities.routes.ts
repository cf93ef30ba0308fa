import type { FastifyInstance } from 'fastify';
import { SERVER_NOT_IMPLEMENTED } from '../../server-errors.js';

/** The course utilities of spec 5.11 arrive with the courses processor; until then they answer 501. */
export async function utilitiesRoutes(app: FastifyInstance): Promise<void> {
  for (const [path, what] of [
    ['course-delete-file', 'The course deletion file generator'],
    ['course-reset-file', 'The course reset file generator'],
    ['empty-categories', 'The empty categories cleaner'],
  ] as const) {
    app.post(`/api/v1/utilities/${path}`, { schema: { tags: ['utilities'], summary: `${what} (501 until the courses processor provides it)` } }, async () => {
      throw SERVER_NOT_IMPLEMENTED({ what });
    });
  }
}
