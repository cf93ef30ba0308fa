import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { encodeText, type Encoding } from './decode.js';

/**
 * Writes text to a file line by line, in a given encoding, honouring back-pressure so that memory stays flat
 * however many lines are written. The file is created on the first line.
 */
export class LineWriter {
  readonly path: string;
  readonly #encoding: Encoding;
  readonly #lineBreak: string;
  #stream: WriteStream | null = null;
  #lines = 0;

  constructor(path: string, options: { encoding?: Encoding; lineBreak?: string } = {}) {
    this.path = path;
    this.#encoding = options.encoding ?? 'UTF-8';
    this.#lineBreak = options.lineBreak ?? '\n';
  }

  /** Lines written so far. */
  get lines(): number {
    return this.#lines;
  }

  async writeLine(text: string): Promise<void> {
    await this.writeLines([text]);
  }

  /** Writes several lines with one write (hot paths write a batch of rows at a time). */
  async writeLines(lines: readonly string[]): Promise<void> {
    if (!lines.length) return;
    this.#stream ??= createWriteStream(this.path);
    // The line break after the previous lines goes as its own write: put before the text, it would make the
    // encoding copy the whole text once more.
    if (this.#lines > 0) this.#stream.write(encodeText(this.#lineBreak, this.#encoding));
    this.#lines += lines.length;
    if (!this.#stream.write(encodeText(lines.join(this.#lineBreak), this.#encoding))) await once(this.#stream, 'drain');
  }

  /** Flushes and closes; a writer that wrote nothing leaves no file. */
  async close(options: { finalLineBreak?: boolean } = {}): Promise<void> {
    const stream = this.#stream;
    if (!stream) return;
    if (options.finalLineBreak) stream.write(encodeText(this.#lineBreak, this.#encoding));
    stream.end();
    await once(stream, 'finish');
  }
}

/** Options for CSV lines written for people and spreadsheets. */
export interface CsvLineOptions {
  readonly separator: string;
  /**
   * Prefix values starting with `=`, `+`, `-` or `@` with a quote so a spreadsheet does not run them as formulas.
   * Off for files meant to be fed back to tool-sync.
   */
  readonly neutralizeFormulas?: boolean;
}

/** One CSV line: values quoted only when they hold the separator, a quote, a line break or outer spaces. */
export function formatCsvLine(values: readonly (string | number | null | undefined)[], options: CsvLineOptions): string {
  return values.map((value) => formatCsvValue(value, options)).join(options.separator);
}

function formatCsvValue(value: string | number | null | undefined, options: CsvLineOptions): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (options.neutralizeFormulas && /^[=+\-@]/.test(text)) text = `'${text}`;
  const needsQuotes =
    text.includes(options.separator) || /["\r\n]/.test(text) || text !== text.trim() || startsLikeComment(text);
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A first value starting like a comment would make the reader skip the line: quote it. */
function startsLikeComment(text: string): boolean {
  return /^[#/\-([]/.test(text);
}
