import type { Capabilities } from '../capabilities.js';
import type { OperationInput, OperationKind, OperationOutput } from '../operations.js';
import type { ExportEntity, ExportPage, OperationHandlers, Platform } from '../platform.js';
import { addCohortInstances, deleteEnrolInstances, setEnrolInstancesStatus, syncCohortEnrolments } from './cohort-instances.js';
import { addCohortMembers, createCohorts, deleteCohorts, findCohortMembers, findCohorts, removeCohortMembers, updateCohorts } from './cohorts.js';
import {
  assignCourseRoles, enrolUsers, findCourseRoles, findEnrolInstances, findEnrolments, unassignCourseRoles, unenrolUsers, updateEnrolments,
} from './enrolments.js';
import { addEnrolInstances, deleteCategories, findCourseRecords, findCourseSections, saveCourseSections } from './course-settings.js';
import { createCategories, deleteCourses, updateCourses } from './course-writes.js';
import { addGroupMembers, findEmptyGroups, findGroupMembers, removeGroupMembers } from './group-members.js';
import {
  assignGroupings, createGroupings, deleteGroupings, findEmptyGroupings, findGroupingGroups, findGroupings, unassignGroupings, updateGroupings,
} from './groupings.js';
import { createGroups, deleteGroups, findGroups, updateGroups } from './groups.js';
import { addMetaLinks, findMetaLinks, removeMetaLinks, syncMetaEnrolments } from './meta-links.js';
import { MOODLE_NOT_SUPPORTED } from './moodle-errors.js';
import type { MoodleContext } from './moodle-context.js';
import { resetCourses, resetRefusal, restoreCourses, restoreRefusal } from './plugin-courses.js';
import { duplicateCourses, importCourseContent, replaceCourseContent, replaceRefusal } from './course-copies.js';
import { EachItemRefused, type ItemResult } from '../item-result.js';
import { findHostedUsers, findUserPictures, setUserPictures } from './pictures.js';
import { createProfileFields, findProfileFields } from './profile-fields.js';
import { createCourses, findCategories, findCourses, findRoles, STANDARD_ROLES } from './references.js';
import { checkOperations, missingFunctionError, readSiteInfo, type MissingFunction, type SiteInfo } from './site-check.js';
import { checkPasswords, createUsers, deleteUsers, findUserCustomFields, findUsers, updateUsers } from './users.js';
import { WsClient, type WsClientOptions } from './ws-client.js';
import type { WsFunctionName } from './ws-functions.js';

/** How to reach a Moodle and how large its calls may be. */
export interface MoodlePlatformOptions extends WsClientOptions {
  /** The site's PHP max_input_vars (setting `moodle_maxinputvars`, default 5000). */
  readonly maxInputVars?: number;
  /** Role ids by shortname where the companion plugin cannot list roles (default: Moodle's standard ids). */
  readonly roleMap?: ReadonlyMap<string, number>;
}

/**
 * The platform of a real Moodle, through its REST web services (spec/moodle-ws.md). Each operation family has
 * its file (users, references, enrolments, groups, group members, groupings, cohorts, cohort instances,
 * profile fields, course writes, course settings, meta links, pictures); the companion plugin local_toolsync
 * supplies what core lacks. An operation whose functions the token may not call fails with one line naming the
 * function and the capability to grant.
 *
 * Adding an operation: write it in its family's file with the helpers of batch-semantics.ts (sendAll for ALL and
 * PARTIAL functions, sendItems for ITEM ones, readKnown for lookups that throw on an unknown id) and batchesOf
 * (max_input_vars); list its functions in ws-functions.ts (OPERATION_FUNCTIONS, which does not compile until it is
 * there) with their capabilities; add it to the handlers below; answer its functions in test/moodle-double/.
 *
 * @example
 * const moodle = await createMoodlePlatform({ url: 'https://moodle.example.edu', token });
 * const users = await moodle.run('findUsers', { by: { username: ['jdoe'] } });
 */
