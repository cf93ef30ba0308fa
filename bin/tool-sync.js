#!/usr/bin/env node
// Compiled by `npm run build`, which `npm ci` runs through the `prepare` script.
await import('../dist/cli/main.js');
