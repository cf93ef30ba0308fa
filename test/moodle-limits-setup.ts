import { beforeEach } from 'vitest';
import { MOODLE_LIMITS } from './moodle-double/moodle-limits.js';

// `npm run test:moodle`: the tests Moodle cannot pass are skipped with their reason.
beforeEach((test) => {
  const reason = MOODLE_LIMITS[test.task.name];
  if (reason) test.skip(reason);
});
