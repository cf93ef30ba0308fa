import type { CsvRow } from '../../csv/reader.js';
import { createDateReader } from '../dates.js';
import { GroupCatalogue, type CourseField } from '../lookups.js';
import { PendingKeys } from '../pending-keys.js';
import type { ProcessorAction, ProcessorContext, RowOutcome } from '../processor.js';
import { StepWriter } from '../step-writer.js';
import { COHORT_BINDINGS_COLUMNS } from './cohort-bindings-columns.js';
import { COHORT_BINDINGS_MESSAGES } from './cohort-bindings-messages.js';
import { BINDING_ENTITY, BindingProgress, planBinding } from './cohort-bindings-plan.js';
import { BindingReferences, type CohortField, type ResolvedBinding, type RoleField } from './cohort-bindings-references.js';
import { readBindingRow, type BindingRow } from './cohort-bindings-row.js';
import { failedRow } from '../row-problems.js';
import { CohortInstances } from './cohort-bindings-state.js';

/** The cohort → course binding file: cohort enrolment instances, then the cohort sync of its courses (spec 7.3, as corrected). */
export const cohortBindingsAction: ProcessorAction = {
  processor: 'cohorts',
  action: 'bindings',
  locationSetting: 'cohorts_coursebindingfilelocation',
  defaultFile: 'cohortscourses.csv',
  columns: COHORT_BINDINGS_COLUMNS,
  messages: COHORT_BINDINGS_MESSAGES,
  process: processBindings,
};

/** Groups before the instances that put members in them; status changes and deletions after. */
const PHASES = ['createGroups', 'addCohortInstances', 'setEnrolInstancesStatus', 'deleteEnrolInstances'] as const;

async function* processBindings(batches: AsyncIterable<readonly CsvRow[]>, context: ProcessorContext): AsyncGenerator<RowOutcome[]> {
  const { settings, platform } = context;
  const readDate = createDateReader(settings.text('dates_timezone')).read;
  const references = new BindingReferences(platform, {
    cohort: (settings.choice('cohorts_cohortidentifier') || 'idnumber') as CohortField,
    course: (settings.choice('cohorts_courseidentifier') || 'idnumber') as CourseField,
    role: (settings.choice('cohorts_roleidentifier') || 'shortname') as RoleField,
  });
  const instances = new CohortInstances(platform);
  const groups = GroupCatalogue.groups(platform);
  const touchedCourses = new Set<number>();

  for await (const batch of batches) {
    const outcomes: RowOutcome[] = [];
    const rows: BindingRow[] = [];
    for (const row of batch) {
      const read = readBindingRow(row, readDate, context.columns);
      if (Array.isArray(read)) outcomes.push(failedRow(row, read, BINDING_ENTITY));
      else rows.push(read);
    }
    await references.load(rows);
    const resolved: ResolvedBinding[] = [];
    for (const row of rows) {
      const found = references.resolve(row);
      if ('code' in found) outcomes.push(failedRow(row.row, [found], BINDING_ENTITY));
      else resolved.push(found);
    }
    const courseIds = resolved.map((row) => row.courseRecord.id);
    await instances.load(courseIds);
    await groups.load(resolved.filter((row) => row.cmd === 'add' && row.makegroup).map((row) => row.courseRecord.id));
    await references.roles.loadIds(instances.roleIds());

    const writer = new StepWriter(platform, PHASES);
    const pending = new PendingKeys();
    let progresses: BindingProgress[] = [];
    const flush = async () => {
      await writer.flush();
      pending.flushed();
      for (const progress of progresses) outcomes.push(progress.outcome());
      progresses = [];
    };
    for (const row of resolved) {
      const courseId = row.courseRecord.id;
      // A binding and the group named after its cohort: a row waits for the queued writes of earlier rows on them.
      const keys = [`b:${courseId}:${row.cohortRecord.id}`, `g:${courseId}:${row.cohortRecord.name}`];
      if (pending.queued(keys)) await flush();
      const progress = new BindingProgress(row);
      progresses.push(progress);
      touchedCourses.add(courseId);
      planBinding(progress, { instances, groups, roles: references.roles, writer });
      pending.add(keys);
    }
    await flush();
    yield outcomes.sort((a, b) => a.row.line - b.row.line);
  }

  if (!touchedCourses.size) return;
  const counts = await platform.run('syncCohortEnrolments', { courseIds: [...touchedCourses].sort((a, b) => a - b) });
  await context.notice('COHORTBINDINGS_SYNCED', { courses: touchedCourses.size, ...counts });
}

