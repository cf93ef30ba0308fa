import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveEncoding, type Encoding } from './decode.js';
import type { Separator } from './dialect.js';
import type { ColumnSpec } from './header-check.js';
import { openCsvTable, type CsvHeader, type CsvNotice, type CsvReadOptions, type RowProblem } from './reader.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const CHUNK = 256 * 1024;
const BOM = [0xef, 0xbb, 0xbf];
const USERS: ColumnSpec = { required: ['username'], optional: ['firstname', 'lastname', 'email', 'city', 'description'] };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tool-sync-reader-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let count = 0;
/** Writes exact bytes (or UTF-8 text) to a new file of the temp dir and returns its path. */
function fixture(content: Buffer | string | readonly number[], name = `f${++count}.csv`): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content as Buffer));
  return path;
}

function ascii(text: string): number[] {
  return [...Buffer.from(text, 'latin1')];
}

/** A row as plain data: values in header order (undefined when the row is short). */
interface RowView {
  line: number;
  raw: string;
  values: (string | undefined)[];
  problem?: RowProblem;
}

interface Read {
  header: CsvHeader;
  rows: RowView[];
  batchSizes: number[];
  notices: CsvNotice[];
  lineBreak: string;
  bytesRead: number;
}

interface ReadSettings extends Partial<CsvReadOptions> {
  separator?: Separator;
  encoding?: Encoding;
}

/** Opens the file with openCsvTable and reads every row. */
async function readAll(path: string, settings: ReadSettings = {}): Promise<Read> {
  const { separator = ';', encoding = 'UTF-8', ...options } = settings;
  const notices: CsvNotice[] = [];
  const table = await openCsvTable(
    path,
    { separator, encoding },
    { displayName: 'users.csv', spec: USERS, onNotice: (notice) => notices.push(notice), ...options },
  );
  const rows: RowView[] = [];
  const batchSizes: number[] = [];
  for await (const batch of table.batches) {
    batchSizes.push(batch.length);
    for (const row of batch) {
      const values = table.header.columns.map((column) => row.value(column));
      rows.push(row.problem ? { line: row.line, raw: row.raw, values, problem: row.problem } : { line: row.line, raw: row.raw, values });
    }
  }
  return { header: table.header, rows, batchSizes, notices, lineBreak: table.lineBreak, bytesRead: table.bytesRead };
}

describe('openCsvTable: readable fixtures', () => {
  it('reads users-sample.csv: comments before the header, blank line, quotes, multi-line value, comment notice', async () => {
    const read = await readAll(join(FIXTURES, 'users-sample.csv'));
    expect(read.header).toEqual({
      line: 3,
      raw: 'username;firstname;lastname;email;city',
      columns: ['username', 'firstname', 'lastname', 'email', 'city'],
    });
    expect(read.rows).toEqual([
      { line: 5, raw: 'alice;Alice;Martin;alice@example.org;Paris', values: ['alice', 'Alice', 'Martin', 'alice@example.org', 'Paris'] },
      {
        line: 6,
        raw: '"bob";"Bob";"O""Brien";bob@example.org;"Saint-Denis; Réunion"',
        values: ['bob', 'Bob', 'O"Brien', 'bob@example.org', 'Saint-Denis; Réunion'],
      },
      {
        line: 7,
        raw: '  carol ; Carol ;Durand;carol@example.org;Lyon',
        values: ['carol', 'Carol', 'Durand', 'carol@example.org', 'Lyon'],
      },
      {
        line: 9,
        raw: 'emma;Emma;"Leroy\nnée Dupont";emma@example.org;Lille',
        values: ['emma', 'Emma', 'Leroy\nnée Dupont', 'emma@example.org', 'Lille'],
      },
      {
        line: 11,
        raw: 'frank;Frank;Moreau;frank&#44jr@example.org',
        values: ['frank', 'Frank', 'Moreau', 'frank,jr@example.org', undefined],
      },
    ]);
    expect(read.notices).toEqual([{ line: 8, code: 'CSV_COMMENT_LOOKS_LIKE_DATA', params: { char: '-' } }]);
    expect(read.bytesRead).toBe(statSync(join(FIXTURES, 'users-sample.csv')).size);
  });

  it('reads courses-tab.csv with the tab separator: a quoted tab, a semicolon and a comma in values', async () => {
    const read = await readAll(join(FIXTURES, 'courses-tab.csv'), {
      separator: '\t',
      spec: { required: ['shortname', 'fullname'], optional: ['category'] },
    });
    expect(read.header.columns).toEqual(['shortname', 'fullname', 'category']);
    expect(read.rows).toEqual([
      { line: 3, raw: 'maths101\t"Maths\tgroup A"\t3', values: ['maths101', 'Maths\tgroup A', '3'] },
      { line: 5, raw: 'phys;1\tPhysics, 1st year\t', values: ['phys;1', 'Physics, 1st year', ''] },
    ]);
  });
});

