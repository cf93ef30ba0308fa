import type { Platform } from '../../platform/platform.js';

/** What deleting a course removes with it, counted before the deletion (the report says exactly what went). */
export interface CourseInventory {
  readonly enrolments: number;
  readonly roles: number;
  readonly groups: number;
  readonly members: number;
  readonly groupings: number;
  /** The meta courses whose link to this course goes with it, by id. */
  readonly metaCourses: readonly number[];
  /** The enrolments those links made. */
  readonly metaEnrolments: number;
}

/**
 * Counts, through the port, what a course holds: read the same way in a simulation (through its overlay), the
 * counts of a simulated deletion are those of the real one, including after earlier rows of the file.
 */
export async function takeInventory(platform: Platform, courseId: number): Promise<CourseInventory> {
  const instances = await platform.run('findEnrolInstances', { courseIds: [courseId] });
  const enrolments = await platform.run('findEnrolments', { instanceIds: instances.map((instance) => instance.id) });
  const roles = await platform.run('findCourseRoles', { courseIds: [courseId] });
  const groups = await platform.run('findGroups', { courseIds: [courseId] });
  const members = await platform.run('findGroupMembers', { groupIds: groups.map((group) => group.id) });
  const groupings = await platform.run('findGroupings', { courseIds: [courseId] });
  const links = await platform.run('findMetaLinks', { parentIds: [courseId] });
  const metaEnrolments = await platform.run('findEnrolments', { instanceIds: links.map((link) => link.instanceId) });
  return {
    enrolments: enrolments.length,
    roles: roles.length,
    groups: groups.length,
    members: members.length,
    groupings: groupings.length,
    metaCourses: [...new Set(links.map((link) => link.courseId))],
    metaEnrolments: metaEnrolments.length,
  };
}
