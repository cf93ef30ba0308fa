import type { Kysely } from 'kysely';
import type { Store } from '../../store/database.js';
import type { Database } from '../../store/schema.js';
import type { Capabilities } from '../capabilities.js';
import type { OperationInput, OperationKind, OperationOutput } from '../operations.js';
import type { ExportEntity, ExportPage, OperationHandlers, Platform } from '../platform.js';
import { exportEntity } from './export.js';
import { findCategories, findCohorts, findCourses, findGroups, findRoles } from './references.js';
import { createUsers, findUsers, updateUsers } from './users.js';

const CAPABILITIES: Capabilities = {
  supportsUsers: true,
  supportsCustomProfileFields: true,
  supportsPictures: true,
  supportsMbzTemplates: false,
  supportsExport: true,
};

/**
 * The platform kept in the store's `lms_*` tables, Moodle's data model, so that tool-sync runs with nothing
 * else installed. Writes of one call run in one transaction (a batch is all or per-item, never half-written).
 */
export class EmbeddedPlatform implements Platform {
  readonly name = 'embedded';
  readonly capabilities = CAPABILITIES;
  readonly #db: Kysely<Database>;
  readonly #handlers: OperationHandlers;

  constructor(store: Store) {
    const { db, sqlite } = store;
    this.#db = db;
    this.#handlers = {
      findUsers: (input) => findUsers(db, input),
      findCourses: (input) => findCourses(db, input),
      findCategories: (input) => findCategories(db, input),
      findRoles: (input) => findRoles(db, input),
      findCohorts: (input) => findCohorts(db, input),
      findGroups: (input) => findGroups(db, input),
      createUsers: (input) => db.transaction().execute((trx) => createUsers(trx, input, sqlite)),
      updateUsers: (input) => db.transaction().execute((trx) => updateUsers(trx, input)),
    };
  }

  run<K extends OperationKind>(kind: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    const handler = this.#handlers[kind] as (input: OperationInput<K>) => Promise<OperationOutput<K>>;
    return handler(input);
  }

  exportEntity(entity: ExportEntity): AsyncIterable<ExportPage> {
    return exportEntity(this.#db, entity);
  }
}