describe('openCsvTable: quoting', () => {
  it('reads quoted separators, doubled quotes and quoted line breaks (CRLF inside, raw kept)', async () => {
    const path = fixture('username;description;city\r\n"a;1";"He said ""hi"";\r\nthen left";"x"\r\nb;plain;y\r\n');
    const read = await readAll(path);
    expect(read.rows).toEqual([
      { line: 2, raw: '"a;1";"He said ""hi"";\r\nthen left";"x"', values: ['a;1', 'He said "hi";\nthen left', 'x'] },
      { line: 4, raw: 'b;plain;y', values: ['b', 'plain', 'y'] },
    ]);
  });

  it('keeps a quote in the middle of an unquoted value', async () => {
    const read = await readAll(fixture('username;description\nu1;12" screen\nu2;say "hi"\n'));
    expect(read.rows.map((row) => row.values)).toEqual([
      ['u1', '12" screen'],
      ['u2', 'say "hi"'],
    ]);
  });

  it('fails only the row with text after a closing quote (CSV_TEXT_AFTER_QUOTE), the next rows are read', async () => {
    const read = await readAll(fixture('username;city\n"ann"x;Paris\nbob;Lyon\n'));
    expect(read.rows).toEqual([
      { line: 2, raw: '"ann"x;Paris', values: ['annx', 'Paris'], problem: { code: 'CSV_TEXT_AFTER_QUOTE', params: { position: 6 } } },
      { line: 3, raw: 'bob;Lyon', values: ['bob', 'Lyon'] },
    ]);
  });

  it('stops the file with CSV_UNCLOSED_QUOTE naming the file, line and column where the quote opened', async () => {
    expect.assertions(2);
    const path = fixture('username;city\n\nalice;Paris\nbob;  "Lyon\ncarol;Nice\n');
    try {
      await readAll(path, { displayName: 'userimport.csv' });
    } catch (error) {
      expect(error).toMatchObject({ code: 'CSV_UNCLOSED_QUOTE', params: { file: 'userimport.csv', line: 4, column: 7 } });
      expect((error as Error).message).toMatch(/^userimport\.csv, line 4, column 7: /);
    }
  });

  it('rejects openCsvTable itself when the header line opens a quote that never closes', async () => {
    await expect(
      openCsvTable(fixture('# c\n"username;city\n'), { separator: ';', encoding: 'UTF-8' }, { displayName: 'h.csv', spec: USERS }),
    ).rejects.toMatchObject({ code: 'CSV_UNCLOSED_QUOTE', params: { file: 'h.csv', line: 2, column: 1 } });
  });
});

