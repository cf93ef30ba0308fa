import type { FastifyInstance } from 'fastify';
import { browseData, DATA_ENTITIES, readUserPicture, type DataEntity } from '../../../store/data-browser.js';
import { attachment, toDownloadCsv } from '../../csv-download.js';
import { SERVER_NOT_FOUND } from '../../server-errors.js';
import type { ServiceContext } from '../../service-context.js';

/** The embedded store's data, read only: users, courses, categories, cohorts, enrolments, groups, members. */
export async function dataRoutes(app: FastifyInstance, context: ServiceContext): Promise<void> {
  const { db } = context.engine.store;

  app.get<{
    Params: { entity: DataEntity };
    Querystring: { q?: string; page: number; pageSize: number; parent?: number; after?: number; format?: 'json' | 'csv' };
  }>('/api/v1/data/:entity', {
    schema: {
      tags: ['data'],
      summary: 'One page of an entity of the embedded store (format=csv: the page as a download)',
      params: { type: 'object', properties: { entity: { type: 'string', enum: [...DATA_ENTITIES] } } },
      querystring: {
        type: 'object',
        properties: {
          q: { type: 'string', maxLength: 200 },
          page: { type: 'integer', minimum: 1, default: 1 },
          pageSize: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
          parent: { type: 'integer' },
          after: { type: 'integer', description: 'keyset paging: rows after this id (fast at any depth)' },
          format: { type: 'string', enum: ['json', 'csv'] },
        },
      },
    },
  }, async (request, reply) => {
    const { q, page, pageSize, parent, after, format } = request.query;
    const result = await browseData(db, request.params.entity, {
      ...(q ? { q } : {}),
      ...(parent === undefined ? {} : { parent }),
      ...(after === undefined ? {} : { after }),
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    if (format !== 'csv') return result;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', attachment(`${request.params.entity}.csv`))
      .send(toDownloadCsv(result.columns, result.rows.map((row) => result.columns.map((column) => row[column]))));
  });

  app.get<{ Params: { id: number }; Querystring: { size: 'f1' | 'f2' | 'f3' } }>('/api/v1/data/users/:id/picture', {
    schema: {
      tags: ['data'],
      summary: 'A user’s picture (404 when none)',
      params: { type: 'object', properties: { id: { type: 'integer' } } },
      querystring: { type: 'object', properties: { size: { type: 'string', enum: ['f1', 'f2', 'f3'], default: 'f1' } } },
    },
  }, async (request, reply) => {
    const picture = await readUserPicture(db, request.params.id, request.query.size);
    if (!picture) throw SERVER_NOT_FOUND({ resource: `data/users/${request.params.id}/picture?size=${request.query.size}` });
    // Only an image type is answered as such: stored bytes never reach the browser as a page.
    const type = /^image\/(png|jpeg|gif|webp)$/u.test(picture.mimetype) ? picture.mimetype : 'application/octet-stream';
    return reply.type(type).header('cache-control', 'private, max-age=60').send(Buffer.from(picture.content));
  });
}
