import type { FastifyInstance } from 'fastify';
import { deleteEmptyCategories, findEmptyCategories } from '../../../engine/courses/clean-categories.js';
import { writeDeletionFile, writeResetFile, type GeneratedFile } from '../../../engine/courses/course-file-generators.js';
import type { ServiceContext } from '../../service-context.js';

const COURSE_IDS = {
  type: 'object',
  required: ['courses'],
  properties: { courses: { type: 'array', minItems: 1, maxItems: 10_000, items: { type: 'integer', minimum: 1 } } },
} as const;

const CLEANING = {
  type: 'object',
  required: ['apply'],
  properties: { start: { type: 'integer', minimum: 0 }, apply: { type: 'boolean' }, ignoreEmptySubcategories: { type: 'boolean' } },
} as const;

/** A generated file as the console shows it: where it was written and the courses it names. */
function presentFile(file: GeneratedFile) {
  return { path: file.path, courses: file.courses.map(({ id, shortname, fullname, idnumber }) => ({ id, shortname, fullname, idnumber })) };
}

/**
 * The course utilities of spec 5.11 (administrators only, like every change): the deletion and reset files
 * written where their runs read them, for courses chosen by id; the empty categories under a start category,
 * previewed, then deleted with `apply`.
 */
export async function utilitiesRoutes(app: FastifyInstance, context: ServiceContext): Promise<void> {
  const { engine } = context;
  const ids = (body: { courses: number[] }) => body.courses.map(String);
  app.post<{ Body: { courses: number[] } }>('/api/v1/utilities/course-delete-file', {
    schema: { tags: ['utilities'], summary: 'Writes the course deletion file for courses chosen by id', body: COURSE_IDS },
  }, async (request) => presentFile(await writeDeletionFile(engine, ids(request.body), 'id')));
  app.post<{ Body: { courses: number[] } }>('/api/v1/utilities/course-reset-file', {
    schema: { tags: ['utilities'], summary: 'Writes the course reset file for courses chosen by id', body: COURSE_IDS },
  }, async (request) => presentFile(await writeResetFile(engine, ids(request.body), 'id')));
  app.post<{ Body: { start?: number; apply: boolean; ignoreEmptySubcategories?: boolean } }>('/api/v1/utilities/empty-categories', {
    schema: { tags: ['utilities'], summary: 'Lists the empty categories under a start category, or deletes them with apply', body: CLEANING },
  }, async (request) => {
    const options = { start: request.body.start ?? 0, ignoreEmptySubcategories: request.body.ignoreEmptySubcategories ?? false };
    if (!request.body.apply) return { applied: false, categories: await findEmptyCategories(engine, options) };
    const results = await deleteEmptyCategories(engine, options);
    return {
      applied: true,
      categories: results.map(({ category, result }) => ({ ...category, deleted: result.ok, ...(result.ok ? {} : { reason: result.error.message }) })),
    };
  });
}
