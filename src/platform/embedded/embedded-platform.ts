import type { Kysely } from 'kysely';
import type { Store } from '../../store/database.js';
import type { Database } from '../../store/schema.js';
import type { Capabilities } from '../capabilities.js';
import type { OperationInput, OperationKind, OperationOutput } from '../operations.js';
import type { ExportEntity, ExportPage, OperationHandlers, Platform } from '../platform.js';
import { deleteCohorts, removeCohortMembers, updateCohorts } from './cohort-changes.js';
import { addCohortInstances, deleteEnrolInstances, setEnrolInstancesStatus } from './cohort-instances.js';
import { syncCohortEnrolments } from './cohort-sync.js';
import { addCohortMembers, createCohorts } from './cohorts.js';
import { assignCourseRoles, findCourseRoles, unassignCourseRoles } from './course-roles.js';
import { createCourses } from './courses.js';
import { createCategories } from './categories.js';
import { findCourseRecords, updateCourses } from './course-records.js';
import { findCourseSections, saveCourseSections } from './course-sections.js';
import { addEnrolInstances } from './plain-instances.js';
import { findCohortMembers, findEnrolments, findGroupMembers } from './memberships.js';
import { enrolUsers, findEnrolInstances, updateEnrolments } from './enrolments.js';
import { exportEntity } from './export.js';
import { addGroupMembers, removeGroupMembers } from './group-members.js';
import { assignGroupings, createGroupings, deleteGroupings, findEmptyGroupings, findGroupingGroups, findGroupings, updateGroupings } from './groupings.js';
import { createGroups, deleteGroups, findEmptyGroups, findGroups, updateGroups } from './groups.js';
import { PasswordHasher } from './password-hasher.js';
import { checkPasswords, storedPasswords } from './passwords.js';
import { createProfileFields, findProfileFields } from './profile-fields.js';
import { findCategories, findCohorts, findCourses, findRoles } from './references.js';
import { unenrolUsers } from './unenrolments.js';
import { deleteUsers } from './user-deletion.js';
import { findUserCustomFields } from './user-details.js';
import { updateUsers } from './user-updates.js';
import { findHostedUsers, findUserPictures, setUserPictures } from './user-pictures.js';
import { createUsers, findUsers } from './users.js';
import { resetWithPortOperations } from '../course-reset.js';
import { duplicateWithPortOperations, importWithPortOperations } from '../course-copy.js';
import { syncMetaCourses } from '../meta-sync.js';
import { runFollowingMetaLinks, type InstanceCourses } from '../meta-follow.js';
import { instanceFacts } from './enrolments.js';
import { deleteCategories } from './category-deletion.js';
import { reject } from './rejections.js';
import { deleteCourses } from './course-deletion.js';
import { unassignGroupings } from './grouping-unbinding.js';
import { addMetaLinks, findMetaLinks, removeMetaLinks } from './meta-links.js';

const CAPABILITIES: Capabilities = {
  supportsUsers: true,
  supportsCustomProfileFields: true,
  supportsPictures: true,
  supportsMbzTemplates: false,
  supportsFullCourseReset: false,
  supportsExport: true,
};

/**
 * The platform kept in the store's `lms_*` tables, Moodle's data model, so that tool-sync runs with nothing
 * else installed. Writes of one call run in one transaction (a batch is all or per-item, never half-written;
 * on SQLite, durable with its group of commits: store/grouped-commits.ts);
 * passwords are hashed before it, on the worker threads of the platform's own hasher (released by `close()`).
 */
export class EmbeddedPlatform implements Platform {
  readonly name = 'embedded';
  readonly capabilities = CAPABILITIES;
  readonly #db: Kysely<Database>;
  readonly #hasher = new PasswordHasher();
  readonly #handlers: OperationHandlers;
  readonly #instanceCourses: InstanceCourses;

