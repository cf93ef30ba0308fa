import type { CsvRow } from '../../csv/reader.js';
import type { CourseResetOptions } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import { CourseLookup, RoleLookup } from '../lookups.js';
import type { ProcessorAction, ProcessorContext, RowDetail, RowOutcome } from '../processor.js';
import { resetColumns, resetIdentifier } from './course-reset-columns.js';
import { COURSE_RESET_MESSAGES } from './course-reset-messages.js';
import { readResetRow, type ModuleSelection, type ResetRequest } from './course-reset-row.js';

/**
 * The course reset file (spec 5.9, fixed): rows find their course by `courses_fileresetidentifier`. On Moodle
 * (`supportsFullCourseReset`) the row's every option goes to reset_course_userdata, `modules` included, and the
 * report lists what Moodle says it reset; on the embedded store what it holds is reset (enrolments by role,
 * groups, groupings and their memberships) and what it does not hold is reported as "nothing to reset".
 */
export const courseResetAction: ProcessorAction = {
  processor: 'courses',
  action: 'reset',
  locationSetting: 'courses_fileresetlocation',
  defaultFile: 'resetcourses.csv',
  columns: resetColumns,
  messages: COURSE_RESET_MESSAGES,
  process: processResets,
};

async function* processResets(batches: AsyncIterable<readonly CsvRow[]>, context: ProcessorContext): AsyncGenerator<RowOutcome[]> {
  const identifier = resetIdentifier(context.settings);
  const courses = new CourseLookup(context.platform, identifier);
  const roles = new RoleLookup(context.platform);
  for await (const batch of batches) {
    const requests = batch.map((row) => readResetRow(row, identifier));
    const read = requests.filter((request): request is ResetRequest => 'row' in request);
    await courses.load(read.map((request) => request.course));
    await roles.load(read.flatMap((request) => (Array.isArray(request.roles) ? request.roles : [])));
    const outcomes: RowOutcome[] = [];
    // Row by row: a course named twice is reset again from what the first row left.
    for (const [index, request] of requests.entries()) {
      const row = batch[index]!;
      if (!('row' in request)) outcomes.push({ row, status: 'error', code: request.code, params: request.params, column: request.column, entity: 'course' });
      else outcomes.push(await processRow(request, courses, roles, context.platform, identifier));
    }
    yield outcomes;
  }
}

async function processRow(request: ResetRequest, courses: CourseLookup, roles: RoleLookup, platform: Platform, identifier: string): Promise<RowOutcome> {
  const { row, course: value } = request;
  const course = courses.get(value);
  if (!course) return { row, status: 'error', code: 'COURSERESET_NO_SUCH_COURSE', params: { column: identifier, course: value }, column: identifier, entity: 'course' };
  let roleIds: readonly number[] | 'all' = 'all';
  if (Array.isArray(request.roles)) {
    const missing = request.roles.find((name) => !roles.get(name));
    if (missing !== undefined) return { row, status: 'error', code: 'COURSERESET_NO_SUCH_ROLE', params: { role: missing }, column: 'roles', entity: 'course' };
    roleIds = request.roles.map((name) => roles.get(name)!.id);
  }
  const options: CourseResetOptions = {
    unenrolRoles: request.roles ? roleIds : null, groups: request.groups, groupings: request.groupings, parts: request.asked, modules: request.modules,
  };
  const whole = platform.capabilities.supportsFullCourseReset;
  const details = whole ? describeWholeReset(request, platform.name) : describeRequest(request, platform.name);
  const asked = resetParts(request);
  // Logs alone ask Moodle nothing: its log stores keep theirs.
  if (whole && !asked.length) return { row, status: 'unchanged', code: 'COURSERESET_NOTHING_TO_RESET', params: { course: value }, entity: 'course', details };
  const [result] = await platform.run('resetCourses', [{ courseId: course.id, options }]);
  if (!result!.ok) return { row, status: 'error', code: 'COURSERESET_PLATFORM_REJECTED', params: { course: value, reason: result!.error.message }, entity: 'course', details };
  const { counts, lines } = result!.value;
  if (whole || !counts) {
    details.push(...lines.map((line): RowDetail => line.error
      ? { code: 'COURSERESET_PLATFORM_STATUS_ERROR', params: { ...line }, level: 'warning' }
      : { code: 'COURSERESET_PLATFORM_STATUS', params: { component: line.component, item: line.item } }));
    return { row, status: 'updated', code: 'COURSERESET_RESET_BY_PLATFORM', params: { course: value, platform: platform.name, parts: asked.join(', ') }, entity: 'course', details };
  }
  if (counts.kept) details.unshift({ code: 'COURSERESET_KEPT_ENROLMENTS', params: { count: counts.kept } });
  const { kept: _kept, ...removed } = counts;
  const changed = Object.values(removed).some((count) => count > 0);
  return changed
    ? { row, status: 'updated', code: 'COURSERESET_DONE', params: { course: value, ...removed }, entity: 'course', details }
    : { row, status: 'unchanged', code: 'COURSERESET_NOTHING_TO_RESET', params: { course: value }, entity: 'course', details };
}

