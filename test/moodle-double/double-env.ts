import type { EmbeddedPlatform } from '../../src/platform/embedded/embedded-platform.js';
import type { ItemError, ItemResult } from '../../src/platform/item-result.js';
import type { OperationInput, OperationKind, OperationOutput } from '../../src/platform/operations.js';
import { SimulatedPlatform } from '../../src/platform/simulated-platform.js';
import type { Store } from '../../src/store/database.js';
import { invalidParameter, type MoodleError } from './moodle-exceptions.js';
import type { PhpValue } from './php-form.js';

/**
 * What the double's functions work on: Moodle-shaped state (the embedded platform's lms_* tables, which mirror
 * Moodle's data model) and a way to apply a batch all or nothing, as Moodle's delegated transactions do.
 */
export interface DoubleEnv {
  readonly platform: EmbeddedPlatform;
  readonly store: Store;
  /** Draft areas of the web-service user by itemid (webservice/upload.php). */
  readonly drafts: Map<number, { filename: string; mimetype: string; content: Uint8Array }[]>;
}

export type WsFunctionHandler = (params: Record<string, PhpValue>, env: DoubleEnv) => Promise<unknown>;

/** A required list parameter (`users[0][…]`); an absent list is what PHP sees when none was sent. */
export function listOf(params: Record<string, PhpValue>, name: string, required = true): Record<string, PhpValue>[] {
  const value = params[name];
  if (value === undefined) {
    if (required) throw invalidParameter(`Missing required key in single structure: ${name}`);
    return [];
  }
  if (!Array.isArray(value)) throw invalidParameter(`Only arrays accepted. The bad value is: '${String(value)}'`);
  return value as Record<string, PhpValue>[];
}

/** A list of scalars (`userids[0]=5`). */
export function scalarsOf(params: Record<string, PhpValue>, name: string, required = true): string[] {
  return listOf(params, name, required) as unknown as string[];
}

/** Checks an item as external_single_structure does: required keys present, no unexpected key. */
export function checkKeys(item: Record<string, PhpValue>, required: readonly string[], optional: readonly string[]): void {
  for (const key of required) if (item[key] === undefined) throw invalidParameter(`Missing required key in single structure: ${key}`);
  const unexpected = Object.keys(item).filter((key) => !required.includes(key) && !optional.includes(key));
  if (unexpected.length) throw invalidParameter(`Unexpected keys (${unexpected.join(', ')}) detected in parameter array.`);
}

/** An integer parameter (PARAM_INT), refusing what PHP's cleaning would refuse. */
export function int(value: PhpValue | undefined, name: string): number {
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) throw invalidParameter(`${name}: Invalid external api parameter: the value is "${String(value)}", the server was expecting "int" type`);
  return Number(value);
}

/** A string parameter, '' when absent. */
export const text = (value: PhpValue | undefined): string => (typeof value === 'string' ? value : '');

/**
 * A delegated transaction over a batch: the whole batch is first decided by the simulation (the embedded
 * platform's own rules, nothing written); the first refused item throws Moodle's exception for it and nothing is
 * applied; otherwise the batch is applied for real.
 */
export async function allOrNothing<K extends OperationKind>(
  env: DoubleEnv,
  kind: K,
  input: OperationInput<K>,
  refusal: (error: ItemError, index: number) => MoodleError,
): Promise<OperationOutput<K>> {
  const simulated = new SimulatedPlatform(env.platform);
  // The simulation writes to real instances, groups and groupings only once a lookup has shown them.
  const courseIds = (await env.store.db.selectFrom('lms_course').select('id').execute()).map((row) => row.id);
  await simulated.run('findEnrolInstances', { courseIds });
  await simulated.run('findGroups', { courseIds });
  await simulated.run('findGroupings', { courseIds });
  const verdicts = (await simulated.run(kind, input)) as unknown as ItemResult<unknown>[];
  const bad = verdicts.findIndex((verdict) => !verdict.ok);
  if (bad >= 0) throw refusal((verdicts[bad] as { error: ItemError }).error, bad);
  return env.platform.run(kind, input);
}
