import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:moodle`: the processor and engine tests against the Moodle platform (web services answered by the
 * Moodle double over the test store), the tests of core Moodle's limits skipped with their reason.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['src/processors/**/*.test.ts', 'src/engine/**/*.test.ts'],
    setupFiles: ['test/moodle-limits-setup.ts'],
    env: { TOOL_SYNC_TEST_PLATFORM: 'moodle' },
  },
});