/** What a row asks a platform that resets courses whole, in the reset file's words (`roles=student`, `groups=members`, `events`…). */
function resetParts(request: ResetRequest): string[] {
  const choice = ({ remove, members }: { remove: boolean; members: boolean }, removeWord: string) =>
    (remove && members ? 'all' : remove ? removeWord : members ? 'members' : '');
  const parts: string[] = [];
  if (request.roles) parts.push(`roles=${request.roles === 'all' ? 'all' : request.roles.join(' ')}`);
  const groups = choice(request.groups, 'groups');
  if (groups) parts.push(`groups=${groups}`);
  const groupings = choice(request.groupings, 'groupings');
  if (groupings) parts.push(`groupings=${groupings}`);
  parts.push(...request.asked.filter((part) => part !== 'logs'));
  if (request.modules.mode !== 'none') parts.push(`modules=${moduleText(request.modules)}`);
  return parts;
}

/** The further lines of a row on a platform that resets courses whole: the roles reset, logs kept, the values ignored. */
function describeWholeReset(request: ResetRequest, platform: string): RowDetail[] {
  const details: RowDetail[] = [];
  if (request.roles) details.push({ code: 'COURSERESET_ROLES', params: { roles: request.roles === 'all' ? 'all' : request.roles.join(' ') } });
  if (request.asked.includes('logs')) details.push({ code: 'COURSERESET_LOGS_KEPT', params: { platform } });
  for (const { column, value } of request.ignored) details.push({ code: 'COURSERESET_IGNORED_VALUE', params: { column, value }, level: 'warning' });
  return details;
}

/** The further lines of a row: the roles reset, what the platform does not hold, the modules, the values ignored. */
function describeRequest(request: ResetRequest, platform: string): RowDetail[] {
  const details: RowDetail[] = [];
  if (request.roles) details.push({ code: 'COURSERESET_ROLES', params: { roles: request.roles === 'all' ? 'all' : request.roles.join(' ') } });
  if (request.asked.length) details.push({ code: 'COURSERESET_NOT_HELD', params: { platform, parts: request.asked.join(', ') } });
  if (request.modules.mode !== 'none') details.push({ code: 'COURSERESET_MODULES', params: { platform, modules: moduleText(request.modules) } });
  for (const { column, value } of request.ignored) details.push({ code: 'COURSERESET_IGNORED_VALUE', params: { column, value }, level: 'warning' });
  return details;
}

function moduleText(modules: ModuleSelection): string {
  if (modules.mode === 'only') return modules.names.join(' ');
  if (modules.mode === 'except') return `all ${modules.names.map((name) => `-${name}`).join(' ')}`;
  return modules.mode;
}
