import type { PlatformUser } from '../../platform/operations.js';
import type { Platform } from '../../platform/platform.js';
import type { ArchiveAction, ArchiveContext, ArchiveEntry, EntryOutcome } from '../archive-processor.js';
import { parseKey, readEntryName, type PictureUserField } from './picture-key.js';
import { findPictureOwners } from './picture-owners.js';
import { convertPicture, type Conversion } from './picture-image.js';
import { USERPICTURES_MESSAGES } from './userpictures-messages.js';

const ENTITY = 'picture';
/**
 * Conversions in flight at once: libuv's four threads run them (both cores busy), and each may hold an entry of up
 * to 32 MiB twice (compressed and inflated), so more in flight would only add memory. Fewer do not save CPU on two
 * cores (2 or 3 in flight measured 12.6–14.2 ms of CPU per bench picture against 12.5–13.4 for 4, noise of a busy
 * machine); sharp already runs each pipeline on one libvips thread (its default on glibc).
 */
const CONVERSIONS_IN_FLIGHT = 4;

/** An image entry whose name named exactly one user. */
interface Candidate {
  readonly entry: ArchiveEntry;
  readonly key: string;
  readonly user: PlatformUser;
}

/**
 * User pictures (spec 4): each image of the archive, at any depth, named after a user by `userpictures_userfield`,
 * becomes that user's picture in Moodle's three sizes. A user who has a picture keeps it when
 * `userpictures_overwrite` is off. Entries of a batch are converted a few at a time on libuv's threads, which keeps every core busy.
 */
export const userPicturesAction: ArchiveAction = {
  inputKind: 'archive',
  processor: 'userpictures',
  action: 'upload',
  prefixSetting: 'userpictures_fileprefix',
  entity: ENTITY,
  messages: USERPICTURES_MESSAGES,
  forceCleanup: (settings) => settings.bool('userpictures_forcedeletion'),
  async *process(batches, context) {
    const field = context.settings.choice('userpictures_userfield') as PictureUserField;
    const overwrite = context.settings.bool('userpictures_overwrite');
    for await (const entries of batches) yield await processBatch(entries, field, overwrite, context);
  },
};

async function processBatch(entries: readonly ArchiveEntry[], field: PictureUserField, overwrite: boolean, context: ArchiveContext): Promise<EntryOutcome[]> {
  const outcomes: EntryOutcome[] = [];
  const outcome = (entry: ArchiveEntry, status: EntryOutcome['status'], code: string, params: Record<string, string | number> = {}, counter?: string): void => {
    outcomes.push({ index: entry.index, path: entry.path, status, code, params, entity: ENTITY, ...(counter ? { counters: [`${ENTITY}.${counter}`] } : {}) });
  };
  const keyed: { entry: ArchiveEntry; key: string }[] = [];
  for (const entry of entries) {
    const name = readEntryName(entry.path);
    if (name.kind === 'ignored') outcomes.push({ index: entry.index, path: entry.path, status: 'skipped', code: name.code, counters: [`${ENTITY}.ignored`] });
    else keyed.push({ entry, key: name.key });
  }
  const users = await findPictureOwners(context.platform, field, keyed.map(({ key }) => key));
  const candidates: Candidate[] = [];
  for (const { entry, key } of keyed) {
    const parsed = parseKey(field, key);
    const found = users.get(key) ?? [];
    if (!parsed.ok) outcome(entry, 'error', parsed.code, { key }, 'unknownuser');
    else if (found.length === 0) outcome(entry, 'error', 'USERPICTURES_USER_NOT_FOUND', { field, key }, 'unknownuser');
    else if (found.length > 1) outcome(entry, 'error', 'USERPICTURES_AMBIGUOUS_USER', { field, key, count: found.length }, 'unknownuser');
    else candidates.push({ entry, key, user: found[0]! });
  }
  const present = overwrite ? new Set<number>() : await usersWithPicture(context.platform, candidates.map(({ user }) => user.id));
  const wanted = candidates.filter(({ entry, key, user }) => {
    if (!present.has(user.id)) return true;
    outcome(entry, 'skipped', 'USERPICTURES_EXISTS', { field, key });
    return false;
  });
  const conversions = await mapInFlight(wanted, CONVERSIONS_IN_FLIGHT, ({ entry }) => readAndConvert(entry));
  const toSet: { candidate: Candidate; files: Extract<Conversion, { ok: true }>['files'] }[] = [];
  const setInBatch = new Set<number>();
  for (const [index, candidate] of wanted.entries()) {
    const conversion = conversions[index]!;
    const { entry, key, user } = candidate;
    if (!conversion.ok) {
      const counter = conversion.code === 'USERPICTURES_UNREADABLE' ? 'unreadable' : 'refused';
      outcome(entry, 'error', conversion.code, 'params' in conversion ? conversion.params : {}, counter);
    } else if (!overwrite && setInBatch.has(user.id)) {
      // An earlier image of the same user in this batch has just given a picture.
      outcome(entry, 'skipped', 'USERPICTURES_EXISTS', { field, key });
    } else {
      setInBatch.add(user.id);
      toSet.push({ candidate, files: conversion.files });
    }
  }
  const results = await context.platform.run('setUserPictures', toSet.map(({ candidate, files }) => ({ userId: candidate.user.id, files })));
  for (const [index, { candidate }] of toSet.entries()) {
    const result = results[index]!;
    const params = { field, key: candidate.key };
    if (!result.ok) outcome(candidate.entry, 'error', 'USERPICTURES_REJECTED', { reason: result.error.message });
    else outcome(candidate.entry, result.value.replaced ? 'updated' : 'created', result.value.replaced ? 'USERPICTURES_REPLACED' : 'USERPICTURES_CREATED', params);
  }
  return outcomes;
}

/** Reads an entry (the engine's size checks apply) and converts it; a refusal of the reader is a refused entry. */
async function readAndConvert(entry: ArchiveEntry): Promise<Conversion | { ok: false; code: string; params: Readonly<Record<string, string | number>> }> {
  const content = await entry.read();
  if (!content.ok) return content;
  return convertPicture(content.bytes);
}

async function usersWithPicture(platform: Platform, userIds: readonly number[]): Promise<Set<number>> {
  if (!userIds.length) return new Set();
  return new Set((await platform.run('findUserPictures', { userIds: [...new Set(userIds)] })).map((picture) => picture.userId));
}

/** `work` over the items, at most `limit` at a time, answers in item order. */
async function mapInFlight<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
