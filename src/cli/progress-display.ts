import type { RunProgress } from '../engine/run/progress.js';
import { say } from './cli-context.js';

const UNITS = { rows: { en: 'rows', fr: 'lignes' }, entries: { en: 'entries', fr: 'entrées' } } as const;
const done = (progress: RunProgress) => `${progress.rowsDone} ${say(UNITS[progress.unit])}`;
const percent = (value: number) => `${value}${say({ en: '%', fr: ' %' })}`;

/**
 * Shows run progress: a redrawn bar on a terminal, otherwise a plain line at each tenth of the file
 * (so logs of scheduled or piped runs stay short).
 */
export function createProgressDisplay(stream: NodeJS.WriteStream = process.stderr): { update(progress: RunProgress): void; done(): void } {
  let lastTenth = -1;
  let drawn = false;
  let runId: number | undefined;
  return {
    update(progress) {
      if (progress.runId !== runId) {
        // A `*` location runs several files one after the other: each gets its own bar or tenths.
        if (drawn) stream.write('\n');
        drawn = false;
        lastTenth = -1;
        runId = progress.runId;
      }
      const ratio = progress.bytesTotal ? Math.min(1, progress.bytesDone / progress.bytesTotal) : 1;
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round(ratio * width);
        stream.write(`\r${progress.input} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent(Math.round(ratio * 100))} · ${done(progress)}`);
        drawn = true;
      } else {
        const tenth = Math.floor(ratio * 10);
        if (tenth > lastTenth) {
          lastTenth = tenth;
          stream.write(`${progress.input}: ${percent(tenth * 10)} · ${done(progress)}\n`);
        }
      }
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}
