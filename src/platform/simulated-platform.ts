import type { OperationInput, OperationKind, OperationOutput } from './operations.js';
import type { ExportEntity, ExportPage, OperationHandlers, Platform } from './platform.js';
import { CohortOverlay } from './simulation/cohort-overlay.js';
import { EnrolmentOverlay } from './simulation/enrolment-overlay.js';
import { GroupOverlay } from './simulation/group-overlay.js';
import { ProfileFieldOverlay } from './simulation/profile-field-overlay.js';
import { UserOverlay } from './simulation/user-overlay.js';

/**
 * A platform for simulate runs: reads go to the real platform, writes go to an in-memory overlay that later
 * reads see. So a simulated run takes exactly the decisions of a real one, including rows that depend on
 * earlier rows of the same file, and nothing reaches the platform. Entities created here get negative ids.
 * The overlay decides every write with the embedded platform's own rules (the `*-rules.ts` checks), on what the
 * real platform answers merged with what was simulated before, so that a write the real platform would reject
 * is rejected here too, with the same code and message.
 *
 * What the port cannot read is not simulated exactly: memberships and user enrolments that already exist on
 * the real platform answer `added` true, and a real enrolment is recognised by a role in the course.
 *
 * @example
 * const simulated = new SimulatedPlatform(platform);
 * const [created] = await simulated.run('createUsers', [{ username: 'jdoe', firstname: 'John', lastname: 'Doe' }]);
 * // created.value.id === -1, and findUsers now finds jdoe; the platform itself is unchanged.
 */
export class SimulatedPlatform implements Platform {
  readonly name: string;
  readonly capabilities;
  readonly #real: Platform;
  readonly #handlers: OperationHandlers;

  constructor(real: Platform) {
    this.#real = real;
    this.name = real.name;
    this.capabilities = real.capabilities;
    const fields = new ProfileFieldOverlay(real);
    const users = new UserOverlay(real, fields);
    const cohorts = new CohortOverlay(real, users);
    const enrolments = new EnrolmentOverlay(real, users);
    const groups = new GroupOverlay(real, users, enrolments);
    this.#handlers = {
      findUsers: (input) => users.findUsers(input),
      createUsers: (input) => users.createUsers(input),
      updateUsers: (input) => users.updateUsers(input),
      deleteUsers: (input) => users.deleteUsers(input),
      checkPasswords: (input) => users.checkPasswords(input),
      findUserCustomFields: (input) => users.findUserCustomFields(input),
      findProfileFields: (input) => fields.findProfileFields(input),
      createProfileFields: (input) => fields.createProfileFields(input),
      // No operation writes courses, categories or roles: their reads go straight through.
      findCourses: (input) => real.run('findCourses', input),
      findCategories: (input) => real.run('findCategories', input),
      findRoles: (input) => real.run('findRoles', input),
      findCohorts: (input) => cohorts.findCohorts(input),
      createCohorts: (input) => cohorts.createCohorts(input),
      addCohortMembers: (input) => cohorts.addCohortMembers(input),
      findEnrolInstances: (input) => enrolments.findEnrolInstances(input),
      enrolUsers: (input) => enrolments.enrolUsers(input),
      findCourseRoles: (input) => enrolments.findCourseRoles(input),
      findEnrolments: (input) => enrolments.findEnrolments(input),
      findCohortMembers: (input) => cohorts.findCohortMembers(input),
      findGroupMembers: (input) => groups.findGroupMembers(input),
      assignCourseRoles: (input) => enrolments.assignCourseRoles(input),
      findGroups: (input) => groups.findGroups(input),
      createGroups: (input) => groups.createGroups(input),
      addGroupMembers: (input) => groups.addGroupMembers(input),
    };
  }

  run<K extends OperationKind>(kind: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    const handler = this.#handlers[kind] as (input: OperationInput<K>) => Promise<OperationOutput<K>>;
    return handler(input);
  }

  exportEntity(entity: ExportEntity): AsyncIterable<ExportPage> {
    return this.#real.exportEntity(entity);
  }

  /** Nothing to release: the wrapped platform belongs to whoever created it and is closed by them. */
  async close(): Promise<void> {}
}
