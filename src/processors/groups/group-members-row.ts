import type { CsvRow } from '../../csv/reader.js';
import type { PlatformCourse, PlatformGroup, PlatformUser } from '../../platform/operations.js';
import type { CourseLookup, GroupCatalogue, GroupField, UserMatches } from '../lookups.js';
import type { RowOutcome } from '../processor.js';
import { isOutcome, resolveCourse, rowError } from './groups-outcomes.js';

/** Commands of the group members file; an empty command is `add`. */
export const MEMBER_COMMANDS = ['add', 'shift', 'del'] as const;
export type MemberCommand = (typeof MEMBER_COMMANDS)[number];

/** A row of the group members file with everything it names found. */
export interface MemberRow {
  readonly row: CsvRow;
  readonly command: MemberCommand;
  readonly course: PlatformCourse;
  readonly group: PlatformGroup;
  readonly user: PlatformUser;
}

/** The lookups a batch's rows are resolved against, loaded beforehand. */
export interface MemberLookups {
  /** `cmd`, or `gcmd` (the help text's name) when the file has no `cmd`; undefined when it has neither. */
  readonly commandColumn: string | undefined;
  readonly courses: CourseLookup;
  readonly groups: GroupCatalogue<PlatformGroup>;
  /** What the `groupid` column names (`groups_groupidentifier`). */
  readonly groupField: GroupField;
  readonly users: UserMatches;
}

const ENTITY = 'groupmember';

/**
 * Resolves a row: its command, then its course, group (always within that course) and user, each of which
 * must be given and found; the first problem is the row's error, naming the column and the value.
 */
export function resolveMemberRow(row: CsvRow, lookups: MemberLookups): MemberRow | RowOutcome {
  const command = readCommand(row, lookups.commandColumn);
  if (typeof command !== 'string') return command;
  const course = resolveCourse(row, lookups.courses, ENTITY);
  if (isOutcome(course)) return course;
  const group = resolveGroup(row, course, lookups.groups, lookups.groupField);
  if (isOutcome(group)) return group;
  const user = resolveUser(row, lookups.users);
  if (isOutcome(user)) return user;
  return { row, command, course, group, user };
}

function readCommand(row: CsvRow, column: string | undefined): MemberCommand | RowOutcome {
  const given = column ? (row.value(column) ?? '') : '';
  const value = given.toLowerCase() || 'add';
  if ((MEMBER_COMMANDS as readonly string[]).includes(value)) return value as MemberCommand;
  return rowError(row, ENTITY, 'GROUPS_COMMAND_UNKNOWN', { column: column!, value: given, expected: MEMBER_COMMANDS.join(', ') });
}

function resolveGroup(row: CsvRow, course: PlatformCourse, groups: GroupCatalogue<PlatformGroup>, field: GroupField): PlatformGroup | RowOutcome {
  const column = 'groupid';
  const value = row.value(column) ?? '';
  if (value === '') return rowError(row, ENTITY, 'GROUPS_GROUP_MISSING', { column });
  return groups.find(course.id, field, value) ?? rowError(row, ENTITY, 'GROUPS_GROUP_UNKNOWN', { column, field, value, course: course.shortname });
}

function resolveUser(row: CsvRow, users: UserMatches): PlatformUser | RowOutcome {
  const column = 'userid';
  const value = row.value(column) ?? '';
  if (value === '') return rowError(row, ENTITY, 'GROUPS_USER_MISSING', { column });
  const matches = users.get(value);
  const field = users.field;
  if (matches.length > 1) return rowError(row, ENTITY, 'GROUPS_USER_AMBIGUOUS', { column, count: matches.length, field, value });
  return matches[0] ?? rowError(row, ENTITY, 'GROUPS_USER_UNKNOWN', { column, field, value });
}
