import type { NewCohortInstance, NewEnrolInstance, PlatformEnrolInstance } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import type { TemplateCounts } from './upload-content.js';
import type { CourseTask } from './upload-task.js';

/** The plain methods the `self` and `guest` columns drive, and that a template passes on. */
const PLAIN_METHODS = ['self', 'guest'] as const;

/**
 * Sets up the enrolment methods of the batch's courses (spec 5.6, decision 39): `self` and `guest` add or
 * enable the method with 1 and disable it with 0, and leave it alone when absent; a template passes on its self,
 * guest, cohort and meta methods the course lacks (never their users), and to a new course the status and role
 * of its manual method (a restore brings the template's own); teachers need a manual instance. Then enrols
 * the teachers. One call per kind of write for the batch.
 */
export async function writeMethods(tasks: readonly CourseTask[], platform: Platform, counts: Map<CourseTask, TemplateCounts>): Promise<void> {
  const live = tasks.filter(
    (task) => task.live && (task.row.self !== undefined || task.row.guest !== undefined || task.template || task.teachers.length),
  );
  const instances = live.length ? await platform.run('findEnrolInstances', { courseIds: live.map((task) => task.courseId) }) : [];
  const first = (task: CourseTask, enrol: string) => instances.find((instance) => instance.courseId === task.courseId && instance.enrol === enrol);

  const additions: { task: CourseTask; item: NewEnrolInstance; fromTemplate: boolean }[] = [];
  const statuses: { task: CourseTask; enrol: string; instance: PlatformEnrolInstance; enabled: boolean; roleId?: number }[] = [];
  for (const task of live) {
    for (const enrol of PLAIN_METHODS) {
      const wanted = task.row[enrol];
      const model = task.template?.content.instances.find((instance) => instance.enrol === enrol);
      const instance = first(task, enrol);
      if (instance && wanted !== undefined && instance.enabled !== wanted) statuses.push({ task, enrol, instance, enabled: wanted });
      else if (!instance && (wanted || model)) {
        const enabled = wanted ?? model!.enabled;
        additions.push({ task, item: { courseId: task.courseId, enrol, enabled, roleId: model?.roleId ?? 0 }, fromTemplate: wanted === undefined });
      }
    }
    const manual = first(task, 'manual');
    const model = task.template?.content.instances.find((instance) => instance.enrol === 'manual');
    if (task.kind === 'create' && manual && model && (manual.enabled !== model.enabled || manual.roleId !== model.roleId)) {
      statuses.push({ task, enrol: 'manual', instance: manual, enabled: model.enabled, roleId: model.roleId });
    }
    if (task.teachers.length && !manual) additions.push({ task, item: { courseId: task.courseId, enrol: 'manual', enabled: true }, fromTemplate: false });
  }
  const added = await platform.run('addEnrolInstances', additions.map(({ item }) => item));
  const manual = new Map<CourseTask, number>();
  additions.forEach(({ task, item, fromTemplate }, index) => {
    const result = added[index]!;
    if (task.warnIfRefused(result, `enrolment method ${item.enrol}`)) return;
    if (item.enrol === 'manual') manual.set(task, result.value.id);
    else if (fromTemplate) counts.get(task)!.methods += 1;
    else {
      task.info(item.enabled ? 'COURSES_UPLOAD_METHOD_ADDED' : 'COURSES_UPLOAD_METHOD_ADDED_DISABLED', { enrol: item.enrol });
      if (task.kind === 'update') task.changed(item.enrol);
    }
  });
  const changed = await platform.run('setEnrolInstancesStatus', statuses.map(({ instance, enabled, roleId }) => ({ instanceId: instance.id, enabled, roleId })));
  statuses.forEach(({ task, enrol, enabled }, index) => {
    // The template's manual method passes on without a line of its own, as part of the template's copy.
    if (task.warnIfRefused(changed[index]!, `enrolment method ${enrol}`) || enrol === 'manual') return;
    task.info(enabled ? 'COURSES_UPLOAD_METHOD_ENABLED' : 'COURSES_UPLOAD_METHOD_DISABLED', { enrol });
    task.changed(enrol);
  });
  await copyCohortMethods(live, platform, counts);
  await copyMetaMethods(live, platform, counts);
  await enrolTeachers(live, platform, (task) => manual.get(task) ?? first(task, 'manual')?.id);
}

/** A template's cohort methods, with the group of the same name in the course. */
async function copyCohortMethods(tasks: readonly CourseTask[], platform: Platform, counts: Map<CourseTask, TemplateCounts>): Promise<void> {
  const items = tasks.flatMap((task) => {
    const content = task.template?.content;
    if (!content) return [];
    return content.instances
      .filter((instance) => instance.enrol === 'cohort' && instance.cohortId !== null)
      .map((instance) => {
        const groupName = content.groups.find((group) => group.id === instance.groupId)?.name;
        const groupId = groupName === undefined ? null : (counts.get(task)!.groupsByName.get(groupName) ?? null);
        return { task, item: { courseId: task.courseId, cohortId: instance.cohortId!, roleId: instance.roleId, groupId } satisfies NewCohortInstance };
      });
  });
  const results = await platform.run('addCohortInstances', items.map(({ item }) => item));
  items.forEach(({ task }, index) => {
    const result = results[index]!;
    if (!task.warnIfRefused(result, 'cohort enrolment method') && result.value.added) counts.get(task)!.methods += 1;
  });
}

/** A template's metacourse links: the course mirrors the same parent courses (their users come with the link, as in Moodle). */
async function copyMetaMethods(tasks: readonly CourseTask[], platform: Platform, counts: Map<CourseTask, TemplateCounts>): Promise<void> {
  const items = tasks.flatMap((task) =>
    (task.template?.content.metaLinks ?? []).map((link) => ({ task, link, item: { courseId: task.courseId, parentId: link.parentId } })),
  );
  const results = await platform.run('addMetaLinks', items.map(({ item }) => item));
  const disabled: number[] = [];
  items.forEach(({ task, link }, index) => {
    const result = results[index]!;
    if (task.warnIfRefused(result, 'meta enrolment method') || result.value.outcome === 'unchanged') return;
    counts.get(task)!.methods += 1;
    if (!link.enabled) disabled.push(result.value.instanceId);
  });
  await platform.run('setEnrolInstancesStatus', disabled.map((instanceId) => ({ instanceId, enabled: false })));
}

/** Enrols each row's teachers through the course's manual instance with their role. */
async function enrolTeachers(tasks: readonly CourseTask[], platform: Platform, manualOf: (task: CourseTask) => number | undefined): Promise<void> {
  const enrolments = tasks.flatMap((task) => {
    const instanceId = manualOf(task);
    return instanceId === undefined ? [] : task.teachers.map((teacher, index) => ({ task, teacher, column: task.row.teachers[index]!.column, instanceId }));
  });
  const results = await platform.run(
    'enrolUsers',
    enrolments.map(({ teacher, instanceId }) => ({ instanceId, userId: teacher.user.id, roleId: teacher.role.id, timestart: 0, timeend: 0 })),
  );
  enrolments.forEach(({ task, teacher, column }, index) => {
    const result = results[index]!;
    if (task.warnIfRefused(result, column)) return;
    const params = { user: teacher.user.username, role: teacher.role.shortname };
    if (result.value.added) {
      task.info('COURSES_UPLOAD_TEACHER_ENROLLED', params, 'enrolment.created');
      task.changed(column);
    } else task.info('COURSES_UPLOAD_TEACHER_ALREADY', params);
  });
}
