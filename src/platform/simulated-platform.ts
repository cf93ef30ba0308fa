import type { Capabilities } from './capabilities.js';
import { resetWithPortOperations } from './course-reset.js';
import { duplicateWithPortOperations, importWithPortOperations } from './course-copy.js';
import { reject } from './embedded/rejections.js';
import { WRITES, type CourseRestore, type OperationInput, type OperationKind, type OperationOutput } from './operations.js';
import { EachItemRefused, succeeded, type ItemResult } from './item-result.js';
import type { ExportEntity, ExportPage, OperationHandlers, Platform } from './platform.js';
import { CohortOverlay } from './simulation/cohort-overlay.js';
import { CohortSyncOverlay } from './simulation/cohort-sync-overlay.js';
import { EnrolInstanceOverlay } from './simulation/enrol-instance-overlay.js';
import { CourseOverlay } from './simulation/course-overlay.js';
import { CategoryOverlay } from './simulation/category-overlay.js';
import { CourseRecordOverlay } from './simulation/course-record-overlay.js';
import { addPlainInstances } from './simulation/plain-instance-overlay.js';
import { SectionOverlay } from './simulation/section-overlay.js';
import { EnrolmentOverlay } from './simulation/enrolment-overlay.js';
import { GroupOverlay } from './simulation/group-overlay.js';
import { GroupingOverlay } from './simulation/grouping-overlay.js';
import { ProfileFieldOverlay } from './simulation/profile-field-overlay.js';
import { UserOverlay } from './simulation/user-overlay.js';
import { PictureOverlay } from './simulation/picture-overlay.js';
import { CourseUpkeepOverlay } from './simulation/course-upkeep-overlay.js';
import { syncMetaCourses } from './meta-sync.js';
import { runFollowingMetaLinks, type InstanceCourses } from './meta-follow.js';

/**
 * A platform for simulate runs: reads go to the real platform, writes go to an in-memory overlay that later
 * reads see. So a simulated run takes exactly the decisions of a real one, including rows that depend on
 * earlier rows of the same file, and nothing reaches the platform. Entities created here get negative ids.
 * The overlay decides every write with the embedded platform's own rules (the `*-rules.ts` checks), on what the
 * real platform answers merged with what was simulated before, so that a write the real platform would reject
 * is rejected here too, with the same code and message.
 *
 * Removals hide the real rows from later reads. What the port cannot read is not simulated exactly: each
 * overlay's comment says what it cannot know (item ids of roles and memberships), and real instances and groups
 * are known once a lookup has returned them.
 *
 * @example
 * const simulated = new SimulatedPlatform(platform);
 * const [created] = await simulated.run('createUsers', [{ username: 'jdoe', firstname: 'John', lastname: 'Doe' }]);
 * // created.value.id === -1, and findUsers now finds jdoe; the platform itself is unchanged.
 */
export class SimulatedPlatform implements Platform {
  readonly name: string;
  readonly #real: Platform;
  readonly #handlers: OperationHandlers;
  readonly #instanceCourses: InstanceCourses;

