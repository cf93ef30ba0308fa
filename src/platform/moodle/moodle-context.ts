import type { WsFunctionName } from './ws-functions.js';
import type { WsClient } from './ws-client.js';
import { splitBatches } from './ws-batches.js';
import type { WsParams } from './ws-encode.js';

/** What every operation file of the Moodle platform works with. */
export interface MoodleContext {
  readonly client: WsClient;
  /** The site's PHP max_input_vars (setting `moodle_maxinputvars`). */
  readonly maxInputVars: number;
  /** Whether the token may call a function (from core_webservice_get_site_info). */
  has(wsfunction: WsFunctionName): boolean;
  /** Role ids by shortname when the companion plugin cannot list roles (setting `moodle_rolemap`). */
  readonly roleMap: ReadonlyMap<string, number>;
}

/** Items per call at most, by kind of call (the map's practical sizes; max_input_vars decides below that). */
export const MAX_ITEMS = { users: 200, memberships: 1000, lookups: 500, small: 100 } as const;

/** The calls that send `items`, each under the site's max_input_vars. */
export function batchesOf<I>(ctx: MoodleContext, items: readonly I[], toParams: (batch: readonly I[]) => WsParams, maxItems: number): I[][] {
  return splitBatches(items, toParams, { maxInputVars: ctx.maxInputVars, maxItems });
}

/** The distinct values of a list, in first-seen order. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
