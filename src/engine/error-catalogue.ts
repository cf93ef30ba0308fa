import * as csvErrors from '../csv/csv-errors.js';
import type { ErrorFactory } from '../errors.js';
import * as settingsErrors from '../settings/settings-errors.js';
import * as storeErrors from '../store/store-errors.js';
import * as engineErrors from './engine-errors.js';

/** Every thrown-error code of tool-sync with its factory (English and French text), by code. */
export const ERROR_CATALOGUE: ReadonlyMap<string, ErrorFactory> = new Map(
  [csvErrors, settingsErrors, storeErrors, engineErrors]
    .flatMap((module) => Object.values(module))
    .filter((value): value is ErrorFactory => typeof value === 'function' && 'code' in value)
    .map((factory) => [factory.code, factory]),
);
