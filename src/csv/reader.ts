import { CSV_EMPTY_FILE, type CsvRowCode } from './csv-errors.js';
import { decodeFile } from './decode.js';
import type { CsvDialect } from './dialect.js';
import { checkHeader, type ColumnSpec } from './header-check.js';
import { RecordSplitter, type CsvItem, type CsvRecord } from './record-splitter.js';

/** A problem found in one row while reading it: the row fails, the file goes on. */
export interface RowProblem {
  readonly code: CsvRowCode;
  readonly params: Readonly<Record<string, string | number>>;
}

/** A data row: values by column name, trimmed, with `&#44` decoded to a comma. */
export interface CsvRow {
  /** Physical line where the row starts. */
  readonly line: number;
  /** Original text, for the tryback file. */
  readonly raw: string;
  /** Set when the row cannot be used as read. */
  readonly problem?: RowProblem;
  /** The value of a column, or `undefined` when the header lacks it or the row is short. */
  value(column: string): string | undefined;
  /** Whether the header holds the column. */
  has(column: string): boolean;
}

/** Something worth a line in the report that is not a row outcome. */
export interface CsvNotice {
  readonly line: number;
  readonly code: CsvRowCode;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface CsvReadOptions {
  /** Name shown in messages (the path inside the file area). */
  readonly displayName: string;
  /** Columns accepted; ignored for headerless files. */
  readonly spec: ColumnSpec;
  /** Files without a header line: these are the names given to their columns. */
  readonly headerless?: readonly string[];
  /** The original's `invalidnamesnocheck`: accept unknown columns. */
  readonly acceptUnknownColumns?: boolean;
  /** Whether a row may have fewer values than the header (the missing ones are absent). Default true. */
  readonly allowFewerValues?: boolean;
  /** Called for comment lines that look like data. */
  readonly onNotice?: (notice: CsvNotice) => void;
  /** Rows per batch handed to the caller. */
  readonly batchSize?: number;
}

/** The header line as read. */
export interface CsvHeader {
  readonly line: number;
  /** Original text of the header line, written first in tryback files. */
  readonly raw: string;
  readonly columns: readonly string[];
}

/** An open CSV file: its header is read and checked, its rows stream in batches. */
export interface CsvTable {
  readonly header: CsvHeader;
  /** Rows in batches, in file order. Iterate once. */
  readonly batches: AsyncIterable<readonly CsvRow[]>;
  /** Bytes of the file consumed so far. */
  readonly bytesRead: number;
  /** Line break of the input, for files written back. */
  readonly lineBreak: string;
}

/**
 * Opens a CSV file: decodes it once, reads and checks the header (or names the columns of a headerless file),
 * then streams its rows. Whole-file problems throw a ToolSyncError naming the file and line.
 *
 * @example
 * const table = await openCsvTable('data/files/userimport.csv', { separator: ';', encoding: 'UTF-8' },
 *   { displayName: 'userimport.csv', spec: { required: ['username'], optional: [] } });
 * for await (const batch of table.batches) for (const row of batch) console.log(row.line, row.value('username'));
 */
export async function openCsvTable(path: string, dialect: CsvDialect, options: CsvReadOptions): Promise<CsvTable> {
  const text = decodeFile(path, dialect.encoding, options.displayName);
  const splitter = new RecordSplitter(dialect.separator, options.displayName);
  const items = new ItemQueue(itemsOf(text, splitter));
  const headerRecord = options.headerless ? null : await firstRecord(items);
  if (!options.headerless && !headerRecord) {
    throw CSV_EMPTY_FILE({ file: options.displayName, required: options.spec.required.join(', ') });
  }
  const header: CsvHeader = headerRecord
    ? {
        line: headerRecord.line,
        raw: headerRecord.raw,
        columns: checkHeader(
          headerRecord.fields,
          options.spec,
          dialect.separator,
          { file: options.displayName, line: headerRecord.line },
          options.acceptUnknownColumns ?? false,
        ),
      }
    : { line: 0, raw: '', columns: options.headerless ?? [] };
  const shape = new RowShape(header.columns, dialect.separator, options);
  return {
    header,
    batches: batchesOf(items, shape, header, options),
    get bytesRead() {
      return text.bytesRead;
    },
    get lineBreak() {
      return splitter.lineBreak;
    },
  };
}

async function* itemsOf(text: AsyncIterable<string>, splitter: RecordSplitter): AsyncGenerator<CsvItem[]> {
  for await (const chunk of text) {
    const items = splitter.push(chunk);
    if (items.length) yield items;
  }
  const last = splitter.end();
  if (last.length) yield last;
}

/** Item chunks with a front buffer, so the header can be taken before the rows are streamed. */
class ItemQueue implements AsyncIterable<CsvItem[]> {
  readonly #source: AsyncIterator<CsvItem[]>;
  readonly #front: CsvItem[][] = [];

