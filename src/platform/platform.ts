import type { Capabilities } from './capabilities.js';
import type { OperationInput, OperationKind, OperationOutput } from './operations.js';

/** Entities an administrator can export to check a result. */
export const EXPORT_ENTITIES = [
  'users',
  'categories',
  'courses',
  'enrolments',
  'role-assignments',
  'groups',
  'groupings',
  'group-members',
  'cohorts',
  'cohort-members',
] as const;
export type ExportEntity = (typeof EXPORT_ENTITIES)[number];

/** A page of exported records: flat values, in a stable column order. */
export interface ExportPage {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

/**
 * The learning platform as processors see it: the embedded store or a real Moodle.
 *
 * Everything is batched (lists in, lists out). No transaction spans two calls: a processor must not assume
 * that a failed call undid an earlier one. A write answers one ItemResult per item, in input order; a whole
 * call throws only when the platform cannot be used at all (unreachable, misconfigured). An empty list is
 * answered at once without any call, so processors never need to guard against it.
 *
 * @example
 * const found = await platform.run('findUsers', { field: 'username', values: ['jdoe'] });
 * const [result] = await platform.run('createUsers', [{ username: 'jdoe', firstname: 'John', lastname: 'Doe' }]);
 */
export interface Platform {
  /** `embedded` or `moodle`. */
  readonly name: string;
  readonly capabilities: Capabilities;
  /** Runs one operation. */
  run<K extends OperationKind>(kind: K, input: OperationInput<K>): Promise<OperationOutput<K>>;
  /**
   * Why this platform cannot run an operation at all (a Moodle token lacking a function it needs): the error `run`
   * would throw, or an `EachItemRefused` when `run` refuses every item the same way instead. A simulation asks it
   * before each write, so that it fails, or refuses rows, where the real run would.
   */
  unavailable?(kind: OperationKind): Promise<Error | undefined>;
  /** Streams every record of an entity, page by page (for `tool-sync export`). */
  exportEntity(entity: ExportEntity): AsyncIterable<ExportPage>;
  /** Releases what the platform holds (worker threads, connections); the store is closed by its owner. */
  close(): Promise<void>;
}

/** The per-platform table of operation handlers. */
export type OperationHandlers = { [K in OperationKind]: (input: OperationInput<K>) => Promise<OperationOutput<K>> };
