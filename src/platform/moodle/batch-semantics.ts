import { rejected, type ItemError, type ItemResult } from '../item-result.js';
import { MOODLE_BAD_ANSWER } from './moodle-errors.js';
import { UncertainWrite } from './ws-client.js';
import { MoodleException } from './ws-exception.js';

/** Turns Moodle's refusal of a call holding only `item` into that item's error. */
export type Refusal<I> = (exception: MoodleException, item: I) => ItemResult<never>;

/** The generic refusal: Moodle's errorcode and its readable message (debuginfo included when Moodle sent it). */
export function refusedBy(exception: MoodleException): ItemResult<never> {
  return rejected(exception.errorcode || 'moodle', exception.readable);
}

/** The items of a write whose outcome is unknown: never retried blindly, each says so. */
function uncertain(count: number, error: UncertainWrite): ItemResult<never>[] {
  const item: ItemError = { kind: 'transient', code: 'MOODLE_UNCERTAIN_WRITE', message: error.message };
  return Array.from({ length: count }, () => ({ ok: false, error: item }));
}

/**
 * Sends an ITEM call (each item on its own, refusals in the answer): `send` answers the items' results; when the
 * call's outcome is unknown (timeout…), each item says so instead of the run failing.
 */
export async function sendItems<I, R>(items: readonly I[], send: (batch: readonly I[]) => Promise<ItemResult<R>[]>): Promise<ItemResult<R>[]> {
  try {
    return await send(items);
  } catch (error) {
    if (error instanceof UncertainWrite) return uncertain(items.length, error);
    throw error;
  }
}

/**
 * Sends an ALL function (one transaction per call: any bad item rolls back the whole call) and isolates the bad
 * items by bisection: a refused call is split in two halves sent one after the other (so that later items see
 * earlier ones, as in one call), down to single items, each refused one getting its own message. A call with
 * k bad items among n costs about 2·k·log2(n) more calls. `send` answers one value per item sent; an answer of
 * another length means Moodle lost items (max_input_vars) and stops the run.
 */
export async function sendAll<I, R>(
  wsfunction: string,
  items: readonly I[],
  send: (batch: readonly I[]) => Promise<readonly R[]>,
  refuse: Refusal<I> = refusedBy,
): Promise<ItemResult<R>[]> {
  try {
    const values = await send(items);
    if (values.length !== items.length) {
      throw MOODLE_BAD_ANSWER({ function: wsfunction, reason: `${values.length} items answered for ${items.length} sent` });
    }
    return values.map((value) => ({ ok: true, value }));
  } catch (error) {
    if (error instanceof UncertainWrite) return uncertain(items.length, error);
    if (!(error instanceof MoodleException)) throw error;
    if (items.length === 1) return [refuse(error, items[0]!)];
    const middle = Math.ceil(items.length / 2);
    const first = await sendAll(wsfunction, items.slice(0, middle), send, refuse);
    const second = await sendAll(wsfunction, items.slice(middle), send, refuse);
    return [...first, ...second];
  }
}

/** Sends a call per batch, up to the client's concurrency at once; results in the order of the items. */
export async function inBatches<I, R>(batches: readonly (readonly I[])[], send: (batch: readonly I[]) => Promise<readonly R[]>): Promise<R[]> {
  const results = await Promise.all(batches.map((batch) => send(batch)));
  return results.flat();
}

/** Sends batches one after the other (items of a later batch depend on an earlier one). */
export async function inSequence<I, R>(batches: readonly (readonly I[])[], send: (batch: readonly I[]) => Promise<readonly R[]>): Promise<R[]> {
  const results: R[] = [];
  for (const batch of batches) results.push(...(await send(batch)));
  return results;
}

/**
 * Reads by ids with a function that throws when one id is unknown (core_group_get_groups and the like): a refused
 * call is bisected so that only the unknown ids are left out; the answer holds what the known ids gave.
 */
export async function readKnown<T>(ids: readonly number[], read: (ids: readonly number[]) => Promise<readonly T[]>): Promise<T[]> {
  if (!ids.length) return [];
  try {
    return [...(await read(ids))];
  } catch (error) {
    if (!(error instanceof MoodleException) || ids.length === 1) {
      if (error instanceof MoodleException) return [];
      throw error;
    }
    const middle = Math.ceil(ids.length / 2);
    return [...(await readKnown(ids.slice(0, middle), read)), ...(await readKnown(ids.slice(middle), read))];
  }
}