describe('openCsvTable: encodings', () => {
  it('drops a UTF-8 BOM in UTF-8 mode (the first column is recognised)', async () => {
    const read = await readAll(fixture([...BOM, ...Buffer.from('username;city\r\nzoé;Besançon\r\n', 'utf8')]));
    expect(read.header).toEqual({ line: 1, raw: 'username;city', columns: ['username', 'city'] });
    expect(read.rows).toEqual([{ line: 2, raw: 'zoé;Besançon', values: ['zoé', 'Besançon'] }]);
  });

  it.each(['ISO-8859-1', 'Windows-1252'] as const)('drops a UTF-8 BOM in %s mode (no "ï»¿" glued to the first column)', async (encoding) => {
    const read = await readAll(fixture([...BOM, ...ascii('username;city\nzo'), 0xe9, ...ascii(';Lyon\n')]), { encoding });
    expect(read.header.columns).toEqual(['username', 'city']);
    expect(read.rows).toEqual([{ line: 2, raw: 'zoé;Lyon', values: ['zoé', 'Lyon'] }]);
  });

  it('reads Windows-1252 accents once: é (0xE9), € (0x80), œ (0x9C)', async () => {
    const bytes = [...ascii('username;description\r\nl'), 0xe9, ...ascii('a;c'), 0x9c, ...ascii('ur '), 0x80, 0x0d, 0x0a];
    const read = await readAll(fixture(bytes), { encoding: 'Windows-1252' });
    expect(read.rows).toEqual([{ line: 2, raw: 'léa;cœur €', values: ['léa', 'cœur €'] }]);
  });

  it('reads ISO-8859-1 accents once: é (0xE9), ç (0xE7), ü (0xFC)', async () => {
    const bytes = [...ascii('username;city\nfran'), 0xe7, ...ascii('ois;M'), 0xfc, ...ascii('nchen '), 0xe9, 0x0a];
    const read = await readAll(fixture(bytes), { encoding: 'ISO-8859-1' });
    expect(read.rows).toEqual([{ line: 2, raw: 'françois;München é', values: ['françois', 'München é'] }]);
  });

  it('reads UTF-8 accents once (no "Ã©")', async () => {
    const read = await readAll(fixture('username;city\nzoé;Orléans\n'));
    expect(read.rows[0]?.values).toEqual(['zoé', 'Orléans']);
  });

  it('auto: the same text in UTF-8 and in Windows-1252 bytes reads the same after resolveEncoding', async () => {
    const utf8 = fixture('username;city\nzoé;5€\n');
    const cp1252 = fixture([...ascii('username;city\nzo'), 0xe9, ...ascii(';5'), 0x80, 0x0a]);
    const resolved = [await resolveEncoding(utf8, 'auto'), await resolveEncoding(cp1252, 'auto')];
    expect(resolved).toEqual(['UTF-8', 'Windows-1252']);
    const rows = [(await readAll(utf8, { encoding: resolved[0] })).rows, (await readAll(cp1252, { encoding: resolved[1] })).rows];
    expect(rows[0]).toEqual([{ line: 2, raw: 'zoé;5€', values: ['zoé', '5€'] }]);
    expect(rows[1]).toEqual(rows[0]);
  });
});

describe('openCsvTable: line endings', () => {
  const expectedRows = [
    { line: 2, raw: 'a;Paris', values: ['a', 'Paris'] },
    { line: 4, raw: 'b;Lyon', values: ['b', 'Lyon'] },
  ];

  it.each([
    ['CRLF', 'username;city\r\na;Paris\r\n\r\nb;Lyon\r\n', '\r\n'],
    ['CR only', 'username;city\ra;Paris\r\rb;Lyon\r', '\r'],
    ['LF', 'username;city\na;Paris\n\nb;Lyon\n', '\n'],
    ['mixed CRLF, CR and LF', 'username;city\r\na;Paris\r\n\rb;Lyon\n', '\r\n'],
    ['no final line break', 'username;city\na;Paris\n  \nb;Lyon', '\n'],
  ])('%s', async (_name, text, lineBreak) => {
    const read = await readAll(fixture(text));
    expect(read.header).toEqual({ line: 1, raw: 'username;city', columns: ['username', 'city'] });
    expect(read.rows).toEqual(expectedRows);
    expect(read.lineBreak).toBe(lineBreak);
  });
});

describe('openCsvTable: comments and blank lines', () => {
  it('skips comments before the header and blank lines everywhere, keeping physical line numbers', async () => {
    const text = [
      '', // 1
      '# users', // 2
      '   ', // 3
      '/ generated', // 4
      '-- by HR', // 5
      '( draft )', // 6
      '[section]', // 7
      'username;city', // 8
      '\t', // 9
      'a;Paris', // 10
      '', // 11
      '  # indented comment', // 12
      'b;Lyon', // 13
      '', // 14
      '', // 15
    ].join('\n');
    const read = await readAll(fixture(text));
    expect(read.header).toEqual({ line: 8, raw: 'username;city', columns: ['username', 'city'] });
    expect(read.rows).toEqual([
      { line: 10, raw: 'a;Paris', values: ['a', 'Paris'] },
      { line: 13, raw: 'b;Lyon', values: ['b', 'Lyon'] },
    ]);
    expect(read.notices).toEqual([]);
  });

  it('reads a line that starts with spaces then data as a row (values trimmed, raw kept)', async () => {
    const read = await readAll(fixture('username;city\n   bob ;  Lyon\n'));
    expect(read.rows).toEqual([{ line: 2, raw: '   bob ;  Lyon', values: ['bob', 'Lyon'] }]);
  });

  it('calls onNotice for a skipped comment with as many fields as the header, only for those', async () => {
    const text = 'username;city;email\n#alice;Paris;a@x.org\n# just a note\n  /bob;Lyon;b@x.org\n(c;d\ncarol;Nice;c@x.org\n';
    const read = await readAll(fixture(text));
    expect(read.notices).toEqual([
      { line: 2, code: 'CSV_COMMENT_LOOKS_LIKE_DATA', params: { char: '#' } },
      { line: 4, code: 'CSV_COMMENT_LOOKS_LIKE_DATA', params: { char: '/' } },
    ]);
    expect(read.rows).toEqual([{ line: 6, raw: 'carol;Nice;c@x.org', values: ['carol', 'Nice', 'c@x.org'] }]);
  });
});

