import type { CsvRow } from '../../csv/reader.js';
import { CourseLookup, GroupCatalogue, type CourseField, type GroupField } from '../lookups.js';
import { PendingKeys } from '../pending-keys.js';
import type { ProcessorAction, ProcessorContext, RowOutcome } from '../processor.js';
import { planRow, readKeys, writeKeys, type CourseGroupsPolicy } from './course-groups-plan.js';
import { readCourseGroupsRow, rowKind, type CourseGroupsRow } from './course-groups-row.js';
import { CourseGroupsWriter } from './course-groups-writes.js';
import { COURSE_GROUPS_COLUMNS } from './groups-columns.js';
import { CourseReports } from './groups-course-reports.js';
import { GROUPS_MESSAGES } from './groups-messages.js';
import { isOutcome, resolveCourse, rowError } from './groups-outcomes.js';

/**
 * The group and grouping file (COURSE_GROUPS, spec 8.2 as corrected): creates groups and groupings, reuses
 * those already there, updates them in update mode (`updateid`), always within the row's course; binds groups
 * to their self-grouping and to the grouping their `grouping` column names.
 */
export const courseGroupsAction: ProcessorAction = {
  processor: 'groups',
  action: 'groups',
  locationSetting: 'groups_filelocation',
  defaultFile: 'groups.csv',
  columns: COURSE_GROUPS_COLUMNS,
  messages: GROUPS_MESSAGES,
  process: processCourseGroups,
};

async function* processCourseGroups(batches: AsyncIterable<readonly CsvRow[]>, context: ProcessorContext): AsyncGenerator<RowOutcome[]> {
  const { platform, settings } = context;
  const policy: CourseGroupsPolicy = {
    groupField: settings.choice('groups_groupidentifier') as GroupField,
    groupingField: settings.choice('groups_groupingidentifier') as GroupField,
  };
  const courses = new CourseLookup(platform, settings.choice('groups_courseidentifier') as CourseField);
  const catalogues = { groups: GroupCatalogue.groups(platform), groupings: GroupCatalogue.groupings(platform) };
  const reports = CourseReports.open(context);

  for await (const batch of batches) {
    const outcomes: RowOutcome[] = [];
    await courses.load(batch.map((row) => row.value('courseid') ?? ''));
    const rows: CourseGroupsRow[] = [];
    for (const row of batch) {
      const entity = rowKind(row);
      const course = resolveCourse(row, courses, entity);
      if (isOutcome(course)) outcomes.push(course);
      else if (!row.value('name')) outcomes.push(rowError(row, entity, 'GROUPS_NAME_MISSING', { column: 'name' }));
      else rows.push(readCourseGroupsRow(row, course));
    }
    const courseIds = rows.map((fileRow) => fileRow.course.id);
    await catalogues.groups.load(courseIds);
    await catalogues.groupings.load(courseIds);
    const writer = new CourseGroupsWriter(platform, catalogues, outcomes);
    const pending = new PendingKeys();
    for (const fileRow of rows) {
      // A row that looks up what a queued row writes waits for it: the file reads as if done row by row.
      if (pending.queued(readKeys(fileRow, policy))) {
        await writer.flush();
        pending.flushed();
      }
      const plan = planRow(fileRow, catalogues.groups, catalogues.groupings, policy);
      pending.add(writeKeys(plan));
      writer.add(plan);
    }
    await writer.flush();
    if (reports) {
      const courseOf = new Map(rows.map((fileRow) => [fileRow.row, fileRow.course]));
      for (const done of outcomes) {
        const course = courseOf.get(done.row);
        if (course) reports.add(course, done);
      }
    }
    yield outcomes;
  }
  await reports?.send(context.input);
}
