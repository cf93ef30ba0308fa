import { META_COMPONENT, type CourseRoleAssignment, type Enrolment, type MetaLink, type MetaSyncCounts, type PlatformEnrolment } from './operations.js';
import type { Platform } from './platform.js';

/** The platform's own `run`: the sync reads and writes through the port, so a simulation overlay runs it unchanged. */
type Run = Platform['run'];

/**
 * Moodle's enrol_meta sync of meta courses, made of port operations (so the embedded platform and a simulation
 * take the same decisions): through each enabled link, the users enrolled in the parent course through its
 * enabled instances other than meta ones (no chaining, as Moodle) hold a meta enrolment, active when one of
 * their parent enrolments is, from the earliest start to the latest end of those, and the roles they hold in the
 * parent (except those enrol_meta gave there), owned by enrol_meta. A user who left the parent leaves the meta course (Moodle's "unenrol" external removal action).
 * A user enrolled in the parent without any role is not mirrored: a meta enrolment carries the parent's roles.
 */
export async function syncMetaCourses(run: Run, courseIds: readonly number[]): Promise<MetaSyncCounts> {
  const counts = { enrolled: 0, unenrolled: 0, suspended: 0, reactivated: 0, rolesAssigned: 0, rolesUnassigned: 0 };
  if (!courseIds.length) return counts;
  const links = (await run('findMetaLinks', { courseIds: [...new Set(courseIds)] })).filter((link) => link.enabled);
  const byCourse = new Map<number, MetaLink[]>();
  for (const link of links) byCourse.set(link.courseId, [...(byCourse.get(link.courseId) ?? []), link]);
  for (const [courseId, courseLinks] of byCourse) await syncCourse(run, courseId, courseLinks, counts);
  return counts;
}

/** A user's meta enrolment as the parent's enrolments make it (Moodle's enrol_meta: widest dates, active if one is). */
interface Mirror {
  active: boolean;
  timestart: number;
  timeend: number;
}

/** What the parents of a meta course hold: per link, its users' mirrored enrolments; per user, the roles to mirror. */
interface Wanted {
  readonly users: Map<number, Map<number, Mirror>>;
  readonly roles: Map<number, Set<number>>;
}

/** Widens a mirror with one more parent enrolment: the earliest start, the latest end (0 meaning none wins both). */
function widen(mirror: Mirror | undefined, enrolment: PlatformEnrolment): Mirror {
  if (!mirror) return { active: !enrolment.suspended, timestart: enrolment.timestart, timeend: enrolment.timeend };
  return {
    active: mirror.active || !enrolment.suspended,
    timestart: Math.min(mirror.timestart, enrolment.timestart),
    timeend: mirror.timeend === 0 || enrolment.timeend === 0 ? 0 : Math.max(mirror.timeend, enrolment.timeend),
  };
}

async function wantedOf(run: Run, links: readonly MetaLink[]): Promise<Wanted> {
  const users = new Map<number, Map<number, Mirror>>();
  const roles = new Map<number, Set<number>>();
  for (const link of links) {
    const instances = (await run('findEnrolInstances', { courseIds: [link.parentId] })).filter((instance) => instance.enabled && instance.enrol !== 'meta');
    const enrolments = await run('findEnrolments', { instanceIds: instances.map((instance) => instance.id) });
    const parentRoles = new Map<number, number[]>();
    for (const role of await run('findCourseRoles', { courseIds: [link.parentId] })) {
      if (role.component !== META_COMPONENT) parentRoles.set(role.userId, [...(parentRoles.get(role.userId) ?? []), role.roleId]);
    }
    const linkUsers = new Map<number, Mirror>();
    for (const enrolment of enrolments) {
      const held = parentRoles.get(enrolment.userId);
      if (!held) continue;
      linkUsers.set(enrolment.userId, widen(linkUsers.get(enrolment.userId), enrolment));
      const set = roles.get(enrolment.userId) ?? new Set<number>();
      for (const roleId of held) set.add(roleId);
      roles.set(enrolment.userId, set);
    }
    users.set(link.instanceId, linkUsers);
  }
  return { users, roles };
}

async function syncCourse(run: Run, courseId: number, links: readonly MetaLink[], counts: { -readonly [K in keyof MetaSyncCounts]: number }): Promise<void> {
  const wanted = await wantedOf(run, links);
  const held = await run('findEnrolments', { instanceIds: links.map((link) => link.instanceId) });
  const heldRoles = (await run('findCourseRoles', { courseIds: [courseId] })).filter((role) => role.component === META_COMPONENT);
  const wants = (enrolment: PlatformEnrolment) => wanted.users.get(enrolment.instanceId)?.get(enrolment.userId);

  // Roles first, so that leaving users lose every role enrol_meta gave them whatever the instance that gave it.
  const stale = heldRoles.filter((role) => !wanted.roles.get(role.userId)?.has(role.roleId));
  counts.rolesUnassigned += (await run('unassignCourseRoles', stale)).filter((result) => result.ok && result.value.removed).length;
  const leaving = held.filter((enrolment) => wants(enrolment) === undefined).map(({ instanceId, userId }) => ({ instanceId, userId }));
  counts.unenrolled += (await run('unenrolUsers', leaving)).filter((result) => result.ok && result.value.removed).length;

  const roleKeys = new Set(heldRoles.filter((role) => !stale.includes(role)).map((role) => `${role.userId}:${role.roleId}`));
  const heldKeys = new Set(held.map((enrolment) => `${enrolment.instanceId}:${enrolment.userId}`));
  const joining: Enrolment[] = [];
  for (const link of links) {
    for (const [userId, { active, timestart, timeend }] of wanted.users.get(link.instanceId) ?? []) {
      if (heldKeys.has(`${link.instanceId}:${userId}`)) continue;
      const roleId = Math.min(...wanted.roles.get(userId)!);
      joining.push({ instanceId: link.instanceId, userId, roleId, timestart, timeend, suspended: !active });
      roleKeys.add(`${userId}:${roleId}`);
    }
  }
  counts.enrolled += (await run('enrolUsers', joining)).filter((result) => result.ok).length;

  const changes = held.flatMap((enrolment) => {
    const mirror = wants(enrolment);
    if (!mirror) return [];
    const { active, timestart, timeend } = mirror;
    const same = enrolment.suspended === !active && enrolment.timestart === timestart && enrolment.timeend === timeend;
    return same ? [] : [{ change: { instanceId: enrolment.instanceId, userId: enrolment.userId, suspended: !active, timestart, timeend }, was: enrolment.suspended }];
  });
  const changed = await run('updateEnrolments', changes.map(({ change }) => change));
  changes.forEach(({ change, was }, index) => {
    if (changed[index]?.ok && change.suspended !== was) counts[change.suspended ? 'suspended' : 'reactivated']++;
  });

  const missing: CourseRoleAssignment[] = [];
  for (const [userId, roleIds] of wanted.roles) {
    for (const roleId of roleIds) if (!roleKeys.has(`${userId}:${roleId}`)) missing.push({ courseId, userId, roleId, component: META_COMPONENT });
  }
  counts.rolesAssigned += (await run('assignCourseRoles', missing)).filter((result) => result.ok && result.value.added).length;
}
