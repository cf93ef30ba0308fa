import { randomUUID } from 'node:crypto';
import { localizedMessage, ToolSyncError, type Lang } from '../../errors.js';
import { ERROR_CATALOGUE } from '../error-catalogue.js';
import { ENGINE_INTERNAL } from '../engine-errors.js';

/** Why a run failed, in the report language: a catalogued error's message, or a reference to the log. */
export function describeFailure(error: unknown, lang: Lang): string {
  if (error instanceof ToolSyncError) return localized(error, lang);
  const reference = randomUUID().slice(0, 8);
  console.error(`[tool-sync] run failed, reference ${reference}:`, error);
  return localized(ENGINE_INTERNAL({ reference }), lang);
}

/** The message of a catalogued error in the report language. */
export function localized(error: ToolSyncError, lang: Lang): string {
  return localizedMessage(error, ERROR_CATALOGUE, lang);
}
