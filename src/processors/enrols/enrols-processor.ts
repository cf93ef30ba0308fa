import type { CsvRow } from '../../csv/reader.js';
import type { UserLookupField } from '../../platform/operations.js';
import { createDateReader } from '../dates.js';
import { GroupCatalogue, type CourseField } from '../lookups.js';
import { PendingKeys } from '../pending-keys.js';
import type { ProcessorAction, ProcessorContext, RowOutcome } from '../processor.js';
import { StepWriter } from '../step-writer.js';
import { planCommand, type CommandContext } from './enrols-commands.js';
import { ENROLS_COLUMNS, type EnrolCommand } from './enrols-columns.js';
import { cleanUpEmptyGroups } from './enrols-cleanup.js';
import { EnrolmentDigest } from './enrols-digest.js';
import { planGroups, PendingGroups, type GroupsContext } from './enrols-groups.js';
import { ENROLS_MESSAGES } from './enrols-messages.js';
import { RowProgress } from './enrols-progress.js';
import { EnrolsReferences, type ResolvedRow } from './enrols-references.js';
import { readEnrolRow, type EnrolRow } from './enrols-row.js';
import { failedRow } from '../row-problems.js';
import { EnrolsState, pairKey, type Pair } from './enrols-state.js';

/** The enrolment file: enrolments and roles with their group commands (spec 6, as corrected). */
export const enrolsAction: ProcessorAction = {
  processor: 'enrols',
  action: 'sync',
  locationSetting: 'enrols_filelocation',
  defaultFile: 'enrols.csv',
  columns: ENROLS_COLUMNS,
  // Twice the default batch: half the platform calls and lookups per row. (Chosen when each call committed, for
  // its commits: 22 s -> 16 s on the million-row bench, RSS +32 MB; with grouped commits, 1,000 and 2,000 rows
  // measured no faster. 16,000 rows went over 600 MB.)
  batchSize: 4000,
  messages: ENROLS_MESSAGES,
  process: processEnrolments,
};

/** Writes in this order: removals before additions, enrolments before roles and groups, groups before members. */
const PHASES = [
  'unassignCourseRoles',
  'unenrolUsers',
  'enrolUsers',
  'updateEnrolments',
  'assignCourseRoles',
  'removeGroupMembers',
  'createGroups',
  'addGroupMembers',
] as const;

async function* processEnrolments(batches: AsyncIterable<readonly CsvRow[]>, context: ProcessorContext): AsyncGenerator<RowOutcome[]> {
  const { settings, platform } = context;
  const rowContext = {
    defaultCommand: settings.choice('enrols_defaultcmd') as EnrolCommand,
    readDate: createDateReader(settings.text('dates_timezone')).read,
    hasEnrolColumn: context.columns.includes('enrol'),
  };
  const references = new EnrolsReferences(platform, {
    courseField: settings.choice('enrols_courseidentifier') as CourseField,
    userField: settings.choice('enrols_useridentifier') as UserLookupField,
    useDisabledInstances: settings.bool('enrols_enableenrolondisabled'),
  });
  const groups = GroupCatalogue.groups(platform);
  const protect = settings.bool('enrols_protectgroups');
  const digest = settings.bool('enrols_mailadmins') ? new EnrolmentDigest() : null;
  const touchedCourses = new Set<number>();
  const arrived = (progress: RowProgress) => digest?.add(progress);

  for await (const batch of batches) {
    const outcomes: RowOutcome[] = [];
    const rows: EnrolRow[] = [];
    for (const row of batch) {
      const read = readEnrolRow(row, rowContext);
      if (Array.isArray(read)) outcomes.push(failedRow(row, read, 'enrolment'));
      else rows.push(read);
    }
    await references.load(rows);
    const resolved: ResolvedRow[] = [];
    for (const row of rows) {
      const found = references.resolve(row);
      if ('code' in found) outcomes.push(failedRow(row.row, [found], 'enrolment'));
      else resolved.push(found);
    }
    const state = new EnrolsState(platform, groups);
    await loadState(state, resolved);
    await groups.load(resolved.filter((row) => row.gcmd).map((row) => row.course.id));
    await references.roles.loadIds(roleIdsOf(state, resolved));

    const writer = new StepWriter(platform, PHASES);
    const pendingGroups = new PendingGroups();
    const pending = new PendingKeys();
    // The contexts of the batch's rows, built once rather than per row.
    const commandContext: CommandContext = { state, references, writer, arrived };
    const groupsContext: GroupsContext = { state, groups, writer, protect };
    let progresses: RowProgress[] = [];
    const flush = async () => {
      await writer.flush();
      pendingGroups.flushed();
      pending.flushed();
      for (const progress of progresses) outcomes.push(progress.outcome());
      progresses = [];
    };
    for (const row of resolved) {
      const key = [pairKey(row.course.id, row.user.id)];
      if (pending.queued(key)) await flush();
      // An earlier row of the batch wrote this pair: what it left is read again.
      if (pending.touched(key)) {
        await loadState(state, [row]);
        await references.roles.loadIds(roleIdsOf(state, [row]));
      }
      const progress = new RowProgress(row);
      progresses.push(progress);
      touchedCourses.add(row.course.id);
      planCommand(progress, commandContext);
      planGroups(progress, groupsContext, pendingGroups);
      pending.add(key);
    }
    await flush();
    yield outcomes;
  }
  if (settings.bool('enrolcleanup')) await cleanUpEmptyGroups(context, [...touchedCourses]);
  if (digest) await digest.send(context);
}

/**
 * Reads what the rows' commands need: every pair's enrolments; memberships for greplace and gdel; roles for
 * role mode, shift, and an add whose user is enrolled already (a first run's million new enrolments need none).
 */
async function loadState(state: EnrolsState, rows: readonly ResolvedRow[]): Promise<void> {
  const pair = (row: ResolvedRow): Pair => ({ courseId: row.course.id, userId: row.user.id });
  await state.load({
    pairs: rows.map(pair),
    memberPairs: rows.filter((row) => row.gcmd === 'gdel' || row.gcmd === 'greplace' || row.gcmd === 'greplacecreate').map(pair),
  });
  const enrolled = (row: ResolvedRow) => state.enrolment(row.course.id, row.user.id, row.instance!.id) !== undefined;
  await state.loadRoles(rows.filter((row) => !row.instance || row.cmd === 'shift' || (row.cmd === 'add' && enrolled(row))).map(pair));
}


/** The ids of the roles the rows' users hold in their courses (an empty array per row was most of a batch's cost). */
function roleIdsOf(state: EnrolsState, rows: readonly ResolvedRow[]): number[] {
  const ids: number[] = [];
  for (const row of rows) for (const assignment of state.roles(row.course.id, row.user.id)) ids.push(assignment.roleId);
  return ids;
}
