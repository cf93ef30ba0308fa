import type { CsvRow } from '../../csv/reader.js';
import type { UserLookupField } from '../../platform/operations.js';
import { findUsersBy } from '../lookups.js';
import { PendingKeys } from '../pending-keys.js';
import type { ProcessorAction, ProcessorContext, RowOutcome } from '../processor.js';
import { StepWriter } from '../step-writer.js';
import { CategoryLookup, CohortCatalogue } from './cohorts-catalogue.js';
import { cohortField, cohortsColumns } from './cohorts-columns.js';
import { planAdd, planDel, planFree, type PlanContext } from './cohorts-commands.js';
import { deleteEmptiedCohorts, syncCohortCourses, type RunChanges } from './cohorts-end.js';
import { COHORTS_MESSAGES } from './cohorts-messages.js';
import { CohortProgress } from './cohorts-progress.js';
import { readCohortRow, type CohortRow } from './cohorts-row.js';

/** The cohort file: cohorts and their members (spec 7.2, as corrected by the decisions 55–57 and 59). */
export const cohortsAction: ProcessorAction = {
  processor: 'cohorts',
  action: 'cohorts',
  locationSetting: 'cohorts_filelocation',
  defaultFile: 'cohorts.csv',
  columns: cohortsColumns,
  messages: COHORTS_MESSAGES,
  process: processCohorts,
};

/** Writes in this order: cohorts before their members, removals before additions, deletions last. */
const PHASES = ['createCohorts', 'updateCohorts', 'removeCohortMembers', 'addCohortMembers', 'deleteCohorts'] as const;

async function* processCohorts(batches: AsyncIterable<readonly CsvRow[]>, context: ProcessorContext): AsyncGenerator<RowOutcome[]> {
  const { settings, platform } = context;
  const field = cohortField(settings);
  const userField = settings.choice('cohorts_useridentifier') as UserLookupField;
  const autocreate = settings.bool('cohorts_autocreate');
  const cohorts = new CohortCatalogue(platform);
  const categories = new CategoryLookup(platform);
  const changes: RunChanges = { changed: new Set(), emptied: new Set(), deleted: new Set() };

  for await (const batch of batches) {
    const outcomes: RowOutcome[] = [];
    const rows: CohortRow[] = [];
    for (const row of batch) {
      const read = readCohortRow(row, field);
      if ('code' in read) outcomes.push({ row, status: 'error', code: read.code, params: read.params, column: read.column, entity: 'cohort' });
      else rows.push(read);
    }
    const adds = rows.filter((row) => row.cmd === 'add');
    // The rows' cohorts, and for add rows the cohorts a creation or rename would collide with.
    await cohorts.load({
      [field]: rows.map((row) => row.identifier),
      ...(field === 'name' ? {} : { name: adds.map((row) => row.name) }),
      ...(field === 'idnumber' ? {} : { idnumber: adds.map((row) => row.idnumber) }),
    });
    const withCategory = adds.flatMap((row) => (row.category ? [row.category] : []));
    await categories.load({
      id: withCategory.filter((category) => category.column === 'ccatcontext').map((category) => category.value),
      idnumber: withCategory.filter((category) => category.column === 'ccatcontextidnumber').map((category) => category.value),
    });
    const users = await findUsersBy(platform, userField, rows.map((row) => row.user));

    const writer = new StepWriter(platform, PHASES);
    const plan: PlanContext = { platform, field, autocreate, cohorts, categories, users, writer, ...changes };
    const pending = new PendingKeys();
    let progresses: CohortProgress[] = [];
    const flush = async () => {
      await writer.flush();
      pending.flushed();
      for (const progress of progresses) outcomes.push(progress.outcome());
      progresses = [];
    };
    for (const row of rows) {
      // A row naming a cohort an earlier row of the batch creates, renames or changes waits for that write.
      const keys = [`${field}:${row.identifier}`];
      if (row.cmd === 'add') {
        if (row.name) keys.push(`name:${row.name}`);
        if (row.idnumber) keys.push(`idnumber:${row.idnumber}`);
      }
      if (pending.queued(keys)) await flush();
      let cohort = cohorts.find(field, row.identifier);
      if (cohort && pending.queued([`id:${cohort.id}`])) {
        await flush();
        cohort = cohorts.find(field, row.identifier);
      }
      if (cohort) keys.push(`id:${cohort.id}`, `name:${cohort.name}`, ...(cohort.idnumber ? [`idnumber:${cohort.idnumber}`] : []));
      const progress = new CohortProgress(row);
      progresses.push(progress);
      if (row.cmd === 'add') planAdd(progress, cohort, plan);
      else if (row.cmd === 'del') planDel(progress, cohort, plan);
      else await planFree(progress, cohort, plan);
      pending.add(keys);
    }
    await flush();
    yield outcomes;
  }
  if (settings.bool('cohorts_syncdelete')) await deleteEmptiedCohorts(context, changes);
  await syncCohortCourses(context, changes);
}
