import type { CsvRow } from '../../csv/reader.js';
import { CourseLookup, type CourseField } from '../lookups.js';
import type { ProcessorAction, ProcessorContext, RowOutcome } from '../processor.js';
import { COURSE_CHECK_MESSAGES } from './course-check-messages.js';
import { IDENTIFIER_COLUMN } from './course-delete-processor.js';

/** The optional second field of a check line: a free description, echoed in the report. */
const DESCRIPTION_COLUMN = 'description';

/**
 * The course existence check file (spec 5.8, fixed): no header, `identifier[;description]` per line
 * (`courses_existfileidentifier`). Nothing is written: found courses are reported with their names, missing ones
 * are skipped rows that go to the tryback file, which this action always writes (the list of missing courses
 * is its result).
 */
export const courseCheckAction: ProcessorAction = {
  processor: 'courses',
  action: 'check',
  locationSetting: 'courses_fileexistlocation',
  defaultFile: 'courses.csv',
  columns: { required: [], optional: [] },
  headerless: [IDENTIFIER_COLUMN, DESCRIPTION_COLUMN],
  messages: COURSE_CHECK_MESSAGES,
  trybackAlways: true,
  process: processChecks,
};

async function* processChecks(batches: AsyncIterable<readonly CsvRow[]>, context: ProcessorContext): AsyncGenerator<RowOutcome[]> {
  const lookup = new CourseLookup(context.platform, (context.settings.choice('courses_existfileidentifier') || 'shortname') as CourseField);
  let found = 0;
  let missing = 0;
  for await (const batch of batches) {
    await lookup.load(batch.map((row) => row.value(IDENTIFIER_COLUMN) ?? ''));
    yield batch.map((row): RowOutcome => {
      const value = row.value(IDENTIFIER_COLUMN) ?? '';
      const text = row.value(DESCRIPTION_COLUMN);
      const description = text ? ` (${text})` : '';
      const course = lookup.get(value);
      if (!course) {
        missing++;
        return { row, status: 'skipped', code: 'COURSECHECK_MISSING', params: { field: lookup.field, course: value, description }, entity: 'course', counters: ['course.missing'], tryback: true };
      }
      found++;
      const { fullname, shortname, idnumber, id } = course;
      return { row, status: 'unchanged', code: 'COURSECHECK_FOUND', params: { field: lookup.field, course: value, description, fullname, shortname, idnumber, id }, entity: 'course', counters: ['course.found'] };
    });
  }
  await context.notice('COURSECHECK_TOTALS', { found, missing });
}