  constructor(real: Platform) {
    this.#real = real;
    this.name = real.name;
    const fields = new ProfileFieldOverlay(real);
    const users = new UserOverlay(real, fields);
    // Deleting a cohort takes its cohort instances with it: the cohort overlay hands them to the enrolment overlay.
    const cohorts = new CohortOverlay(real, users, {
      removeCohortInstances: (cohortIds) => enrolments.removeInstances(enrolments.knownCohortInstances(cohortIds).map((instance) => instance.id)),
    });
    // A category holds the courses as the course record overlay places them (created or moved here too).
    const categories = new CategoryOverlay(real, (ids) => records.categoriesWithCourses(ids));
    const courses = new CourseOverlay(real, (input) => categories.findCategories(input));
    // The course creation file changes course settings and categories: their overlays answer course lookups.
    const records = new CourseRecordOverlay(real, courses, categories);
    const sections = new SectionOverlay(real, courses);
    // An unenrolment takes group memberships with it: the enrolment overlay hands them to the group overlay.
    const enrolments = new EnrolmentOverlay(real, users, courses, { removeUnenrolled: (removals) => groups.removeUnenrolled(removals) });
    const groups = new GroupOverlay(real, users, courses, enrolments);
    const groupings = new GroupingOverlay(real, courses, groups);
    const instances = new EnrolInstanceOverlay(real, courses, cohorts, groups, enrolments);
    const sync = new CohortSyncOverlay(users, cohorts, enrolments, groups);
    const pictures = new PictureOverlay(real, users);
    const upkeep = new CourseUpkeepOverlay(real, { courses, enrolments, groups, groupings });
    // The meta sync is made of port operations: run here, it reads and writes this overlay like the platform's own
    // (without following meta links again, as on the platform).
    const run = this.#raw.bind(this);
    const restoreCourses = async (input: readonly CourseRestore[]): Promise<ItemResult<{ id: number }>[]> => {
      const created = await records.createCourses(input.filter((item) => !item.into).map(({ fullname, shortname, categoryId }) => ({ fullname, shortname, categoryId })));
      const targets = input.flatMap((item) => (item.into ? [String(item.into.courseId)] : []));
      const known = new Set((targets.length ? await records.findCourses({ by: { id: targets } }) : []).map((course) => course.id));
      return input.map((item) => {
        if (!item.into) return created.shift()!;
        return known.has(item.into.courseId) ? succeeded({ id: item.into.courseId }) : reject.courseNotFound(item.into.courseId);
      });
    };
    this.#instanceCourses = async (ids) => ids.flatMap((id) => enrolments.knownInstance(id)?.courseId ?? []);
    this.#handlers = {
      findUsers: (input) => users.findUsers(input),
      createUsers: (input) => users.createUsers(input),
      updateUsers: (input) => users.updateUsers(input),
      deleteUsers: (input) => users.deleteUsers(input),
      checkPasswords: (input) => users.checkPasswords(input),
      findUserCustomFields: (input) => users.findUserCustomFields(input),
      findProfileFields: (input) => fields.findProfileFields(input),
      createProfileFields: (input) => fields.createProfileFields(input),
      findCourses: (input) => records.findCourses(input),
      createCourses: (input) => records.createCourses(input),
      // Categories deleted by the empty categories utility are gone from every later lookup.
      findCategories: (input) => categories.findCategories(input),
      // No operation writes roles: their reads go straight through.
      findRoles: (input) => real.run('findRoles', input),
      findCohorts: (input) => cohorts.findCohorts(input),
      createCohorts: (input) => cohorts.createCohorts(input),
      addCohortMembers: (input) => cohorts.addCohortMembers(input),
      findCohortMembers: (input) => cohorts.findCohortMembers(input),
      updateCohorts: (input) => cohorts.updateCohorts(input),
      deleteCohorts: (input) => cohorts.deleteCohorts(input),
      removeCohortMembers: (input) => cohorts.removeCohortMembers(input),
      addCohortInstances: (input) => instances.addCohortInstances(input),
      setEnrolInstancesStatus: (input) => instances.setEnrolInstancesStatus(input),
      deleteEnrolInstances: (input) => instances.deleteEnrolInstances(input),
      syncCohortEnrolments: (input) => sync.syncCohortEnrolments(input),
      findEnrolInstances: (input) => enrolments.findEnrolInstances(input),
      enrolUsers: (input) => enrolments.enrolUsers(input),
      updateEnrolments: (input) => enrolments.updateEnrolments(input),
      unenrolUsers: (input) => enrolments.unenrolUsers(input),
      findEnrolments: (input) => enrolments.findEnrolments(input),
      findCourseRoles: (input) => enrolments.findCourseRoles(input),
      assignCourseRoles: (input) => enrolments.assignCourseRoles(input),
      unassignCourseRoles: (input) => enrolments.unassignCourseRoles(input),
      findGroups: (input) => groups.findGroups(input),
      createGroups: (input) => groups.createGroups(input),
      updateGroups: (input) => groups.updateGroups(input),
      deleteGroups: (input) => groups.deleteGroups(input),
      findEmptyGroups: (input) => groups.findEmptyGroups(input),
      findGroupMembers: (input) => groups.findGroupMembers(input),
      addGroupMembers: (input) => groups.addGroupMembers(input),
      removeGroupMembers: (input) => groups.removeGroupMembers(input),
      findGroupings: (input) => groupings.findGroupings(input),
      createGroupings: (input) => groupings.createGroupings(input),
      updateGroupings: (input) => groupings.updateGroupings(input),
      deleteGroupings: (input) => groupings.deleteGroupings(input),
      findEmptyGroupings: (input) => groupings.findEmptyGroupings(input),
      findGroupingGroups: (input) => groupings.findGroupingGroups(input),
      assignGroupings: (input) => groupings.assignGroupings(input),
      findHostedUsers: (input) => pictures.findHostedUsers(input),
      findUserPictures: (input) => pictures.findUserPictures(input),
      setUserPictures: (input) => pictures.setUserPictures(input),
      findCourseRecords: (input) => records.findCourseRecords(input),
      updateCourses: (input) => records.updateCourses(input),
      createCategories: (input) => categories.createCategories(input),
      findCourseSections: (input) => sections.findCourseSections(input),
      saveCourseSections: (input) => sections.saveCourseSections(input),
      addEnrolInstances: (input) => addPlainInstances(real, courses, enrolments, input),
      // A restored course, as far as the port can tell before Moodle reads the backup: a new course of that name, or
      // the existing course the backup restores into, as it is.
      restoreCourses: async (input) => real.capabilities.supportsMbzTemplates ? restoreCourses(input) : input.map((item) => reject.backupNotRestorable(item.filename)),
      // A template's copy through the overlays, as the embedded platform makes it (on Moodle too: what the port holds
      // of the copy is what later rows read; activities and blocks are Moodle's alone).
      duplicateCourses: (input) => duplicateWithPortOperations(this.run.bind(this), input),
      importCourseContent: (input) => importWithPortOperations(this.run.bind(this), input, false),
      replaceCourseContent: (input) => importWithPortOperations(this.run.bind(this), input, true),
      // Course deletion (with what the course holds), metacourses, grouping unbinding, empty categories.
      deleteCourses: (input) => upkeep.deleteCourses(input),
      // A reset through the overlays, as the embedded platform makes it (on Moodle too: the part the port holds is
      // what later rows read; the rest, Moodle's alone, cannot be previewed).
      resetCourses: (input) => resetWithPortOperations(this.run.bind(this), input),
      findMetaLinks: (input) => upkeep.findMetaLinks(input),
      addMetaLinks: async (input) => {
        const results = await upkeep.addMetaLinks(input);
        await syncMetaCourses(run, input.filter((_, index) => results[index]!.ok).map((item) => item.courseId));
        return results;
      },
      removeMetaLinks: (input) => upkeep.removeMetaLinks(input),
      syncMetaEnrolments: (input) => syncMetaCourses(run, input.courseIds),
      unassignGroupings: (input) => groupings.unassignGroupings(input),
      deleteCategories: (input) => categories.deleteCategories(input),
    };
  }

  /** The real platform's, read when asked: a Moodle knows its own once it has answered. */
  get capabilities(): Capabilities {
    return this.#real.capabilities;
  }

  run<K extends OperationKind>(kind: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    // The port's promise, as the embedded platform keeps it: an empty list costs nothing.
    if (Array.isArray(input) && input.length === 0) return Promise.resolve([] as unknown as OperationOutput<K>);
    // As the platform does: the meta courses of the courses an operation changes follow them.
    return runFollowingMetaLinks(this.#raw.bind(this), this.#instanceCourses, kind, input, () => this.#raw(kind, input));
  }

  /** An operation alone, without the meta sync that follows it; a write the real platform cannot run fails as there. */
  async #raw<K extends OperationKind>(kind: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    if (Array.isArray(input) && input.length === 0) return [] as unknown as OperationOutput<K>;
    const refusal = WRITES[kind] ? await this.#real.unavailable?.(kind) : undefined;
    if (refusal instanceof EachItemRefused && Array.isArray(input)) return input.map(() => refusal.refusal) as OperationOutput<K>;
    if (refusal) throw refusal;
    const handler = this.#handlers[kind] as (input: OperationInput<K>) => Promise<OperationOutput<K>>;
    return handler(input);
  }

  exportEntity(entity: ExportEntity): AsyncIterable<ExportPage> {
    return this.#real.exportEntity(entity);
  }

  /** Nothing to release: the wrapped platform belongs to whoever created it and is closed by them. */
  async close(): Promise<void> {}
}
