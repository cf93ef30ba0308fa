import { isArchiveAction, type RunnableAction } from '../../processors/archive-processor.js';
import type { Settings } from '../../settings/settings-store.js';
import { resolveArchiveInputs } from './archive-inputs.js';
import { resolveInputFiles } from './input-files.js';

/**
 * The files an action's settings designate now, as area paths in the order they run: the location setting of a
 * CSV action (its default file when empty), or every archive whose name starts with an archive action's prefix.
 */
export function configuredActionInputs(area: string, settings: Settings, action: RunnableAction): string[] {
  return isArchiveAction(action)
    ? resolveArchiveInputs(area, settings.text(action.prefixSetting))
    : resolveInputFiles(area, settings.text(action.locationSetting), action.defaultFile);
}
