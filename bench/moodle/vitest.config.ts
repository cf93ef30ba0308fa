import { defineConfig } from 'vitest/config';

/** Runs the Moodle bench case (bench/moodle/*.run.ts) through vitest, which compiles the TypeScript double. */
export default defineConfig({ test: { include: ['bench/moodle/*.run.ts'], pool: 'forks', testTimeout: 600_000 } });