  constructor(store: Store) {
    const { db, sqlite } = store;
    const hasher = this.#hasher;
    const write = <T>(work: (trx: Kysely<Database>) => Promise<T>) => db.transaction().execute(work);
    this.#db = db;
    this.#instanceCourses = async (ids) => [...(await instanceFacts(db, ids, sqlite)).values()].map((facts) => facts.courseId);
    // The meta sync reads and writes through the operations themselves, without following meta links again.
    const raw = this.#raw.bind(this);
    this.#handlers = {
      findUsers: (input) => findUsers(db, input, sqlite),
      findCourses: (input) => findCourses(db, input),
      createCourses: (input) => write((trx) => createCourses(trx, input, sqlite)),
      findCategories: (input) => findCategories(db, input),
      findRoles: (input) => findRoles(db, input),
      findCohorts: (input) => findCohorts(db, input),
      findGroups: (input) => findGroups(db, input),
      createUsers: async (input) => {
        const passwords = await storedPasswords(hasher, input.map((user) => user.password));
        return write((trx) => createUsers(trx, input, passwords, sqlite));
      },
      updateUsers: async (input) => {
        const passwords = await storedPasswords(hasher, input.map((change) => change.set.password));
        return write((trx) => updateUsers(trx, input, passwords));
      },
      deleteUsers: (input) => write((trx) => deleteUsers(trx, input)),
      checkPasswords: (input) => checkPasswords(db, hasher, input),
      findUserCustomFields: (input) => findUserCustomFields(db, input),
      findProfileFields: (input) => findProfileFields(db, input),
      createProfileFields: (input) => write((trx) => createProfileFields(trx, input)),
      createCohorts: (input) => write((trx) => createCohorts(trx, input)),
      addCohortMembers: (input) => write((trx) => addCohortMembers(trx, input)),
      updateCohorts: (input) => write((trx) => updateCohorts(trx, input)),
      deleteCohorts: (input) => write((trx) => deleteCohorts(trx, input)),
      removeCohortMembers: (input) => write((trx) => removeCohortMembers(trx, input)),
      addCohortInstances: (input) => write((trx) => addCohortInstances(trx, input)),
      setEnrolInstancesStatus: (input) => write((trx) => setEnrolInstancesStatus(trx, input)),
      deleteEnrolInstances: (input) => write((trx) => deleteEnrolInstances(trx, input)),
      syncCohortEnrolments: (input) => write((trx) => syncCohortEnrolments(trx, input, sqlite)),
      findEnrolInstances: (input) => findEnrolInstances(db, input),
      enrolUsers: (input) => write((trx) => enrolUsers(trx, input, sqlite)),
      updateEnrolments: (input) => write((trx) => updateEnrolments(trx, input)),
      unenrolUsers: (input) => write((trx) => unenrolUsers(trx, input)),
      findCourseRoles: (input) => findCourseRoles(db, input),
      findEnrolments: (input) => findEnrolments(db, input, sqlite),
      findCohortMembers: (input) => findCohortMembers(db, input),
      findGroupMembers: (input) => findGroupMembers(db, input),
      assignCourseRoles: (input) => write((trx) => assignCourseRoles(trx, input)),
      unassignCourseRoles: (input) => write((trx) => unassignCourseRoles(trx, input)),
      createGroups: (input) => write((trx) => createGroups(trx, input)),
      updateGroups: (input) => write((trx) => updateGroups(trx, input)),
      deleteGroups: (input) => write((trx) => deleteGroups(trx, input)),
      findEmptyGroups: (input) => findEmptyGroups(db, input),
      addGroupMembers: (input) => write((trx) => addGroupMembers(trx, input, sqlite)),
      removeGroupMembers: (input) => write((trx) => removeGroupMembers(trx, input)),
      findGroupings: (input) => findGroupings(db, input),
      createGroupings: (input) => write((trx) => createGroupings(trx, input)),
      updateGroupings: (input) => write((trx) => updateGroupings(trx, input)),
      deleteGroupings: (input) => write((trx) => deleteGroupings(trx, input)),
      findEmptyGroupings: (input) => findEmptyGroupings(db, input),
      findGroupingGroups: (input) => findGroupingGroups(db, input),
      assignGroupings: (input) => write((trx) => assignGroupings(trx, input)),
      findHostedUsers: (input) => findHostedUsers(db, input, sqlite),
      findUserPictures: (input) => findUserPictures(db, input),
      setUserPictures: (input) => write((trx) => setUserPictures(trx, input)),
      findCourseRecords: (input) => findCourseRecords(db, input),
      updateCourses: (input) => write((trx) => updateCourses(trx, input)),
      createCategories: (input) => write((trx) => createCategories(trx, input)),
      findCourseSections: (input) => findCourseSections(db, input),
      saveCourseSections: (input) => write((trx) => saveCourseSections(trx, input, sqlite)),
      addEnrolInstances: (input) => write((trx) => addEnrolInstances(trx, input)),
      // Restoring needs Moodle's backup machinery: the courses processor never asks it here (supportsMbzTemplates off).
      restoreCourses: async (input) => input.map((item) => reject.backupNotRestorable(item.filename)),
      // A template's copy is what the store holds of a course: settings, sections, groups and groupings.
      duplicateCourses: (input) => duplicateWithPortOperations(this.run.bind(this), input),
      importCourseContent: (input) => importWithPortOperations(this.run.bind(this), input, false),
      replaceCourseContent: (input) => importWithPortOperations(this.run.bind(this), input, true),
      // Course deletion, reset, metacourses and categories.
      deleteCourses: (input) => write((trx) => deleteCourses(trx, input)),
      // Made of the port's operations, run with their meta follow-up as a processor would run them.
      resetCourses: (input) => resetWithPortOperations(this.run.bind(this), input),
      findMetaLinks: (input) => findMetaLinks(db, input, sqlite),
      addMetaLinks: async (input) => {
        const results = await write((trx) => addMetaLinks(trx, input));
        await syncMetaCourses(raw, input.filter((_, index) => results[index]!.ok).map((item) => item.courseId));
        return results;
      },
      removeMetaLinks: (input) => write((trx) => removeMetaLinks(trx, input)),
      syncMetaEnrolments: (input) => syncMetaCourses(raw, input.courseIds),
      unassignGroupings: (input) => write((trx) => unassignGroupings(trx, input)),
      deleteCategories: (input) => write((trx) => deleteCategories(trx, input)),
    };
  }

  run<K extends OperationKind>(kind: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    // The port's promise: an empty list costs nothing (no transaction, no query).
    if (Array.isArray(input) && input.length === 0) return Promise.resolve([] as unknown as OperationOutput<K>);
    // What Moodle does by itself: the meta courses of the courses an operation changes follow them.
    return runFollowingMetaLinks(this.#raw.bind(this), this.#instanceCourses, kind, input, () => this.#raw(kind, input));
  }

  /** An operation alone, without the meta sync that follows it. */
  #raw<K extends OperationKind>(kind: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    if (Array.isArray(input) && input.length === 0) return Promise.resolve([] as unknown as OperationOutput<K>);
    const handler = this.#handlers[kind] as (input: OperationInput<K>) => Promise<OperationOutput<K>>;
    return handler(input);
  }

  exportEntity(entity: ExportEntity): AsyncIterable<ExportPage> {
    return exportEntity(this.#db, entity);
  }

  close(): Promise<void> {
    return this.#hasher.close();
  }
}