describe('openCsvTable: values', () => {
  it('trims values (quoted ones too), decodes &#44 to a comma, answers has() and value() by column', async () => {
    expect.assertions(6);
    const path = fixture('username ; city \n  x  ;" Saint-Malo&#44 Bretagne "\n');
    const table = await openCsvTable(path, { separator: ';', encoding: 'UTF-8' }, { displayName: 'v.csv', spec: USERS });
    expect(table.header.columns).toEqual(['username', 'city']);
    for await (const batch of table.batches) {
      for (const row of batch) {
        expect(row.value('username')).toBe('x');
        expect(row.value('city')).toBe('Saint-Malo, Bretagne');
        expect(row.has('city')).toBe(true);
        expect(row.has('email')).toBe(false);
        expect(row.value('email')).toBeUndefined();
      }
    }
  });

  it('allows rows with fewer values by default: the missing columns are undefined', async () => {
    const read = await readAll(fixture('username;firstname;city\na;Ann\nb\n'));
    expect(read.rows).toEqual([
      { line: 2, raw: 'a;Ann', values: ['a', 'Ann', undefined] },
      { line: 3, raw: 'b', values: ['b', undefined, undefined] },
    ]);
    expect(read.rows.every((row) => row.problem === undefined)).toBe(true);
  });

  it('marks rows with fewer values CSV_TOO_FEW_VALUES when allowFewerValues is false', async () => {
    const read = await readAll(fixture('username;firstname;city\na;Ann\nb;Bob;Lyon\n'), { allowFewerValues: false });
    expect(read.rows).toEqual([
      { line: 2, raw: 'a;Ann', values: ['a', 'Ann', undefined], problem: { code: 'CSV_TOO_FEW_VALUES', params: { count: 2, expected: 3 } } },
      { line: 3, raw: 'b;Bob;Lyon', values: ['b', 'Bob', 'Lyon'] },
    ]);
  });

  it('marks rows with a non-empty value beyond the header CSV_TOO_MANY_VALUES; extra empty values are fine', async () => {
    const text = 'username;city\na;Paris;extra\nb;Lyon;;\nc;Nice; ;""\nd;;;x\n';
    const read = await readAll(fixture(text));
    expect(read.rows).toEqual([
      { line: 2, raw: 'a;Paris;extra', values: ['a', 'Paris'], problem: { code: 'CSV_TOO_MANY_VALUES', params: { count: 3, expected: 2 } } },
      { line: 3, raw: 'b;Lyon;;', values: ['b', 'Lyon'] },
      { line: 4, raw: 'c;Nice; ;""', values: ['c', 'Nice'] },
      { line: 5, raw: 'd;;;x', values: ['d', ''], problem: { code: 'CSV_TOO_MANY_VALUES', params: { count: 4, expected: 2 } } },
    ]);
  });

  it('reads a 100,000-character line whole, and the lines around it', async () => {
    const long = 'é'.repeat(50_000) + 'x'.repeat(50_000);
    const read = await readAll(fixture(`username;description\r\nbefore;1\r\nlong;${long}\r\nafter;3\r\n`));
    expect(read.rows.map((row) => [row.line, row.values[0]])).toEqual([
      [2, 'before'],
      [3, 'long'],
      [4, 'after'],
    ]);
    expect(read.rows[1]?.values[1]).toHaveLength(100_000);
    expect(read.rows[1]?.values[1]).toBe(long);
    expect(read.rows[1]?.raw).toBe(`long;${long}`);
  });
});

