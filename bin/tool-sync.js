#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// After each full collection the heap may grow to twice what is live, not V8's up to four times: a run allocates
// fast and briefly (a batch's rows, report lines), and the default let garbage pile up to 280 MB of heap on the
// million-row enrolment bench (peak RSS 430 -> 295 MB, same speed).
setFlagsFromString('--heap-growing-percent=100');

// Compiled by `npm run build`, which `npm ci` runs through the `prepare` script.
await import('../dist/cli/main.js');
