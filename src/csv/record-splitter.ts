import { CSV_UNCLOSED_QUOTE } from './csv-errors.js';
import { classifyLine } from './dialect.js';

/** One record: its fields, where it sits in the file and its original text (for tryback files). */
export interface CsvRecord {
  readonly kind: 'record';
  /** Physical line the record starts on (1-based, blank and comment lines counted). */
  readonly line: number;
  /** Physical line the record ends on (after a quoted line break it differs from `line`). */
  readonly endLine: number;
  /** The original text, line breaks inside quoted values kept as they were. */
  readonly raw: string;
  /** Values in order, quotes removed, not trimmed. */
  readonly fields: readonly string[];
  /** 1-based character position of text found after a closing quote, if any. */
  readonly textAfterQuote?: number;
}

/** A skipped comment line, kept so the reader can warn when it looks like data. */
export interface CsvComment {
  readonly kind: 'comment';
  readonly line: number;
  readonly raw: string;
}

export type CsvItem = CsvRecord | CsvComment;

/** The first character of a line break: LF, CR, or the CR of a CRLF. */
const LINE_BREAK_CHAR = /[\r\n]/g;

/** The line break (`\n`, `\r\n` or `\r`) that starts at `index`. */
function lineBreakAt(text: string, index: number): string {
  if (text[index] === '\n') return '\n';
  return text[index + 1] === '\n' ? '\r\n' : '\r';
}

/**
 * Splits decoded text into records, chunk by chunk, in constant memory (apart from the record being read).
 * RFC-4180 quoting as a superset of the original's plain split: a field whose first non-space character is `"`
 * is quoted (it may hold the separator, doubled quotes and line breaks); any other field is taken literally.
 * LF, CRLF and CR line breaks; no limit on line length.
 */
export class RecordSplitter {
  readonly #separator: string;
  readonly #file: string;
  #pending = '';
  #line = 0;
  /** The record being read across lines, while a quoted value is open. */
  #open: OpenRecord | null = null;
  /** The first line break seen, so that files we write back use the same. */
  #lineBreak: string | null = null;

  constructor(separator: string, file: string) {
    this.#separator = separator;
    this.#file = file;
  }

  /** Line break of the input (`\n` until one is seen). */
  get lineBreak(): string {
    return this.#lineBreak ?? '\n';
  }

  /** Feeds the next chunk of text; returns the items completed by it. */
  push(text: string): CsvItem[] {
    const items: CsvItem[] = [];
    const buffer = this.#pending + text;
    let start = 0;
    // `test` rather than `exec`: no match array per line.
    LINE_BREAK_CHAR.lastIndex = 0;
    while (LINE_BREAK_CHAR.test(buffer)) {
      const index = LINE_BREAK_CHAR.lastIndex - 1;
      const lineBreak = lineBreakAt(buffer, index);
      // A CR at the very end may be the first half of a CRLF split across chunks.
      if (lineBreak === '\r' && index === buffer.length - 1) break;
      this.#lineBreak ??= lineBreak;
      this.#takeLine(buffer.slice(start, index), lineBreak, items);
      start = index + lineBreak.length;
      LINE_BREAK_CHAR.lastIndex = start;
    }
    this.#pending = buffer.slice(start);
    return items;
  }