describe('openCsvTable: empty files and header only', () => {
  it.each([
    ['an empty file', []],
    ['a BOM only', BOM],
    ['comments and blank lines only', ascii('# nothing\r\n\r\n   \r\n/ still nothing\r\n')],
  ])('throws CSV_EMPTY_FILE for %s, naming the file', async (_name, bytes) => {
    await expect(
      openCsvTable(fixture(bytes), { separator: ';', encoding: 'UTF-8' }, { displayName: 'empty.csv', spec: USERS }),
    ).rejects.toMatchObject({
      code: 'CSV_EMPTY_FILE',
      params: { file: 'empty.csv', required: 'username' },
      message: expect.stringMatching(/^empty\.csv: /),
    });
  });

  it.each([
    ['with a final line break', 'username;city\n'],
    ['without a final line break', 'username;city'],
    ['followed by comments and blank lines', 'username;city\r\n# end\r\n\r\n'],
  ])('reads a header only %s: zero rows, no error', async (_name, text) => {
    const read = await readAll(fixture(text));
    expect(read.header).toEqual({ line: 1, raw: 'username;city', columns: ['username', 'city'] });
    expect(read.rows).toEqual([]);
    expect(read.batchSizes).toEqual([]);
  });
});

describe('openCsvTable: binary garbage', () => {
  /** Deterministic pseudo-random bytes. */
  function randomBytes(length: number, seed: number): number[] {
    let state = seed;
    return Array.from({ length }, () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return (state >>> 16) & 0xff;
    });
  }

  it('stops a UTF-8 file on random bytes (invalid UTF-8) with CSV_INVALID_ENCODING and the line', async () => {
    const garbage = randomBytes(4096, 42);
    expect(garbage.filter((byte) => byte >= 0x80).length).toBeGreaterThan(1000);
    const path = fixture([...ascii('username;city\r\nalice;Paris\r\n'), 0xff, ...garbage]);
    await expect(readAll(path, { displayName: 'garbage.csv' })).rejects.toMatchObject({
      code: 'CSV_INVALID_ENCODING',
      params: { file: 'garbage.csv', line: 3 },
      message: expect.stringContaining('garbage.csv, line 3:'),
    });
  });

  it('stops a Windows-1252 file on random bytes holding a NUL with CSV_BINARY_CONTENT and the line', async () => {
    const garbage = randomBytes(2000, 7).filter((byte) => byte !== 0x00 && byte !== 0x0a && byte !== 0x0d);
    garbage.splice(500, 0, 0x00);
    const path = fixture([...ascii('username;city\nalice;Paris\n\n'), ...garbage]);
    await expect(readAll(path, { encoding: 'Windows-1252', displayName: 'nul.csv' })).rejects.toMatchObject({
      code: 'CSV_BINARY_CONTENT',
      params: { file: 'nul.csv', line: 4 },
      message: expect.stringContaining('nul.csv, line 4:'),
    });
  });

  it('stops on a NUL byte in UTF-8 mode with CSV_BINARY_CONTENT', async () => {
    const path = fixture([...ascii('username;city\nalice;Par'), 0x00, ...ascii('is\n')]);
    await expect(readAll(path)).rejects.toMatchObject({ code: 'CSV_BINARY_CONTENT', params: { file: 'users.csv', line: 2 } });
  });

  it('stops while streaming when the NUL byte is in a later chunk, after earlier rows were handed out', async () => {
    expect.assertions(3);
    const rows = Math.ceil((CHUNK * 2) / 13); // "u000001;city\n" is 13 bytes
    const body = Array.from({ length: rows }, (_, i) => `u${String(i + 1).padStart(6, '0')};city\n`).join('');
    const path = fixture([...ascii(`username;city\n${body}`), 0x00]);
    const table = await openCsvTable(path, { separator: ';', encoding: 'UTF-8' }, { displayName: 'late.csv', spec: USERS });
    let seen = 0;
    try {
      for await (const batch of table.batches) seen += batch.length;
    } catch (error) {
      expect(error).toMatchObject({ code: 'CSV_BINARY_CONTENT', params: { file: 'late.csv', line: rows + 2 } });
    }
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThanOrEqual(rows);
  });
});

