import { SETTINGS } from '../../settings/registry.js';
import type { Settings } from '../../settings/settings-store.js';
import { resolveInputFiles } from './input-files.js';

/**
 * The files the location settings name now (area paths): what the cleanup task must keep even when it looks
 * like one of our outputs (an administrator pointing a location at a tryback file to feed it again).
 */
export function configuredInputs(area: string, settings: Settings): Set<string> {
  const kept = new Set<string>();
  for (const definition of SETTINGS) {
    if (definition.type !== 'text' || !definition.key.endsWith('location')) continue;
    const location = settings.text(definition.key);
    if (!location) continue;
    try {
      for (const path of resolveInputFiles(area, location, location)) kept.add(path);
    } catch {
      // A location the engine refuses (a URL, a path outside the area) names nothing to keep.
    }
  }
  return kept;
}
