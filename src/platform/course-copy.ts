import { reject } from './embedded/rejections.js';
import { succeeded, type ItemResult } from './item-result.js';
import { checked, RefusedWrite } from './refused-write.js';
import type {
  CourseDuplicate,
  CourseImport,
  CourseRecord,
  CourseSection,
  CourseSettings,
  GroupingBinding,
  NewCourse,
  PlatformGroup,
  PlatformGrouping,
} from './operations.js';
import type { Platform } from './platform.js';

/** The platform's own `run`: the copy reads and writes through the port, so a simulation overlay runs it unchanged. */
type Run = Platform['run'];

/** What a template passes on through the port: its settings, sections, groups and groupings with their groups. */
interface Template {
  readonly record: CourseRecord;
  readonly sections: readonly CourseSection[];
  readonly groups: readonly PlatformGroup[];
  readonly groupings: readonly PlatformGrouping[];
  readonly bindings: readonly GroupingBinding[];
}

/** Settings a copy does not take from its template: the new course's identity, place and times. */
const OWN_FIELDS = new Set(['id', 'fullname', 'shortname', 'idnumber', 'category', 'visible', 'sortorder', 'timecreated', 'timemodified']);

/**
 * Moodle's core_course_duplicate_course for what the port holds, made of port operations (so the embedded platform,
 * a simulation and the Moodle double take the same decisions): a new course with the template's settings, then its
 * sections, groups and groupings. Never users; enrolment methods are the new course's default ones.
 */
export async function duplicateWithPortOperations(run: Run, items: readonly CourseDuplicate[]): Promise<ItemResult<{ id: number }>[]> {
  const templates = await readTemplates(run, items.map((item) => item.templateId));
  const results: ItemResult<{ id: number }>[] = [];
  for (const item of items) {
    const template = templates.get(item.templateId);
    if (!template) {
      results.push(reject.courseNotFound(item.templateId));
      continue;
    }
    const [created] = await run('createCourses', [newCourse(template.record, item)]);
    if (!created!.ok) {
      results.push(created!);
      continue;
    }
    const copied = await copyInto(run, created!.value.id, template, false);
    results.push(copied.ok ? succeeded({ id: created!.value.id }) : copied);
  }
  return results;
}

/**
 * Moodle's core_course_import_course for what the port holds: into each existing course, the template's sections,
 * groups and groupings it lacks (`replace` off), or in place of its own (`replace` on). Its users stay.
 */
export async function importWithPortOperations(run: Run, items: readonly CourseImport[], replace: boolean): Promise<ItemResult<null>[]> {
  const templates = await readTemplates(run, items.map((item) => item.fromId));
  const known = new Set((await run('findCourses', { by: { id: items.map((item) => String(item.toId)) } })).map((course) => course.id));
  const results: ItemResult<null>[] = [];
  for (const item of items) {
    const template = templates.get(item.fromId);
    if (!template || !known.has(item.toId)) results.push(reject.courseNotFound(template ? item.toId : item.fromId));
    else results.push(await copyInto(run, item.toId, template, replace));
  }
  return results;
}

function newCourse(record: CourseRecord, item: CourseDuplicate): NewCourse {
  const settings = Object.fromEntries(Object.entries(record).filter(([field]) => !OWN_FIELDS.has(field))) as Record<string, string | number>;
  const { summary, format, startdate, enddate, ...rest } = settings;
  return {
    fullname: item.fullname,
    shortname: item.shortname,
    categoryId: item.categoryId,
    visible: item.visible,
    summary: String(summary ?? ''),
    format: String(format ?? 'topics'),
    startdate: Number(startdate ?? 0),
    enddate: Number(enddate ?? 0),
    settings: rest as CourseSettings,
  };
}

async function readTemplates(run: Run, ids: readonly number[]): Promise<Map<number, Template>> {
  const courseIds = [...new Set(ids)];
  const [records, sections, groups, groupings] = await Promise.all([
    run('findCourseRecords', { courseIds }),
    run('findCourseSections', { courseIds }),
    run('findGroups', { courseIds }),
    run('findGroupings', { courseIds }),
  ]);
  const bindings = groupings.length ? await run('findGroupingGroups', { groupingIds: groupings.map((grouping) => grouping.id) }) : [];
  return new Map(records.map((record) => {
    const own = <T extends { readonly courseId: number }>(list: readonly T[]) => list.filter((item) => item.courseId === record.id);
    const groupingIds = new Set(own(groupings).map((grouping) => grouping.id));
    return [record.id, { record, sections: own(sections), groups: own(groups), groupings: own(groupings), bindings: bindings.filter((binding) => groupingIds.has(binding.groupingId)) }];
  }));
}

/** The template's sections, groups and groupings into one course: those it lacks, or in place of its own. */
async function copyInto(run: Run, courseId: number, template: Template, replace: boolean): Promise<ItemResult<null>> {
  try {
    const [sections, groups, groupings] = await Promise.all([
      run('findCourseSections', { courseIds: [courseId] }),
      run('findGroups', { courseIds: [courseId] }),
      run('findGroupings', { courseIds: [courseId] }),
    ]);
    if (replace) {
      checked(await run('deleteGroupings', groupings.map((grouping) => grouping.id)));
      checked(await run('deleteGroups', groups.map((group) => group.id)));
    }
    const had = new Set(replace ? [] : sections.map((section) => section.section));
    const copied = template.sections.filter((section) => !had.has(section.section))
      .map(({ section, name, summary }) => ({ section, name, summary }));
    if (copied.length || replace) checked(await run('saveCourseSections', [{ courseId, sections: copied, replace }]));

    const groupIds = new Map((replace ? [] : groups).map((group) => [group.name, group.id]));
    const newGroups = template.groups.filter((group) => !groupIds.has(group.name));
    const created = checked(await run('createGroups', newGroups.map(({ name, idnumber, description }) => ({ courseId, name, idnumber, description }))));
    newGroups.forEach((group, index) => groupIds.set(group.name, created[index]!.id));

    const groupingNames = new Set((replace ? [] : groupings).map((grouping) => grouping.name));
    const newGroupings = template.groupings.filter((grouping) => !groupingNames.has(grouping.name));
    const madeGroupings = checked(await run('createGroupings', newGroupings.map(({ name, idnumber, description }) => ({ courseId, name, idnumber, description }))));
    const templateGroupNames = new Map(template.groups.map((group) => [group.id, group.name]));
    const bindings = newGroupings.flatMap((grouping, index) => template.bindings
      .filter((binding) => binding.groupingId === grouping.id)
      .flatMap((binding) => {
        const groupId = groupIds.get(templateGroupNames.get(binding.groupId) ?? '');
        return groupId === undefined ? [] : [{ groupingId: madeGroupings[index]!.id, groupId }];
      }));
    checked(await run('assignGroupings', bindings));
    return succeeded(null);
  } catch (error) {
    if (!(error instanceof RefusedWrite)) throw error;
    return { ok: false, error: error.refusal };
  }
}
