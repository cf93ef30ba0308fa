import type { CourseSection, PlatformGroup, PlatformGrouping, SectionsChange } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import type { CourseTask } from './upload-task.js';

/** Moodle's default number of sections of a new course (`moodlecourse | numsections`). */
const DEFAULT_SECTIONS = 4;

/** What a template gave a row's course, for its report line. */
export interface TemplateCounts {
  sections: number;
  groups: number;
  groupings: number;
  methods: number;
  /** Groups of the course by name once the template is applied (cohort methods put members in them). */
  readonly groupsByName: Map<string, number>;
}

type Section = Omit<CourseSection, 'courseId'>;

/**
 * Writes the sections of the batch's courses in one call: a new course gets its template's sections (or
 * Moodle's default count) with its topics on top, the count following the highest topic (spec 5.6, with
 * decision 37: name and summary in place); an existing course gets the topics that differ, and its template's
 * sections as the template mode says (add: those it lacks; replace: all of them, others removed).
 */
export async function writeSections(tasks: readonly CourseTask[], platform: Platform, counts: Map<CourseTask, TemplateCounts>): Promise<void> {
  // A course restored from a backup has its sections: only its topics are written, as on an existing course.
  const live = tasks.filter((task) => task.live && (task.fresh || task.row.topics.length || task.template));
  const updated = live.filter((task) => !task.fresh).map((task) => task.courseId);
  const current = new Map<number, Map<number, CourseSection>>();
  for (const section of updated.length ? await platform.run('findCourseSections', { courseIds: updated }) : []) {
    const sections = current.get(section.courseId) ?? new Map<number, CourseSection>();
    sections.set(section.section, section);
    current.set(section.courseId, sections);
  }
  const writes: { task: CourseTask; change: SectionsChange; topics: string[] }[] = [];
  for (const task of live) {
    const had = current.get(task.courseId) ?? new Map<number, CourseSection>();
    const template = task.template?.content.sections ?? [];
    const use = task.template?.use;
    const sections = new Map<number, Section>();
    for (const section of template) if (use !== 'add' || !had.has(section.section)) sections.set(section.section, toSection(section));
    if (task.template) counts.get(task)!.sections = sections.size;
    const topics: string[] = [];
    for (const topic of task.row.topics) {
      const section = { section: topic.section, name: topic.name === '' ? null : topic.name, summary: topic.summary };
      const before = sections.get(topic.section) ?? (use === 'replace' ? undefined : had.get(topic.section));
      if (!task.fresh && before && before.name === section.name && before.summary === section.summary) continue;
      sections.set(topic.section, section);
      topics.push(`topic${topic.section}`);
    }
    const highest = Math.max(-1, ...task.row.topics.map((topic) => topic.section));
    const count = task.fresh && !task.row.topics.length && !template.length ? DEFAULT_SECTIONS : highest;
    const missing = Array.from({ length: count + 1 }, (_, number) => number).filter((number) => !had.has(number) && !sections.has(number));
    if (!sections.size && !missing.length && use !== 'replace') continue;
    writes.push({ task, change: { courseId: task.courseId, sections: [...sections.values()], replace: task.fresh || use === 'replace', count }, topics });
  }
  const results = await platform.run('saveCourseSections', writes.map(({ change }) => change));
  writes.forEach(({ task, topics }, index) => {
    if (task.warnIfRefused(results[index]!, 'sections')) return;
    if (topics.length) task.info('COURSES_UPLOAD_SECTIONS_WRITTEN', { sections: topics.join(', ') });
    if (task.kind === 'update') for (const topic of topics) task.changed(topic);
  });
}

function toSection(section: CourseSection): Section {
  return { section: section.section, name: section.name, summary: section.summary };
}

/**
 * Copies the groups and groupings of templates (with the groups of each grouping): into a new course all of
 * them; into an existing course those whose name it lacks (mode add), or all of them after its own groups and
 * groupings are deleted (mode replace). One call per kind of write for the batch.
 */
export async function writeTemplateGroups(tasks: readonly CourseTask[], platform: Platform, counts: Map<CourseTask, TemplateCounts>): Promise<void> {
  const using = tasks.filter((task) => task.live && task.template);
  const existingIds = using.filter((task) => task.kind === 'update').map((task) => task.courseId);
  const [groups, groupings] = existingIds.length
    ? await Promise.all([platform.run('findGroups', { courseIds: existingIds }), platform.run('findGroupings', { courseIds: existingIds })])
    : [[], []];
  const replacing = new Set(using.filter((task) => task.template!.use === 'replace').map((task) => task.courseId));
  await platform.run('deleteGroupings', groupings.filter((grouping) => replacing.has(grouping.courseId)).map((grouping) => grouping.id));
  await platform.run('deleteGroups', groups.filter((group) => replacing.has(group.courseId)).map((group) => group.id));
  const kept = (list: readonly (PlatformGroup | PlatformGrouping)[], task: CourseTask) =>
    replacing.has(task.courseId) ? [] : list.filter((item) => item.courseId === task.courseId);

  const newGroups = using.flatMap((task) => {
    const own = kept(groups, task);
    for (const group of own) counts.get(task)!.groupsByName.set(group.name, group.id);
    const names = new Set(own.map((group) => group.name));
    return task.template!.content.groups.filter((group) => !names.has(group.name)).map((group) => ({ task, group }));
  });
  const groupResults = await platform.run(
    'createGroups',
    newGroups.map(({ task, group }) => ({ courseId: task.courseId, name: group.name, idnumber: group.idnumber, description: group.description })),
  );
  newGroups.forEach(({ task, group }, index) => {
    const result = groupResults[index]!;
    if (task.warnIfRefused(result, `group ${group.name}`)) return;
    counts.get(task)!.groups += 1;
    counts.get(task)!.groupsByName.set(group.name, result.value.id);
  });

  const newGroupings = using.flatMap((task) => {
    const names = new Set(kept(groupings, task).map((grouping) => grouping.name));
    return task.template!.content.groupings.filter((grouping) => !names.has(grouping.name)).map((grouping) => ({ task, grouping }));
  });
  const groupingResults = await platform.run(
    'createGroupings',
    newGroupings.map(({ task, grouping }) => ({ courseId: task.courseId, name: grouping.name, idnumber: grouping.idnumber, description: grouping.description })),
  );
  const bindings = newGroupings.flatMap(({ task, grouping }, index) => {
    const result = groupingResults[index]!;
    if (task.warnIfRefused(result, `grouping ${grouping.name}`)) return [];
    counts.get(task)!.groupings += 1;
    const content = task.template!.content;
    return content.bindings
      .filter((binding) => binding.groupingId === grouping.id)
      .flatMap((binding) => {
        const name = content.groups.find((group) => group.id === binding.groupId)?.name;
        const groupId = name === undefined ? undefined : counts.get(task)!.groupsByName.get(name);
        return groupId === undefined ? [] : [{ task, binding: { groupingId: result.value.id, groupId } }];
      });
  });
  const bound = await platform.run('assignGroupings', bindings.map(({ binding }) => binding));
  bindings.forEach(({ task }, index) => task.warnIfRefused(bound[index]!, 'grouping members'));
}
