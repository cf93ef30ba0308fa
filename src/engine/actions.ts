/** The processor actions the engine can run, for the CLI and the API (which do not import processors/). */
export { ACTIONS, actionName, findAction } from '../processors/registry.js';
export type { ProcessorAction } from '../processors/processor.js';
export { isArchiveAction, type RunnableAction } from '../processors/archive-processor.js';
