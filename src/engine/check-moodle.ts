import type { ToolSyncError } from '../errors.js';
import { LazyMoodlePlatform } from '../platform/moodle/lazy-moodle-platform.js';
import { MOODLE_NOT_CONFIGURED } from '../platform/moodle/moodle-errors.js';
import { checkOperations, missingFunctionError, type SiteInfo } from '../platform/moodle/site-check.js';
import type { Engine } from './engine.js';

/** What `tool-sync moodle check` shows: the site and, for each operation, the functions it misses and the error saying what to do. */
export interface MoodleCheck {
  readonly site: Omit<SiteInfo, 'functions'>;
  readonly operations: readonly {
    readonly operation: string;
    readonly missing: readonly { readonly function: string; readonly plugin: boolean; readonly capabilities: readonly string[]; readonly remedy: ToolSyncError }[];
  }[];
}

/** Connects to the Moodle of the `platform` setting and tells which operations its token can run. */
export async function checkMoodle(engine: Engine): Promise<MoodleCheck> {
  if (!(engine.platform instanceof LazyMoodlePlatform)) {
    throw MOODLE_NOT_CONFIGURED({ what: 'nothing to check: the platform', how: 'the setting platform to moodle' });
  }
  const { site } = await engine.platform.connect();
  const { functions: _functions, ...rest } = site;
  return {
    site: rest,
    operations: checkOperations(site.functions).map((check) => ({
      operation: check.operation,
      missing: check.missing.map((missing) => ({ function: missing.name, plugin: missing.plugin, capabilities: missing.capabilities, remedy: missingFunctionError(check.operation, missing) })),
    })),
  };
}
