import type { CourseSection, SectionsChange } from '../../platform/operations.js';
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
  /** Whether the platform copied the template's content (a refused copy is a warning line instead). */
  copied: boolean;
  /** Groups of the course by name once the template is applied (cohort methods put members in them). */
  readonly groupsByName: Map<string, number>;
}

/**
 * Writes the sections of the batch's courses in one call: a new empty course gets its topics, or Moodle's default
 * count of sections; a course made from a template or a backup, or an existing one, gets the topics that differ
 * from its sections (spec 5.6, with decision 37: name and summary in place); the count follows the highest topic.
 */
export async function writeSections(tasks: readonly CourseTask[], platform: Platform): Promise<void> {
  const live = tasks.filter((task) => task.live && (task.fresh || task.row.topics.length));
  const kept = live.filter((task) => !task.fresh).map((task) => task.courseId);
  const current = new Map<number, Map<number, CourseSection>>();
  for (const section of kept.length ? await platform.run('findCourseSections', { courseIds: kept }) : []) {
    const sections = current.get(section.courseId) ?? new Map<number, CourseSection>();
    sections.set(section.section, section);
    current.set(section.courseId, sections);
  }
  const writes: { task: CourseTask; change: SectionsChange; topics: string[] }[] = [];
  for (const task of live) {
    const had = current.get(task.courseId) ?? new Map<number, CourseSection>();
    const sections: Omit<CourseSection, 'courseId'>[] = [];
    const topics: string[] = [];
    for (const topic of task.row.topics) {
      const section = { section: topic.section, name: topic.name === '' ? null : topic.name, summary: topic.summary };
      const before = had.get(topic.section);
      if (!task.fresh && before && before.name === section.name && before.summary === section.summary) continue;
      sections.push(section);
      topics.push(`topic${topic.section}`);
    }
    const highest = Math.max(-1, ...task.row.topics.map((topic) => topic.section));
    const count = task.fresh && !task.row.topics.length ? DEFAULT_SECTIONS : highest;
    const missing = Array.from({ length: count + 1 }, (_, number) => number).some((number) => !had.has(number));
    if (!sections.length && !missing) continue;
    writes.push({ task, change: { courseId: task.courseId, sections, replace: task.fresh, count }, topics });
  }
  const results = await platform.run('saveCourseSections', writes.map(({ change }) => change));
  writes.forEach(({ task, topics }, index) => {
    if (task.warnIfRefused(results[index]!, 'sections')) return;
    if (topics.length) task.info('COURSES_UPLOAD_SECTIONS_WRITTEN', { sections: topics.join(', ') });
    if (task.kind === 'update') for (const topic of topics) task.changed(topic);
  });
}

/**
 * Brings the templates' content into the batch's existing courses, one call per mode (add what the course lacks,
 * or replace its content: the platform copies, on Moodle by backup and restore), and answers what each template
 * gave its course, counted on the course as it was: sections by number, groups and groupings by name. A course
 * created on a template was copied whole. Then the groups of every course, by name, for the cohort methods.
 */
export async function copyTemplates(tasks: readonly CourseTask[], platform: Platform): Promise<Map<CourseTask, TemplateCounts>> {
  const using = tasks.filter((task) => task.live && task.template);
  const existing = using.filter((task) => task.kind === 'update').map((task) => task.courseId);
  const [sections, groups, groupings] = existing.length
    ? await Promise.all([
        platform.run('findCourseSections', { courseIds: existing }),
        platform.run('findGroups', { courseIds: existing }),
        platform.run('findGroupings', { courseIds: existing }),
      ])
    : [[], [], []];
  const counts = new Map<CourseTask, TemplateCounts>();
  for (const task of using) {
    const { content, use } = task.template!;
    // What the course lacked (add), or the whole template (a new course, or content replaced).
    const given = <T extends { readonly courseId: number }>(list: readonly T[], own: readonly T[], key: (item: T) => string | number) => {
      if (use !== 'add') return list.length;
      const had = new Set(own.filter((item) => item.courseId === task.courseId).map(key));
      return list.filter((item) => !had.has(key(item))).length;
    };
    counts.set(task, {
      sections: given(content.sections, sections, (section) => section.section),
      groups: given(content.groups, groups, (group) => group.name),
      groupings: given(content.groupings, groupings, (grouping) => grouping.name),
      methods: 0,
      copied: true,
      groupsByName: new Map(),
    });
  }
  for (const [use, kind] of [['add', 'importCourseContent'], ['replace', 'replaceCourseContent']] as const) {
    const importing = using.filter((task) => task.template!.use === use);
    const results = await platform.run(kind, importing.map((task) => ({ fromId: task.template!.content.record.id, toId: task.courseId })));
    importing.forEach((task, index) => {
      if (task.warnIfRefused(results[index]!, `template ${task.template!.name}`)) counts.get(task)!.copied = false;
    });
  }
  const byCourse = new Map([...counts].map(([task, count]) => [task.courseId, count]));
  for (const group of byCourse.size ? await platform.run('findGroups', { courseIds: [...byCourse.keys()] }) : []) {
    byCourse.get(group.courseId)?.groupsByName.set(group.name, group.id);
  }
  return counts;
}
