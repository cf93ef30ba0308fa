import type { CsvRow } from '../../csv/reader.js';
import { CourseLookup, type CourseField } from '../lookups.js';
import type { ProcessorAction, ProcessorContext, RowOutcome } from '../processor.js';
import { COURSE_DELETE_MESSAGES } from './course-delete-messages.js';
import { takeInventory } from './course-inventory.js';

/** The one column of the headerless files that name a course per line. */
export const IDENTIFIER_COLUMN = 'identifier';

/**
 * The course deletion file (spec 5.7, fixed): no header, one course identifier per line
 * (`courses_filedeleteidentifier`). Each course goes with everything it holds, counted in its report line; an
 * unknown course is a row error whose tryback row is the failing identifier.
 */
export const courseDeleteAction: ProcessorAction = {
  processor: 'courses',
  action: 'delete',
  locationSetting: 'courses_filedeletelocation',
  defaultFile: 'deletecourses.csv',
  columns: { required: [], optional: [] },
  headerless: [IDENTIFIER_COLUMN],
  messages: COURSE_DELETE_MESSAGES,
  process: processDeletions,
};

const TOTAL_KEYS = ['courses', 'enrolments', 'roles', 'groups', 'members', 'groupings', 'metaEnrolments'] as const;

async function* processDeletions(batches: AsyncIterable<readonly CsvRow[]>, context: ProcessorContext): AsyncGenerator<RowOutcome[]> {
  const { platform } = context;
  const lookup = new CourseLookup(platform, (context.settings.choice('courses_filedeleteidentifier') || 'shortname') as CourseField);
  const deleted = new Set<number>();
  const totals = Object.fromEntries(TOTAL_KEYS.map((key) => [key, 0])) as Record<(typeof TOTAL_KEYS)[number], number>;
  for await (const batch of batches) {
    await lookup.load(batch.map((row) => row.value(IDENTIFIER_COLUMN) ?? ''));
    const outcomes: RowOutcome[] = [];
    // Row by row: a deletion file names a few courses, and each count must see what the earlier rows removed.
    for (const row of batch) {
      const value = row.value(IDENTIFIER_COLUMN) ?? '';
      const course = lookup.get(value);
      if (!course || deleted.has(course.id)) {
        outcomes.push({ row, status: 'error', code: 'COURSEDELETE_NOT_FOUND', params: { course: value, field: lookup.field }, column: IDENTIFIER_COLUMN, entity: 'course' });
        continue;
      }
      const inventory = await takeInventory(platform, course.id);
      const [result] = await platform.run('deleteCourses', [course.id]);
      if (!result!.ok) {
        outcomes.push({ row, status: 'error', code: 'COURSEDELETE_PLATFORM_REJECTED', params: { course: value, reason: result!.error.message }, entity: 'course' });
        continue;
      }
      deleted.add(course.id);
      const { metaCourses, ...counts } = inventory;
      totals.courses++;
      for (const key of TOTAL_KEYS) if (key !== 'courses') totals[key] += counts[key];
      const metaNames = metaCourses.length ? (await platform.run('findCourses', { by: { id: metaCourses.map(String) } })).map((meta) => meta.shortname) : [];
      outcomes.push({
        row,
        status: 'deleted',
        code: 'COURSEDELETE_DELETED',
        params: { course: value, fullname: course.fullname, id: course.id, ...counts },
        entity: 'course',
        ...(metaCourses.length
          ? { details: [{ code: 'COURSEDELETE_META_LINKS', params: { count: metaCourses.length, enrolments: counts.metaEnrolments, courses: metaNames.join(', ') } }] }
          : {}),
      });
    }
    yield outcomes;
  }
  if (totals.courses) await context.notice('COURSEDELETE_TOTALS', totals);
}
