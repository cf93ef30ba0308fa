import { ERROR_CATALOGUE } from '../engine/error-catalogue.js';
import type { ErrorFactory } from '../errors.js';
import * as serverErrors from './server-errors.js';

/** Every error code an API answer may carry: the engine's and the server's own. */
export const SERVER_CATALOGUE: ReadonlyMap<string, ErrorFactory> = new Map([
  ...ERROR_CATALOGUE,
  ...Object.values(serverErrors).map((factory) => [factory.code, factory] as const),
]);
