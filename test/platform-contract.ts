import { afterEach, beforeEach, describe } from 'vitest';
import { EmbeddedPlatform } from '../src/platform/embedded/embedded-platform.js';
import type { ItemResult } from '../src/platform/item-result.js';
import type { OperationInput } from '../src/platform/operations.js';
import type { Platform } from '../src/platform/platform.js';
import { SimulatedPlatform } from '../src/platform/simulated-platform.js';
import type { DatabaseKind, Store } from '../src/store/database.js';
import { DATABASES, openTestStore } from './databases.js';
import { MOODLE_LIMITS } from './moodle-double/moodle-limits.js';
import { MoodleOverDouble } from './moodle-double/moodle-over-double.js';

/**
 * The harness of the platform contract suite (src/platform/contract/*.contract.test.ts): every implementation of
 * the port, on every database, one suite, the same expectations. A new platform is one more entry of PLATFORMS.
 */
export const PLATFORMS: readonly { name: string; create(store: Store): Platform; limits?: Readonly<Record<string, string>> }[] = [
  { name: 'embedded', create: (store) => new EmbeddedPlatform(store) },
  { name: 'simulated over embedded', create: (store) => new SimulatedPlatform(new EmbeddedPlatform(store)) },
  // Moodle through its web services, answered by the test double whose state is the store (factories seed it).
  { name: 'moodle', create: (store) => new MoodleOverDouble(store), limits: MOODLE_LIMITS },
  { name: 'simulated over moodle', create: (store) => simulatedOver(new MoodleOverDouble(store)), limits: MOODLE_LIMITS },
];

/** A simulation over a platform this harness made: closing it closes the real one too (the double's workers). */
function simulatedOver(real: Platform): Platform {
  return Object.assign(new SimulatedPlatform(real), { close: () => real.close() });
}

/** What a test of the suite works on: a fresh store of its database and a platform over it, closed after the test. */
export interface ContractContext<P extends Platform = Platform> {
  readonly store: Store;
  readonly platform: P;
}

/** A describe block whose tests each get a fresh store of `kind` and a platform `create` makes over it. */
function describeOn<P extends Platform>(
  title: string,
  kind: DatabaseKind,
  create: (store: Store) => P,
  body: (ctx: ContractContext<P>) => void,
  limits: Readonly<Record<string, string>> = {},
): void {
  describe(title, () => {
    let store: Store | undefined;
    let platform: P | undefined;
    beforeEach(async (test) => {
      const limit = limits[test.task.name];
      if (limit) test.skip(limit);
      store = await openTestStore(kind);
      platform = create(store);
    });
    afterEach(async () => {
      const [openedStore, openedPlatform] = [store, platform];
      store = undefined;
      platform = undefined;
      await openedPlatform?.close();
      await openedStore?.close();
    });
    body({
      get store() {
        if (!store) throw new Error('no store open outside a test');
        return store;
      },
      get platform() {
        if (!platform) throw new Error('no platform open outside a test');
        return platform;
      },
    });
  });
}

/** The contract: `body`'s tests run against every implementation of PLATFORMS on every database. */
export function describeContract(body: (ctx: ContractContext) => void): void {
  for (const kind of DATABASES) {
    for (const implementation of PLATFORMS) describeOn(`${implementation.name} platform on ${kind}`, kind, implementation.create, body, implementation.limits);
  }
}

/** What the embedded platform writes to the lms_* tables, on every database. */
export function describeEmbedded(body: (ctx: ContractContext<EmbeddedPlatform>) => void): void {
  for (const kind of DATABASES) describeOn(`embedded platform on ${kind}: what the lms_* tables hold`, kind, (store) => new EmbeddedPlatform(store), body);
}

/** The simulation over the embedded platform (`ctx.platform`, the real one it wraps), on every database. */
export function describeSimulation(body: (ctx: ContractContext<EmbeddedPlatform>) => void): void {
  for (const kind of DATABASES) describeOn(`simulated platform on ${kind}`, kind, (store) => new EmbeddedPlatform(store), body);
}

/** The id an accepted creation answered (fails the test otherwise). */
export function idOf(result: ItemResult<{ readonly id: number }> | undefined): number {
  if (!result?.ok) throw new Error(`expected an accepted item, got ${JSON.stringify(result)}`);
  return result.value.id;
}

/**
 * The error codes of a list of results, `ok` for accepted items, `added`/`kept` for memberships, `removed`/`absent`
 * for removals and `changed`/`same` for changes.
 */
export function outcomes(results: readonly ItemResult<unknown>[]): string[] {
  return results.map((result) => {
    if (!result.ok) return result.error.code;
    const value = result.value as { added?: boolean; removed?: boolean; changed?: boolean } | null;
    if (value && typeof value === 'object') {
      if ('added' in value) return value.added ? 'added' : 'kept';
      if ('removed' in value) return value.removed ? 'removed' : 'absent';
      if ('changed' in value) return value.changed ? 'changed' : 'same';
    }
    return 'ok';
  });
}

/** Groups found through the port (which a simulation must have seen before it can write to a real group). */
export function findGroups(platform: Platform, input: OperationInput<'findGroups'>) {
  return platform.run('findGroups', input);
}

/** Course roles in the order the port lists them: course, user, role, component. */
export function sortRoles<T extends { courseId: number; userId: number; roleId: number; component: string }>(roles: readonly T[]): T[] {
  return [...roles].sort((a, b) => a.courseId - b.courseId || a.userId - b.userId || a.roleId - b.roleId || a.component.localeCompare(b.component));
}

/** Memberships in a stable order, to compare answers that come in no particular order. */
export function sortMembers<T extends { groupId: number; userId: number }>(members: readonly T[]): T[] {
  return [...members].sort((a, b) => a.groupId - b.groupId || a.userId - b.userId);
}
