import { readFileSync } from 'node:fs';

/** The version of package.json, read once (the same file whether running from src/ or dist/). */
export const SERVICE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
