import type { CsvRow } from '../../csv/reader.js';
import type { PlatformCourse, UserLookupField } from '../../platform/operations.js';
import { CourseLookup, findUsersBy, GroupCatalogue, type CourseField, type GroupField } from '../lookups.js';
import { PendingKeys } from '../pending-keys.js';
import type { ProcessorAction, ProcessorContext, RowOutcome } from '../processor.js';
import { resolveMemberRow, type MemberRow } from './group-members-row.js';
import { GroupMembersWriter, Memberships } from './group-members-writes.js';
import { GROUP_MEMBERS_COLUMNS } from './groups-columns.js';
import { CourseReports } from './groups-course-reports.js';
import { GROUPS_MESSAGES } from './groups-messages.js';
import { isOutcome } from './groups-outcomes.js';
import { purgeEmptyGroups } from './groups-purge.js';

/**
 * The group members file (GROUP_MEMBERS, spec 8.3 as corrected): `add`, `shift` (leave the course's other
 * groups, then add) and `del`, always within the row's course; then the purge of empty groups in the file's
 * courses and the course reports to their editing teachers, as the settings ask.
 */
export const groupMembersAction: ProcessorAction = {
  processor: 'groups',
  action: 'members',
  locationSetting: 'groupmembers_filelocation',
  defaultFile: 'groupmembers.csv',
  columns: GROUP_MEMBERS_COLUMNS,
  messages: GROUPS_MESSAGES,
  process: processGroupMembers,
};

async function* processGroupMembers(batches: AsyncIterable<readonly CsvRow[]>, context: ProcessorContext): AsyncGenerator<RowOutcome[]> {
  const { platform, settings } = context;
  const courses = new CourseLookup(platform, settings.choice('groups_courseidentifier') as CourseField);
  const groups = GroupCatalogue.groups(platform);
  const groupField = settings.choice('groups_groupidentifier') as GroupField;
  const userField = settings.choice('groups_useridentifier') as UserLookupField;
  // Protected memberships belong to tool_sync (they cannot be removed by hand); otherwise they are manual ones.
  const component = settings.bool('enrols_protectgroups') ? 'tool_sync' : '';
  const commandColumn = context.columns.includes('cmd') ? 'cmd' : context.columns.includes('gcmd') ? 'gcmd' : undefined;
  if (commandColumn === 'cmd' && context.columns.includes('gcmd')) await context.notice('GROUPS_GCMD_IGNORED');
  const touched = new Map<number, PlatformCourse>();
  const reports = CourseReports.open(context);

  for await (const batch of batches) {
    const outcomes: RowOutcome[] = [];
    await courses.load(batch.map((row) => row.value('courseid') ?? ''));
    const courseIds = batch.flatMap((row) => courses.get(row.value('courseid') ?? '')?.id ?? []);
    await groups.load(courseIds);
    const users = await findUsersBy(platform, userField, batch.map((row) => row.value('userid') ?? ''));
    const rows: MemberRow[] = [];
    const courseOf = new Map<CsvRow, PlatformCourse>();
    for (const row of batch) {
      const course = courses.get(row.value('courseid') ?? '');
      if (course) {
        courseOf.set(row, course);
        touched.set(course.id, course);
      }
      const resolved = resolveMemberRow(row, { commandColumn, courses, groups, groupField, users });
      if (isOutcome(resolved)) outcomes.push(resolved);
      else rows.push(resolved);
    }
    // What `shift` and `del` need: the memberships of their users in every group of their courses.
    const changing = rows.filter((memberRow) => memberRow.command !== 'add');
    const memberships = await Memberships.load(
      platform,
      changing.flatMap((memberRow) => groups.inCourse(memberRow.course.id).map((group) => group.id)),
      changing.map((memberRow) => memberRow.user.id),
    );
    const writer = new GroupMembersWriter({ platform, groups, memberships, component, outcomes });
    const pending = new PendingKeys();
    for (const memberRow of rows) {
      // A user's memberships in a course change with each row about them: one such row at a time.
      const keys = [`${memberRow.course.id}:${memberRow.user.id}`];
      if (pending.queued(keys)) {
        await writer.flush();
        pending.flushed();
      }
      writer.add(memberRow);
      pending.add(keys);
    }
    await writer.flush();
    if (reports) {
      for (const done of outcomes) {
        const course = courseOf.get(done.row);
        if (course) reports.add(course, done);
      }
    }
    yield outcomes;
  }
  await purgeEmptyGroups(context, [...touched.values()]);
  await reports?.send(context.input);
}
