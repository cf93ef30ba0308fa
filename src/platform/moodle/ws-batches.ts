import { encodeParams, type WsParams } from './ws-encode.js';

/** Fields every call carries besides its parameters: wstoken, wsfunction, moodlewsrestformat. */
const FIXED_FIELDS = 3;
/** Share of `max_input_vars` a call may use (the map's advice: about 80 %). */
const VARS_SHARE = 0.8;
/** Largest body sent: nginx refuses more than 1 MB by default. */
const MAX_BODY_BYTES = 512 * 1024;

/** How large one call may be. */
export interface BatchLimits {
  /** The site's PHP `max_input_vars` (setting `moodle_maxinputvars`). */
  readonly maxInputVars: number;
  /** Items per call at most, whatever their size (the map's practical sizes). */
  readonly maxItems: number;
}

/**
 * Splits items into the calls that send them, in order, each under 80 % of `max_input_vars` and 512 KB, so that
 * PHP never silently drops the end of a call (it keeps the first max_input_vars fields and runs the call on
 * them). `toParams` gives the parameters of a call carrying some items; every leaf is counted, nested ones
 * included. An item too big for any call on its own is sent alone only if it fits, else it throws (Moodle would
 * receive it cut).
 */
export function splitBatches<I>(items: readonly I[], toParams: (batch: readonly I[]) => WsParams, limits: BatchLimits): I[][] {
  const budget = Math.floor(limits.maxInputVars * VARS_SHARE) - FIXED_FIELDS - encodeParams(toParams([])).length;
  const batches: I[][] = [];
  let current: I[] = [];
  let vars = 0;
  let bytes = 0;
  for (const item of items) {
    const fields = encodeParams(toParams([item]));
    const itemVars = fields.length - encodeParams(toParams([])).length;
    // Indexes grow to a few digits in a big call: counted generously.
    const itemBytes = fields.reduce((sum, [key, value]) => sum + key.length + value.length * 3 + 8, 0);
    if (itemVars > budget) throw new RangeError(`one item needs ${itemVars} form fields, more than the ${budget} a call may carry`);
    if (current.length > 0 && (vars + itemVars > budget || bytes + itemBytes > MAX_BODY_BYTES || current.length >= limits.maxItems)) {
      batches.push(current);
      current = [];
      vars = 0;
      bytes = 0;
    }
    current.push(item);
    vars += itemVars;
    bytes += itemBytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Splits values into chunks of at most `size` (lookups by lists of ids or values). */
export function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < values.length; start += size) out.push(values.slice(start, start + size));
  return out;
}
