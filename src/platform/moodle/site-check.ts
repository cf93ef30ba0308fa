import type { ToolSyncError } from '../../errors.js';
import type { OperationKind } from '../operations.js';
import { MOODLE_FUNCTION_MISSING, MOODLE_PLUGIN_MISSING } from './moodle-errors.js';
import type { WsClient } from './ws-client.js';
import { OPERATION_FUNCTIONS, WS_FUNCTIONS, type WsFunctionName } from './ws-functions.js';

/** What core_webservice_get_site_info says about the site and the token. */
export interface SiteInfo {
  readonly sitename: string;
  /** The web-service user. */
  readonly username: string;
  /** Moodle's release, such as `5.1+ (Build: 20251017)`. */
  readonly release: string;
  readonly version: string;
  /** Whether the service may upload files (pictures, .mbz templates). */
  readonly uploadfiles: boolean;
  /** The functions the token may call. */
  readonly functions: ReadonlySet<string>;
}

export async function readSiteInfo(client: WsClient): Promise<SiteInfo> {
  const info = await client.call<{
    sitename: string; username: string; release: string; version: string; uploadfiles?: boolean | number; functions: { name: string }[];
  }>('core_webservice_get_site_info', {}, 'read');
  return {
    sitename: info.sitename,
    username: info.username,
    release: info.release,
    version: info.version,
    uploadfiles: Boolean(info.uploadfiles),
    functions: new Set(info.functions.map((fn) => fn.name)),
  };
}

/** A function an operation needs and the token may not call, with what to do about it. */
export interface MissingFunction {
  readonly name: WsFunctionName;
  readonly capabilities: readonly string[];
  /** Whether it comes with the companion plugin (else it is core's: add it to the service). */
  readonly plugin: boolean;
}

/** One line of `tool-sync moodle check`: an operation and what it misses (nothing when usable). */
export interface OperationCheck {
  readonly operation: OperationKind;
  readonly missing: readonly MissingFunction[];
}

/** Which operations the token can run, from the functions the site lists. */
export function checkOperations(functions: ReadonlySet<string>): OperationCheck[] {
  return (Object.keys(OPERATION_FUNCTIONS) as OperationKind[]).map((operation) => ({
    operation,
    missing: OPERATION_FUNCTIONS[operation].filter((name) => !functions.has(name)).map((name) => ({
      name,
      capabilities: WS_FUNCTIONS[name].capabilities,
      plugin: 'plugin' in WS_FUNCTIONS[name],
    })),
  }));
}

/** What to do so that the token may call a function, as the error of an operation that needs it. */
export function missingFunctionError(operation: OperationKind, missing: MissingFunction): ToolSyncError {
  const params = { operation, function: missing.name, capabilities: missing.capabilities.join(', ') || '-' };
  return missing.plugin ? MOODLE_PLUGIN_MISSING(params) : MOODLE_FUNCTION_MISSING(params);
}
