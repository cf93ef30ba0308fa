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
 * `userpictures_overwrite` is off. Images are converted a few at a time on libuv's threads, and the next batch's
 * conversions run while a batch is written and reported, so that both cores stay busy from the first image to the last.
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
    const run: PictureRun = {
      field: context.settings.choice('userpictures_userfield') as PictureUserField,
      overwrite: context.settings.bool('userpictures_overwrite'),
      context,
      limit: new InFlightLimit(CONVERSIONS_IN_FLIGHT),
      pictured: new Set(),
    };
    let previous: StartedBatch | undefined;
    try {
      for await (const entries of batches) {
        // Platform calls stay in order (this batch's lookups, then the previous batch's writes); only the
        // conversions overlap.
        const started = await startBatch(entries, run);
        if (previous) yield await finishBatch(previous, run);
        previous = started;
      }
      if (previous) yield await finishBatch(previous, run);
    } finally {
      // A run stopped early leaves no conversion running unobserved.
      if (previous) await Promise.allSettled(previous.conversions);
    }
  },
};

/** What a run's batches share. */
interface PictureRun {
  readonly field: PictureUserField;
  readonly overwrite: boolean;
  readonly context: ArchiveContext;
  readonly limit: InFlightLimit;
  /**
   * Users given a picture by this run. With overwrite off, a batch's check of existing pictures runs before the
   * previous batch is written, so a user pictured there is skipped from here.
   */
  readonly pictured: Set<number>;
}

/** A batch whose users are known and whose images are being converted. */
interface StartedBatch {
  readonly outcomes: EntryOutcome[];
  readonly wanted: readonly Candidate[];
  readonly conversions: readonly Promise<ReadConversion>[];
}

type ReadConversion = Conversion | { ok: false; code: string; params: Readonly<Record<string, string | number>> };

async function startBatch(entries: readonly ArchiveEntry[], run: PictureRun): Promise<StartedBatch> {
  const { field, overwrite, context } = run;
  const outcomes: EntryOutcome[] = [];
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
    if (!parsed.ok) outcomes.push(outcomeOf(entry, 'error', parsed.code, { key }, 'unknownuser'));
    else if (found.length === 0) outcomes.push(outcomeOf(entry, 'error', 'USERPICTURES_USER_NOT_FOUND', { field, key }, 'unknownuser'));
    else if (found.length > 1) outcomes.push(outcomeOf(entry, 'error', 'USERPICTURES_AMBIGUOUS_USER', { field, key, count: found.length }, 'unknownuser'));
    else candidates.push({ entry, key, user: found[0]! });
  }
  const present = overwrite ? new Set<number>() : await usersWithPicture(context.platform, candidates.map(({ user }) => user.id));
  const wanted = candidates.filter(({ entry, key, user }) => {
    if (!present.has(user.id)) return true;
    outcomes.push(outcomeOf(entry, 'skipped', 'USERPICTURES_EXISTS', { field, key }));
    return false;
  });
  const conversions = wanted.map(({ entry }) => run.limit.run(() => readAndConvert(entry)));
  return { outcomes, wanted, conversions };
}

async function finishBatch(batch: StartedBatch, run: PictureRun): Promise<EntryOutcome[]> {
  const { field, overwrite, context, pictured } = run;
  const outcomes = batch.outcomes;
  const conversions = await Promise.all(batch.conversions);
  const toSet: { candidate: Candidate; files: Extract<Conversion, { ok: true }>['files'] }[] = [];
  for (const [index, candidate] of batch.wanted.entries()) {
    const conversion = conversions[index]!;
    const { entry, key, user } = candidate;
    if (!conversion.ok) {
      const counter = conversion.code === 'USERPICTURES_UNREADABLE' ? 'unreadable' : 'refused';
      outcomes.push(outcomeOf(entry, 'error', conversion.code, 'params' in conversion ? conversion.params : {}, counter));
    } else if (!overwrite && pictured.has(user.id)) {
      // An earlier image of the same user in this run has just given a picture.
      outcomes.push(outcomeOf(entry, 'skipped', 'USERPICTURES_EXISTS', { field, key }));
    } else {
      if (!overwrite) pictured.add(user.id);
      toSet.push({ candidate, files: conversion.files });
    }
  }
  const results = await context.platform.run('setUserPictures', toSet.map(({ candidate, files }) => ({ userId: candidate.user.id, files })));
  for (const [index, { candidate }] of toSet.entries()) {
    const result = results[index]!;
    const params = { field, key: candidate.key };
    if (!result.ok) outcomes.push(outcomeOf(candidate.entry, 'error', 'USERPICTURES_REJECTED', { reason: result.error.message }));
    else outcomes.push(outcomeOf(candidate.entry, result.value.replaced ? 'updated' : 'created', result.value.replaced ? 'USERPICTURES_REPLACED' : 'USERPICTURES_CREATED', params));
  }
  return outcomes;
}

function outcomeOf(entry: ArchiveEntry, status: EntryOutcome['status'], code: string, params: Record<string, string | number> = {}, counter?: string): EntryOutcome {
  return { index: entry.index, path: entry.path, status, code, params, entity: ENTITY, ...(counter ? { counters: [`${ENTITY}.${counter}`] } : {}) };
}

/** Reads an entry (the engine's size checks apply) and converts it; a refusal of the reader is a refused entry. */
async function readAndConvert(entry: ArchiveEntry): Promise<ReadConversion> {
  const content = await entry.read();
  if (!content.ok) return content;
  return convertPicture(content.bytes);
}

async function usersWithPicture(platform: Platform, userIds: readonly number[]): Promise<Set<number>> {
  if (!userIds.length) return new Set();
  return new Set((await platform.run('findUserPictures', { userIds: [...new Set(userIds)] })).map((picture) => picture.userId));
}

/** Runs work at most `limit` at a time, first come first served (a batch's conversions before the next one's). */
class InFlightLimit {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#running++;
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, so a newcomer cannot overtake it.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