export class MoodlePlatform implements Platform {
  readonly name = 'moodle';
  readonly capabilities: Capabilities;
  readonly site: SiteInfo;
  readonly client: WsClient;
  readonly #missing: ReadonlyMap<OperationKind, readonly MissingFunction[]>;
  /** Operations refused item by item (the plugin's reset, restore and content replacement), with the refusal, on this site. */
  readonly #refusedItems: ReadonlyMap<OperationKind, ItemResult<never>>;
  readonly #handlers: OperationHandlers;

  constructor(client: WsClient, site: SiteInfo, options: Pick<MoodlePlatformOptions, 'maxInputVars' | 'roleMap'> = {}) {
    this.client = client;
    this.site = site;
    this.#missing = new Map(checkOperations(site.functions).filter((check) => check.missing.length).map((check) => [check.operation, check.missing]));
    const ctx: MoodleContext = {
      client,
      maxInputVars: options.maxInputVars ?? 5000,
      has: (name: WsFunctionName) => site.functions.has(name),
      roleMap: options.roleMap ?? STANDARD_ROLES,
    };
    this.capabilities = {
      supportsUsers: true,
      supportsCustomProfileFields: !this.#missing.has('findProfileFields'),
      supportsPictures: site.uploadfiles && !this.#missing.has('setUserPictures'),
      supportsMbzTemplates: true,
      supportsFullCourseReset: true,
      supportsExport: false,
    };
    const refusedItems = new Map<OperationKind, ItemResult<never>>();
    for (const [kind, refusal] of [['resetCourses', resetRefusal(ctx)], ['restoreCourses', restoreRefusal(ctx, site.uploadfiles)], ['replaceCourseContent', replaceRefusal(ctx)]] as const) {
      if (refusal) refusedItems.set(kind, refusal);
    }
    this.#refusedItems = refusedItems;
    this.#handlers = {
      findUsers: (input) => findUsers(ctx, input),
      createUsers: (input) => createUsers(ctx, input),
      updateUsers: (input) => updateUsers(ctx, input),
      deleteUsers: (input) => deleteUsers(ctx, input),
      checkPasswords: async (input) => checkPasswords(input),
      findUserCustomFields: (input) => findUserCustomFields(ctx, input),
      findProfileFields: (input) => findProfileFields(ctx, input),
      createProfileFields: (input) => createProfileFields(ctx, input),
      findCourses: (input) => findCourses(ctx, input),
      createCourses: (input) => createCourses(ctx, input),
      findCategories: (input) => findCategories(ctx, input),
      findRoles: (input) => findRoles(ctx, input),
      findCohorts: (input) => findCohorts(ctx, input),
      createCohorts: (input) => createCohorts(ctx, input),
      addCohortMembers: (input) => addCohortMembers(ctx, input),
      updateCohorts: (input) => updateCohorts(ctx, input),
      deleteCohorts: (input) => deleteCohorts(ctx, input),
      removeCohortMembers: (input) => removeCohortMembers(ctx, input),
      findCohortMembers: (input) => findCohortMembers(ctx, input),
      addCohortInstances: (input) => addCohortInstances(ctx, input),
      setEnrolInstancesStatus: (input) => setEnrolInstancesStatus(ctx, input),
      deleteEnrolInstances: (input) => deleteEnrolInstances(ctx, input),
      syncCohortEnrolments: (input) => syncCohortEnrolments(ctx, input),
      findEnrolInstances: (input) => findEnrolInstances(ctx, input),
      enrolUsers: (input) => enrolUsers(ctx, input),
      updateEnrolments: (input) => updateEnrolments(ctx, input),
      unenrolUsers: (input) => unenrolUsers(ctx, input),
      findEnrolments: (input) => findEnrolments(ctx, input),
      findCourseRoles: (input) => findCourseRoles(ctx, input),
      assignCourseRoles: (input) => assignCourseRoles(ctx, input),
      unassignCourseRoles: (input) => unassignCourseRoles(ctx, input),
      findGroups: (input) => findGroups(ctx, input),
      createGroups: (input) => createGroups(ctx, input),
      updateGroups: (input) => updateGroups(ctx, input),
      deleteGroups: (input) => deleteGroups(ctx, input),
      findEmptyGroups: (input) => findEmptyGroups(ctx, input),
      findGroupMembers: (input) => findGroupMembers(ctx, input),
      addGroupMembers: (input) => addGroupMembers(ctx, input),
      removeGroupMembers: (input) => removeGroupMembers(ctx, input),
      findGroupings: (input) => findGroupings(ctx, input),
      createGroupings: (input) => createGroupings(ctx, input),
      updateGroupings: (input) => updateGroupings(ctx, input),
      deleteGroupings: (input) => deleteGroupings(ctx, input),
      findEmptyGroupings: (input) => findEmptyGroupings(ctx, input),
      findGroupingGroups: (input) => findGroupingGroups(ctx, input),
      assignGroupings: (input) => assignGroupings(ctx, input),
      findHostedUsers: (input) => findHostedUsers(ctx, input),
      findUserPictures: (input) => findUserPictures(ctx, input),
      setUserPictures: (input) => setUserPictures(ctx, input, site.uploadfiles),
      findCourseRecords: (input) => findCourseRecords(ctx, input),
      updateCourses: (input) => updateCourses(ctx, input),
      createCategories: (input) => createCategories(ctx, input),
      findCourseSections: (input) => findCourseSections(ctx, input),
      saveCourseSections: (input) => saveCourseSections(ctx, input),
      addEnrolInstances: (input) => addEnrolInstances(ctx, input),
      restoreCourses: (input) => restoreCourses(ctx, input, site.uploadfiles),
      duplicateCourses: (input) => duplicateCourses(ctx, input),
      importCourseContent: (input) => importCourseContent(ctx, input),
      replaceCourseContent: (input) => replaceCourseContent(ctx, input),
      deleteCourses: (input) => deleteCourses(ctx, input),
      resetCourses: (input) => resetCourses(ctx, input),
      findMetaLinks: (input) => findMetaLinks(ctx, input),
      addMetaLinks: (input) => addMetaLinks(ctx, input),
      removeMetaLinks: (input) => removeMetaLinks(ctx, input),
      syncMetaEnrolments: () => syncMetaEnrolments(),
      unassignGroupings: (input) => unassignGroupings(ctx, input),
      deleteCategories: (input) => deleteCategories(ctx, input),
    };
  }

  run<K extends OperationKind>(kind: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    if (Array.isArray(input) && input.length === 0) return Promise.resolve([] as unknown as OperationOutput<K>);
    const refusal = this.#refusal(kind);
    if (refusal) return Promise.reject(refusal);
    const handler = this.#handlers[kind] as (input: OperationInput<K>) => Promise<OperationOutput<K>>;
    return handler(input);
  }

  async unavailable(kind: OperationKind): Promise<Error | undefined> {
    const items = this.#refusedItems.get(kind);
    return this.#refusal(kind) ?? (items && new EachItemRefused(items));
  }

  /** The first function of the operation the token may not call, as the error that names it and its capability. */
  #refusal(kind: OperationKind): Error | undefined {
    const [first] = this.#missing.get(kind) ?? [];
    return first && missingFunctionError(kind, first);
  }

  // eslint-disable-next-line require-yield
  async *exportEntity(entity: ExportEntity): AsyncIterable<ExportPage> {
    throw MOODLE_NOT_SUPPORTED({ what: `tool-sync export ${entity}` });
  }

  async close(): Promise<void> {}
}

/** Connects to a Moodle: reads its site info (version, functions the token may call) once, at start-up. */
export async function createMoodlePlatform(options: MoodlePlatformOptions): Promise<MoodlePlatform> {
  const client = new WsClient(options);
  return new MoodlePlatform(client, await readSiteInfo(client), options);
}
