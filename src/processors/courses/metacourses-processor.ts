import type { CsvRow } from '../../csv/reader.js';
import type { Platform } from '../../platform/platform.js';
import { CourseLookup, type CourseField } from '../lookups.js';
import type { ProcessorAction, ProcessorContext, RowOutcome } from '../processor.js';
import { METACOURSES_NO_MASTER_COLUMN, METACOURSES_TWO_MASTER_COLUMNS } from './course-files-errors.js';
import { METACOURSES_MESSAGES, type MetacoursesMessageCode } from './metacourses-messages.js';

/**
 * The metacourse binding file (spec 5.10, fixed): columns `master` (or `course`, the name the original declared)
 * and `meta`, optional `cmd` (`add` by default, `del`). `add` makes a meta enrolment instance in the meta course
 * that mirrors the master's enrolments; `del` removes it with its enrolments; an unknown course is a row error.
 */
export const metacoursesAction: ProcessorAction = {
  processor: 'courses',
  action: 'metas',
  locationSetting: 'courses_filemetabindinglocation',
  defaultFile: 'metacourses.csv',
  columns: { required: ['meta'], optional: ['master', 'course', 'cmd'] },
  messages: METACOURSES_MESSAGES,
  process: processLinks,
};

const COMMANDS = ['add', 'del'] as const;

async function* processLinks(batches: AsyncIterable<readonly CsvRow[]>, context: ProcessorContext): AsyncGenerator<RowOutcome[]> {
  const masterColumn = masterColumnOf(context);
  const { platform } = context;
  const lookup = new CourseLookup(platform, (context.settings.choice('courses_filemetabindingidentifier') || 'idnumber') as CourseField);
  for await (const batch of batches) {
    await lookup.load(batch.flatMap((row) => [row.value(masterColumn) ?? '', row.value('meta') ?? '']));
    const outcomes: RowOutcome[] = [];
    // Row by row: a row may undo what an earlier one did, and each count must see it.
    for (const row of batch) outcomes.push(await processRow(row, masterColumn, lookup, platform));
    yield outcomes;
  }
}

function masterColumnOf(context: ProcessorContext): string {
  const place = { file: context.input, line: 1 };
  const present = ['master', 'course'].filter((column) => context.columns.includes(column));
  if (present.length > 1) throw METACOURSES_TWO_MASTER_COLUMNS(place);
  if (!present.length) throw METACOURSES_NO_MASTER_COLUMN({ ...place, columns: context.columns.join(', ') });
  return present[0]!;
}

async function processRow(row: CsvRow, masterColumn: string, lookup: CourseLookup, platform: Platform): Promise<RowOutcome> {
  const fail = (code: MetacoursesMessageCode, params: Record<string, string | number>, column?: string): RowOutcome => ({
    row, status: 'error', code, params, entity: 'metacourse', ...(column ? { column } : {}),
  });
  const cmdValue = row.value('cmd') ?? '';
  const cmd = (cmdValue || 'add').toLowerCase();
  if (!(COMMANDS as readonly string[]).includes(cmd)) return fail('METACOURSES_BAD_COMMAND', { value: cmdValue }, 'cmd');
  const courses: number[] = [];
  for (const column of [masterColumn, 'meta']) {
    const value = row.value(column) ?? '';
    if (!value) return fail('METACOURSES_EMPTY_VALUE', { column }, column);
    const course = lookup.get(value);
    if (!course) return fail('METACOURSES_NO_SUCH_COURSE', { column, field: lookup.field, course: value }, column);
    courses.push(course.id);
  }
  const [parentId, courseId] = courses as [number, number];
  const names = { master: row.value(masterColumn)!, meta: row.value('meta')! };
  const link = { courseId, parentId };
  if (cmd === 'add') {
    const [result] = await platform.run('addMetaLinks', [link]);
    if (!result!.ok) return fail('METACOURSES_PLATFORM_REJECTED', { cmd, ...names, reason: result!.error.message });
    const enrolments = (await platform.run('findEnrolments', { instanceIds: [result!.value.instanceId] })).length;
    const done = { created: ['created', 'METACOURSES_CREATED'], restored: ['updated', 'METACOURSES_RESTORED'], unchanged: ['unchanged', 'METACOURSES_EXISTS'] } as const;
    const [status, code] = done[result!.value.outcome];
    return { row, status, code, params: { ...names, enrolments }, entity: 'metacourse' };
  }
  const held = (await platform.run('findMetaLinks', { courseIds: [courseId] })).find((candidate) => candidate.parentId === parentId);
  const enrolments = held ? (await platform.run('findEnrolments', { instanceIds: [held.instanceId] })).length : 0;
  const [result] = await platform.run('removeMetaLinks', [link]);
  if (!result!.ok) return fail('METACOURSES_PLATFORM_REJECTED', { cmd, ...names, reason: result!.error.message });
  if (!result!.value.removed) return { row, status: 'skipped', code: 'METACOURSES_NOT_BOUND', params: names, entity: 'metacourse' };
  return { row, status: 'deleted', code: 'METACOURSES_REMOVED', params: { ...names, enrolments }, entity: 'metacourse' };
}