  constructor(source: AsyncIterator<CsvItem[]>) {
    this.#source = source;
  }

  async next(): Promise<CsvItem[] | null> {
    const front = this.#front.shift();
    if (front) return front;
    const next = await this.#source.next();
    return next.done ? null : next.value;
  }

  unshift(items: CsvItem[]): void {
    if (items.length) this.#front.unshift(items);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<CsvItem[]> {
    for (let items = await this.next(); items; items = await this.next()) yield items;
  }
}

/** Consumes items up to the first record; what follows it goes back to the front of the queue. */
async function firstRecord(items: ItemQueue): Promise<CsvRecord | null> {
  for (let chunk = await items.next(); chunk; chunk = await items.next()) {
    const index = chunk.findIndex((item) => item.kind === 'record');
    if (index >= 0) {
      items.unshift(chunk.slice(index + 1));
      return chunk[index] as CsvRecord;
    }
  }
  return null;
}

async function* batchesOf(
  items: ItemQueue,
  shape: RowShape,
  header: CsvHeader,
  options: CsvReadOptions,
): AsyncGenerator<readonly CsvRow[]> {
  const size = options.batchSize ?? 2000;
  let batch: CsvRow[] = [];
  for await (const chunk of items) {
    for (const item of chunk) {
      if (item.kind === 'comment') {
        if (header.line > 0) warnIfCommentLooksLikeData(item.raw, item.line, shape, options);
        continue;
      }
      batch.push(shape.row(item));
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

function warnIfCommentLooksLikeData(raw: string, line: number, shape: RowShape, options: CsvReadOptions): void {
  if (!options.onNotice || raw.split(shape.separator).length !== shape.width) return;
  options.onNotice({ line, code: 'CSV_COMMENT_LOOKS_LIKE_DATA', params: { char: raw.trimStart()[0] ?? '' } });
}

/** Maps records to rows for one header: column index, value count policy. */
class RowShape {
  readonly #index: ReadonlyMap<string, number>;
  readonly #allowFewer: boolean;
  readonly width: number;
  readonly separator: string;

  constructor(columns: readonly string[], separator: string, options: CsvReadOptions) {
    this.separator = separator;
    this.#index = new Map(columns.map((column, index) => [column, index]));
    this.#allowFewer = options.allowFewerValues ?? true;
    this.width = columns.length;
  }

  row(record: CsvRecord): CsvRow {
    const values = record.fields.map(cleanValue);
    return new ShapedRow(record, values, this.#index, this.#problem(record, values));
  }

  #problem(record: CsvRecord, values: readonly string[]): RowProblem | undefined {
    if (record.textAfterQuote !== undefined) {
      return { code: 'CSV_TEXT_AFTER_QUOTE', params: { position: record.textAfterQuote } };
    }
    const count = values.length;
    if (count > this.width && values.slice(this.width).some((value) => value !== '')) {
      return { code: 'CSV_TOO_MANY_VALUES', params: { count, expected: this.width } };
    }
    if (count < this.width && !this.#allowFewer) {
      return { code: 'CSV_TOO_FEW_VALUES', params: { count, expected: this.width } };
    }
    return undefined;
  }
}

/** A row read with a RowShape: methods rather than two closures per row (a million-row file makes a million). */
class ShapedRow implements CsvRow {
  readonly line: number;
  readonly raw: string;
  readonly problem: RowProblem | undefined;
  readonly #values: readonly string[];
  readonly #index: ReadonlyMap<string, number>;

  constructor(record: CsvRecord, values: readonly string[], index: ReadonlyMap<string, number>, problem: RowProblem | undefined) {
    this.line = record.line;
    this.raw = record.raw;
    this.problem = problem;
    this.#values = values;
    this.#index = index;
  }

  value(column: string): string | undefined {
    const position = this.#index.get(column);
    return position === undefined ? undefined : this.#values[position];
  }

  has(column: string): boolean {
    return this.#index.has(column);
  }
}

function cleanValue(value: string): string {
  const trimmed = value.trim();
  return trimmed.includes('&#44') ? trimmed.replaceAll('&#44', ',') : trimmed;
}