  /** Ends the input: the last line may lack a line break; an open quoted value is an error. */
  end(): CsvItem[] {
    const items: CsvItem[] = [];
    const rest = this.#pending;
    this.#pending = '';
    if (rest.endsWith('\r')) {
      this.#lineBreak ??= '\r';
      this.#takeLine(rest.slice(0, -1), '\r', items);
    } else if (rest !== '' || this.#open) {
      this.#takeLine(rest, '', items);
    }
    if (this.#open) {
      throw CSV_UNCLOSED_QUOTE({ file: this.#file, line: this.#open.line, column: this.#open.quoteColumn });
    }
    return items;
  }

  #takeLine(text: string, lineBreak: string, items: CsvItem[]): void {
    this.#line++;
    const open = this.#open;
    if (open) {
      open.raw.push(text);
      if (open.parser.continueQuoted(text)) {
        this.#open = null;
        items.push(open.finish(this.#line));
      } else {
        open.raw.push(lineBreak);
      }
      return;
    }
    const kind = classifyLine(text);
    if (kind === 'blank') return;
    if (kind === 'comment') {
      items.push({ kind: 'comment', line: this.#line, raw: text });
      return;
    }
    if (!text.includes('"')) {
      items.push({ kind: 'record', line: this.#line, endLine: this.#line, raw: text, fields: text.split(this.#separator) });
      return;
    }
    const parser = new QuotedFieldParser(this.#separator);
    if (parser.parseLine(text)) {
      items.push(parser.record(this.#line, this.#line, text));
    } else {
      this.#open = new OpenRecord(parser, this.#line, text, lineBreak);
    }
  }
}

class OpenRecord {
  readonly raw: string[];
  readonly quoteColumn: number;
  constructor(
    readonly parser: QuotedFieldParser,
    readonly line: number,
    first: string,
    lineBreak: string,
  ) {
    this.raw = [first, lineBreak];
    this.quoteColumn = parser.openQuoteColumn;
  }
  finish(endLine: number): CsvRecord {
    return this.parser.record(this.line, endLine, this.raw.join(''));
  }
}

/** Character-level parser for lines that hold quotes; resumable across lines while a quoted value is open. */
class QuotedFieldParser {
  readonly #separator: string;
  readonly #fields: string[] = [];
  #field = '';
  #textAfterQuote: number | undefined;
  /** 1-based column of the quote that opened the value still open. */
  openQuoteColumn = 0;

  constructor(separator: string) {
    this.#separator = separator;
  }

  /** Parses a whole line from a field start; false when a quoted value stays open at its end. */
  parseLine(line: string): boolean {
    return this.#fieldsFrom(line, 0);
  }

  /** Continues an open quoted value on the next physical line. */
  continueQuoted(line: string): boolean {
    this.#field += '\n';
    return this.#quotedFrom(line, 0);
  }

  record(line: number, endLine: number, raw: string): CsvRecord {
    const record: CsvRecord = { kind: 'record', line, endLine, raw, fields: this.#fields };
    return this.#textAfterQuote === undefined ? record : { ...record, textAfterQuote: this.#textAfterQuote };
  }

  #fieldsFrom(line: string, position: number): boolean {
    let i = position;
    for (;;) {
      let j = i;
      while (line[j] === ' ') j++;
      if (line[j] === '"') {
        this.openQuoteColumn = j + 1;
        this.#field = '';
        return this.#quotedFrom(line, j + 1);
      }
      const next = line.indexOf(this.#separator, i);
      if (next === -1) {
        this.#fields.push(line.slice(i));
        return true;
      }
      this.#fields.push(line.slice(i, next));
      i = next + 1;
    }
  }

  /** Reads quoted text from `position`; on its closing quote, goes on with the rest of the line. */
  #quotedFrom(line: string, position: number): boolean {
    let i = position;
    for (;;) {
      const quote = line.indexOf('"', i);
      if (quote === -1) {
        this.#field += line.slice(i);
        return false;
      }
      this.#field += line.slice(i, quote);
      if (line[quote + 1] === '"') {
        this.#field += '"';
        i = quote + 2;
        continue;
      }
      return this.#afterClosingQuote(line, quote + 1);
    }
  }

  #afterClosingQuote(line: string, position: number): boolean {
    const next = line.indexOf(this.#separator, position);
    const tail = next === -1 ? line.slice(position) : line.slice(position, next);
    if (tail.trim() !== '') {
      // Not RFC-4180: keep the text rather than lose it, and let the row fail with the position.
      this.#textAfterQuote ??= position + 1;
      this.#field += tail;
    }
    this.#fields.push(this.#field);
    this.#field = '';
    if (next === -1) return true;
    return this.#fieldsFrom(line, next + 1);
  }
}
