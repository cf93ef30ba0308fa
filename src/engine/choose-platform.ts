import { EmbeddedPlatform } from '../platform/embedded/embedded-platform.js';
import { LazyMoodlePlatform } from '../platform/moodle/lazy-moodle-platform.js';
import { MOODLE_NOT_CONFIGURED } from '../platform/moodle/moodle-errors.js';
import { STANDARD_ROLES } from '../platform/moodle/references.js';
import type { Platform } from '../platform/platform.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { Store } from '../store/database.js';

/**
 * The platform the `platform` setting names: the embedded store, or a Moodle reached with `moodle_url` and the
 * deployment's token. Moodle's settings are read when it is first used, so that a wrong one never keeps the
 * CLI or the console from starting (to fix it).
 */
export async function choosePlatform(store: Store, settings: SettingsStore, moodleToken: string | undefined): Promise<Platform> {
  const snapshot = await settings.snapshot();
  if (snapshot.choice('platform') !== 'moodle') return new EmbeddedPlatform(store);
  return new LazyMoodlePlatform(() => {
    const url = snapshot.text('moodle_url');
    if (!url) throw MOODLE_NOT_CONFIGURED({ what: 'the address of the Moodle site', how: 'the setting moodle_url' });
    if (!moodleToken) throw MOODLE_NOT_CONFIGURED({ what: 'the web service token', how: 'TOOL_SYNC_MOODLE_TOKEN in the environment, or moodleToken in tool-sync.json' });
    return {
      url,
      token: moodleToken,
      maxInputVars: snapshot.int('moodle_maxinputvars'),
      concurrency: snapshot.int('moodle_concurrency'),
      roleMap: roleMapOf(snapshot.text('moodle_rolemap')),
    };
  });
}

/** `student=5, editingteacher=3` over Moodle's standard ids. */
function roleMapOf(text: string): ReadonlyMap<string, number> {
  const map = new Map(STANDARD_ROLES);
  for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^([a-z0-9_]+)\s*=\s*(\d+)$/i.exec(entry);
    if (!match) throw MOODLE_NOT_CONFIGURED({ what: `a valid role map (not "${entry}")`, how: 'the setting moodle_rolemap as shortname=id pairs separated by commas' });
    map.set(match[1]!, Number(match[2]));
  }
  return map;
}
