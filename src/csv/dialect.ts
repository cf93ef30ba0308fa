import type { Encoding } from './decode.js';

/** Field separators the original offers (`;` default, `,`) plus tab. */
export const SEPARATORS = [';', ',', '\t'] as const;
export type Separator = (typeof SEPARATORS)[number];

/** How a file is written: settled once per run from the settings and, for `auto`, from the file itself. */
export interface CsvDialect {
  /** Field separator. */
  readonly separator: Separator;
  /** Concrete encoding of the bytes. */
  readonly encoding: Encoding;
}

/** The original's comment markers: a line whose first non-blank character is one of these is skipped. */
const COMMENT_MARKERS = new Set(['#', '/', '-', '(', '[']);

/** What the start of a physical line makes of it. */
export type LineKind = 'blank' | 'comment' | 'data';

/** Blank when only spaces and tabs; comment when the first non-blank character is a marker; else data. */
export function classifyLine(line: string): LineKind {
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') continue;
    return COMMENT_MARKERS.has(c) ? 'comment' : 'data';
  }
  return 'blank';
}

/** Printable name of a separator for messages. */
export function separatorName(separator: string): string {
  return separator === '\t' ? 'TAB' : separator;
}