describe('openCsvTable: files bigger than one read (256 KiB)', () => {
  it('reads rows across chunk boundaries that cut an é and a CRLF: exact values, no phantom line', async () => {
    const header = 'username;description\r\n';
    // 'é' starts on the last byte of the first chunk.
    const fillerA = `cut-e;${'x'.repeat(CHUNK - 1 - header.length - 'cut-e;'.length)}é\r\n`;
    const middle: string[] = [];
    let before = Buffer.byteLength(header + fillerA);
    for (let i = 0; before < 2 * CHUNK - 300; i++) {
      const line = `m${i};row ${i}\r\n`;
      middle.push(line);
      before += line.length;
    }
    // CR is the last byte of the second chunk, LF the first byte of the third.
    const fillerB = `cut-crlf;${'y'.repeat(2 * CHUNK - 1 - before - 'cut-crlf;'.length)}\r\n`;
    const text = `${header}${fillerA}${middle.join('')}${fillerB}last;élan\r\n`;
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes[CHUNK - 1]).toBe(0xc3);
    expect(bytes[CHUNK]).toBe(0xa9);
    expect(bytes[2 * CHUNK - 1]).toBe(0x0d);
    expect(bytes[2 * CHUNK]).toBe(0x0a);

    const read = await readAll(fixture(bytes));
    const expected = [
      { line: 2, username: 'cut-e', description: fillerA.slice(6, -2) },
      ...middle.map((_, i) => ({ line: 3 + i, username: `m${i}`, description: `row ${i}` })),
      { line: 3 + middle.length, username: 'cut-crlf', description: fillerB.slice(9, -2) },
      { line: 4 + middle.length, username: 'last', description: 'élan' },
    ];
    expect(read.rows.map((row) => ({ line: row.line, username: row.values[0], description: row.values[1] }))).toEqual(expected);
    expect(read.rows.every((row) => row.problem === undefined && !row.raw.includes('\r'))).toBe(true);
    expect(read.bytesRead).toBe(bytes.length);
  });

  it('streams: hands out rows in batches before the whole file is read (memory need not hold the file)', async () => {
    const rows = 200_000;
    const body = Array.from({ length: rows }, (_, i) => `u${String(i).padStart(6, '0')};Paris\n`).join('');
    const path = fixture(`username;city\n${body}`);
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(8 * CHUNK);
    const table = await openCsvTable(path, { separator: ';', encoding: 'UTF-8' }, { displayName: 'big.csv', spec: USERS, batchSize: 1000 });
    const readWhenBatchArrived: number[] = [];
    const sizes: number[] = [];
    let lastLine = 1;
    let ordered = true;
    for await (const batch of table.batches) {
      readWhenBatchArrived.push(table.bytesRead);
      sizes.push(batch.length);
      for (const row of batch) {
        ordered &&= row.line === lastLine + 1;
        lastLine = row.line;
      }
    }
    // The first batch came after at most two 256 KiB reads, far from the end of the file.
    expect(readWhenBatchArrived[0]).toBeLessThanOrEqual(2 * CHUNK);
    expect(readWhenBatchArrived.at(-1)).toBe(size);
    expect(sizes).toEqual(Array.from({ length: rows / 1000 }, () => 1000));
    expect(ordered).toBe(true);
    expect(lastLine).toBe(rows + 1);
  });
});

describe('openCsvTable: separators and headerless files', () => {
  it('reads a comma-separated file, a semicolon being an ordinary character there', async () => {
    const read = await readAll(fixture('username,city\n"a,b",x;y\n'), { separator: ',' });
    expect(read.rows).toEqual([{ line: 2, raw: '"a,b",x;y', values: ['a,b', 'x;y'] }]);
  });

  it('reads a tab-separated file', async () => {
    const read = await readAll(fixture('username\tcity\r\n a b \t Saint Malo \r\n'), { separator: '\t' });
    expect(read.rows).toEqual([{ line: 2, raw: ' a b \t Saint Malo ', values: ['a b', 'Saint Malo'] }]);
  });

  it('headerless: the given names are the columns and the first data line is a row', async () => {
    const read = await readAll(fixture('# courses to delete\nmaths101\n\nphys;2\n'), {
      headerless: ['shortname', 'idnumber'],
      spec: { required: ['not-checked'], optional: [] },
    });
    expect(read.header).toEqual({ line: 0, raw: '', columns: ['shortname', 'idnumber'] });
    expect(read.rows).toEqual([
      { line: 2, raw: 'maths101', values: ['maths101', undefined] },
      { line: 4, raw: 'phys;2', values: ['phys', '2'] },
    ]);
  });

  it('headerless: an empty file simply has no rows', async () => {
    const read = await readAll(fixture(''), { headerless: ['shortname'] });
    expect(read.rows).toEqual([]);
    expect(read.header.columns).toEqual(['shortname']);
  });
});
