import { EmbeddedPlatform } from '../../src/platform/embedded/embedded-platform.js';
import type { ExportEntity, ExportPage } from '../../src/platform/platform.js';
import { MoodlePlatform } from '../../src/platform/moodle/moodle-platform.js';
import { WsClient, type FetchLike } from '../../src/platform/moodle/ws-client.js';
import type { Store } from '../../src/store/database.js';
import { DOUBLE_FUNCTIONS, MoodleDouble, type MoodleDoubleOptions } from './moodle-double.js';

/** The Moodle platform over a double whose state is `store`; closing the platform closes the double. */
export class MoodleOverDouble extends MoodlePlatform {
  readonly double: MoodleDouble;
  readonly #state: EmbeddedPlatform;

  readonly #exportsState: boolean;

  /** `exportsState` false: exportEntity refuses, as a real Moodle does (for code that must work with lookups alone). */
  constructor(store: Store, options: MoodleDoubleOptions & { concurrency?: number; timeoutMs?: number; wrapFetch?: (fetch: FetchLike) => FetchLike; exportsState?: boolean } = {}) {
    const double = new MoodleDouble(store, options);
    const functions = new Set(options.functions ?? ['core_webservice_get_site_info', ...Object.keys(DOUBLE_FUNCTIONS)]);
    const client = new WsClient({
      url: 'http://moodle.test', token: options.token ?? 'test-token', fetch: options.wrapFetch?.(double.fetch) ?? double.fetch,
      concurrency: options.concurrency ?? 4, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    super(client, { sitename: 'Moodle double', username: 'wsuser', release: '5.1+', version: '2025100600.02', uploadfiles: true, functions }, {
      maxInputVars: options.maxInputVars ?? 5000,
    });
    this.double = double;
    this.#state = new EmbeddedPlatform(store);
    this.#exportsState = options.exportsState ?? true;
  }

  /** Moodle has no export: tests read what the double holds, as an administrator would look at the site. */
  override exportEntity(entity: ExportEntity): AsyncIterable<ExportPage> {
    return this.#exportsState ? this.#state.exportEntity(entity) : super.exportEntity(entity);
  }

  override async close(): Promise<void> {
    await this.double.close();
    await this.#state.close();
  }
}
