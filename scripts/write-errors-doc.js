// `npm run docs:errors`: writes docs/errors.md from the catalogues in dist/ (run `npm run build` first).
import { writeFileSync } from 'node:fs';
import { CAPTURE_MESSAGES, CSV_ROW_MESSAGES, ERROR_CATALOGUE, RUN_MESSAGES, ZIP_ENTRY_MESSAGES } from '../dist/engine/error-catalogue.js';
import { ACTIONS } from '../dist/processors/registry.js';
import * as SERVER_ERRORS from '../dist/server/server-errors.js';

const escape = (text) => text.replaceAll('|', '\\|');
let out = `# Error and message reference

Every code tool-sync prints is stable and never reused. Placeholders in braces are filled in the message.
This page is written by \`npm run docs:errors\`; a test checks that it lists every code.

## Whole-file, configuration and API errors

These stop a run (or a command) with one message; the input file stays where it is.

| Code | HTTP | English | Français |
|---|---|---|---|
`;
for (const factory of [...ERROR_CATALOGUE.values()].sort((a, b) => a.code.localeCompare(b.code))) {
  out += `| \`${factory.code}\` | ${factory.statusCode} | ${escape(factory.text.en)} | ${escape(factory.text.fr)} |\n`;
}
out += `
## Service API errors

Answered by the HTTP API as \`{ "error": { "code", "message" } }\`, the message in the caller's language.

| Code | HTTP | English | Français |
|---|---|---|---|
`;
for (const factory of Object.values(SERVER_ERRORS).sort((a, b) => a.code.localeCompare(b.code))) {
  out += `| \`${factory.code}\` | ${factory.statusCode} | ${escape(factory.text.en)} | ${escape(factory.text.fr)} |\n`;
}
const section = (title, intro, messages) => {
  out += `\n## ${title}\n\n${intro}\n\n| Code | English | Français |\n|---|---|---|\n`;
  for (const [code, text] of Object.entries(messages)) out += `| \`${code}\` | ${escape(text.en)} | ${escape(text.fr)} |\n`;
};
section('Row problems found while reading', 'The row fails (report line, tryback row) and the run goes on.', CSV_ROW_MESSAGES);
section('Lines the engine adds to rows', 'Mails sent after a row was saved.', RUN_MESSAGES);
section('Zip archive entries refused', 'The entry fails (report line `entry <path>`) and the rest of the archive goes on.', ZIP_ENTRY_MESSAGES);
const seen = new Set();
for (const action of ACTIONS) {
  if (seen.has(action.messages)) continue;
  seen.add(action.messages);
  section(`Processor ${action.processor}`, 'Report lines of its rows.', action.messages);
}
section('Drop-folder capture', 'Printed by `tool-sync capture`; warnings start with an exclamation mark.', CAPTURE_MESSAGES);
writeFileSync(new URL('../docs/errors.md', import.meta.url), out);
console.log('docs/errors.md written');
