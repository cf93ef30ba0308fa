import type { Capabilities } from '../capabilities.js';
import type { OperationInput, OperationKind, OperationOutput } from '../operations.js';
import type { ExportEntity, ExportPage, Platform } from '../platform.js';
import { createMoodlePlatform, type MoodlePlatform, type MoodlePlatformOptions } from './moodle-platform.js';

/**
 * What is known of a Moodle before it answered: what core always offers, and what Moodle is whatever the token may
 * call (a course reset is reset_course_userdata's, a .mbz is restored: without the plugin, each row says so).
 */
const BEFORE_CONNECTING: Capabilities = {
  supportsUsers: true, supportsCustomProfileFields: false, supportsPictures: false, supportsMbzTemplates: true, supportsFullCourseReset: true,
  supportsExport: false,
};

/**
 * A Moodle platform that connects (site info: version, functions of the token) at its first operation, so that
 * commands needing no platform still work while Moodle is down or not yet configured. `options` is read then:
 * it throws a clear error when the URL or the token is missing. A failed connection is tried again next time.
 */
export class LazyMoodlePlatform implements Platform {
  readonly name = 'moodle';
  readonly #options: () => MoodlePlatformOptions;
  #connecting: Promise<MoodlePlatform> | undefined;
  #connected: MoodlePlatform | undefined;

  constructor(options: () => MoodlePlatformOptions) {
    this.#options = options;
  }

  get capabilities(): Capabilities {
    return this.#connected?.capabilities ?? BEFORE_CONNECTING;
  }

  /** The connected platform (reads the site info the first time). */
  connect(): Promise<MoodlePlatform> {
    this.#connecting ??= Promise.resolve()
      .then(() => createMoodlePlatform(this.#options()))
      .then((platform) => (this.#connected = platform))
      .catch((error: unknown) => {
        this.#connecting = undefined;
        throw error;
      });
    return this.#connecting;
  }

  async run<K extends OperationKind>(kind: K, input: OperationInput<K>): Promise<OperationOutput<K>> {
    if (Array.isArray(input) && input.length === 0) return [] as unknown as OperationOutput<K>;
    return (await this.connect()).run(kind, input);
  }

  async unavailable(kind: OperationKind): Promise<Error | undefined> {
    return (await this.connect()).unavailable(kind);
  }

  async *exportEntity(entity: ExportEntity): AsyncIterable<ExportPage> {
    yield* (await this.connect()).exportEntity(entity);
  }

  async close(): Promise<void> {}
}
