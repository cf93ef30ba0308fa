import type { ProcessorAction, ProcessorContext } from '../processor.js';

/**
 * The file a run reads, as the course report mails name it: the processor is not told the input's name, so this
 * is the action's location setting (or its default file), which names the input unless it is a list or a pattern.
 */
export function inputName(context: ProcessorContext, action: ProcessorAction): string {
  return context.settings.text(action.locationSetting).trim() || action.defaultFile;
}
