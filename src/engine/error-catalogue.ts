import * as csvErrors from '../csv/csv-errors.js';
import type { ErrorFactory } from '../errors.js';
import * as deploymentErrors from '../settings/deployment.js';
import * as settingsErrors from '../settings/settings-errors.js';
import * as storeErrors from '../store/store-errors.js';
import * as engineErrors from './engine-errors.js';
import * as dateErrors from '../processors/dates.js';
import * as zipErrors from './archive/zip-messages.js';
import * as pictureErrors from './export/picture-errors.js';
import * as courseFileErrors from '../processors/courses/course-files-errors.js';
import * as scheduleErrors from './schedule/schedule-errors.js';
import * as moodleErrors from '../platform/moodle/moodle-errors.js';

/** Every thrown-error code of tool-sync with its factory (English and French text), by code. */
export const ERROR_CATALOGUE: ReadonlyMap<string, ErrorFactory> = new Map(
  [csvErrors, settingsErrors, deploymentErrors, storeErrors, engineErrors, dateErrors, zipErrors, pictureErrors, courseFileErrors, scheduleErrors, moodleErrors]
    .flatMap((module) => Object.values(module))
    .filter((value): value is ErrorFactory => typeof value === 'function' && 'code' in value)
    .map((factory) => [factory.code, factory]),
);

/** Report messages by code: rows read badly, row outcomes of each processor, capture events. */
export { CSV_ROW_MESSAGES } from '../csv/csv-errors.js';
export { CAPTURE_MESSAGES } from './files/capture-drop-folder.js';
export { RUN_MESSAGES } from './run/run-messages.js';
export { ZIP_ENTRY_MESSAGES } from './archive/zip-messages.js';
