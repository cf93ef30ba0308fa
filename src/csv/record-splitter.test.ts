import { describe, expect, it } from 'vitest';
import { ToolSyncError } from '../errors.js';
import { RecordSplitter, type CsvItem } from './record-splitter.js';

/** Feeds the chunks one by one, then ends the input; returns every item in order. */
function split(chunks: readonly string[], separator = ';'): CsvItem[] {
  const splitter = new RecordSplitter(separator, 'input.csv');
  const items = chunks.flatMap((chunk) => splitter.push(chunk));
  return [...items, ...splitter.end()];
}

/** The error thrown by `run`, or a failure when nothing is thrown. */
function thrown(run: () => unknown): ToolSyncError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ToolSyncError);
    return error as ToolSyncError;
  }
  expect.unreachable('nothing was thrown');
}

describe('RecordSplitter: plain records', () => {
  it('splits lines on the separator, keeps fields untrimmed, numbers lines from 1', () => {
    expect(split(['a;b;c\n 1 ; 2;3\n'])).toEqual([
      { kind: 'record', line: 1, endLine: 1, raw: 'a;b;c', fields: ['a', 'b', 'c'] },
      { kind: 'record', line: 2, endLine: 2, raw: ' 1 ; 2;3', fields: [' 1 ', ' 2', '3'] },
    ]);
  });

  it('reads a last line that has no line break', () => {
    expect(split(['a;b\nc;d'])).toEqual([
      { kind: 'record', line: 1, endLine: 1, raw: 'a;b', fields: ['a', 'b'] },
      { kind: 'record', line: 2, endLine: 2, raw: 'c;d', fields: ['c', 'd'] },
    ]);
  });

  it('uses the tab separator and keeps semicolons and commas inside values', () => {
    expect(split(['a\tb;c\td,e\n'], '\t')).toEqual([
      { kind: 'record', line: 1, endLine: 1, raw: 'a\tb;c\td,e', fields: ['a', 'b;c', 'd,e'] },
    ]);
  });

  it('reads a 100,000-character line fed in 4 KiB chunks as one record', () => {
    const long = 'x'.repeat(100_000);
    const text = `h1;h2\nv;${long}\nlast;row\n`;
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 4096) chunks.push(text.slice(i, i + 4096));
    const items = split(chunks);
    expect(items.map((item) => item.line)).toEqual([1, 2, 3]);
    expect(items[1]).toEqual({ kind: 'record', line: 2, endLine: 2, raw: `v;${long}`, fields: ['v', long] });
    expect(items[2]).toMatchObject({ raw: 'last;row', fields: ['last', 'row'] });
  });
});

describe('RecordSplitter: line endings', () => {
  const expected = [
    { kind: 'record', line: 1, endLine: 1, raw: 'a;b', fields: ['a', 'b'] },
    { kind: 'record', line: 2, endLine: 2, raw: 'c;d', fields: ['c', 'd'] },
    { kind: 'record', line: 4, endLine: 4, raw: 'e;f', fields: ['e', 'f'] },
  ];

  it.each([
    ['LF', 'a;b\nc;d\n\ne;f\n', '\n'],
    ['CRLF', 'a;b\r\nc;d\r\n\r\ne;f\r\n', '\r\n'],
    ['CR only', 'a;b\rc;d\r\re;f\r', '\r'],
    ['mixed (CRLF, CR, LF)', 'a;b\r\nc;d\r\re;f\n', '\r\n'],
  ])('%s: same records, same physical line numbers', (_name, text, lineBreak) => {
    const splitter = new RecordSplitter(';', 'input.csv');
    expect([...splitter.push(text), ...splitter.end()]).toEqual(expected);
    expect(splitter.lineBreak).toBe(lineBreak);
  });

  it('counts CR, LF and CRLF each as one line in a file that mixes them', () => {
    expect(split(['a\rb\nc\r\nd\n\re']).map((item) => [item.line, item.raw])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
      // line 5 is the blank line between LF and CR
      [6, 'e'],
    ]);
  });

  it('reports the first line break seen, and LF when there is none', () => {
    const none = new RecordSplitter(';', 'input.csv');
    none.push('a;b');
    none.end();
    expect(none.lineBreak).toBe('\n');
    const crAtEnd = new RecordSplitter(';', 'input.csv');
    expect(crAtEnd.push('a;b\r')).toEqual([]);
    expect(crAtEnd.end()).toEqual([{ kind: 'record', line: 1, endLine: 1, raw: 'a;b', fields: ['a', 'b'] }]);
    expect(crAtEnd.lineBreak).toBe('\r');
  });
});

describe('RecordSplitter: chunk boundaries', () => {
  it('waits for the next chunk when a chunk ends inside a CRLF (no phantom blank line)', () => {
    const splitter = new RecordSplitter(';', 'input.csv');
    expect(splitter.push('a;b\r')).toEqual([]);
    expect(splitter.push('\nc;d\r')).toEqual([{ kind: 'record', line: 1, endLine: 1, raw: 'a;b', fields: ['a', 'b'] }]);
    expect(splitter.push('\ne;f')).toEqual([{ kind: 'record', line: 2, endLine: 2, raw: 'c;d', fields: ['c', 'd'] }]);
    expect(splitter.end()).toEqual([{ kind: 'record', line: 3, endLine: 3, raw: 'e;f', fields: ['e', 'f'] }]);
    expect(splitter.lineBreak).toBe('\r\n');
  });

  it('joins a character split between two chunks (surrogate pair, accents)', () => {
    const text = 'name;emoji\nJosé;😀\n';
    const cut = text.indexOf('😀') + 1; // between the two UTF-16 halves
    expect(split([text.slice(0, cut), text.slice(cut)])).toEqual([
      { kind: 'record', line: 1, endLine: 1, raw: 'name;emoji', fields: ['name', 'emoji'] },
      { kind: 'record', line: 2, endLine: 2, raw: 'José;😀', fields: ['José', '😀'] },
    ]);
  });

  it('gives the same items wherever the text is cut into two or three chunks', () => {
    const text =
      '# comment\r\nh1;h2;h3\r\n\r\n1;"two\r\nlines; with ""quotes""";3\r4;5;6\n  \n"7";"8\n\n9";x\r\nend;"";z';
    const whole = split([text]);
    expect(whole.map((item) => item.line)).toEqual([1, 2, 4, 6, 8, 11]);
    for (let i = 0; i <= text.length; i++) {
      expect(split([text.slice(0, i), text.slice(i)]), `cut at ${i}`).toEqual(whole);
      const j = Math.min(text.length, i + 3);
      expect(split([text.slice(0, i), text.slice(i, j), text.slice(j)]), `cuts at ${i}, ${j}`).toEqual(whole);
    }
  });
});

describe('RecordSplitter: quoting', () => {
  it('keeps separators inside a quoted value', () => {
    expect(split(['"a;b";c;"d;e"\n'])).toEqual([
      { kind: 'record', line: 1, endLine: 1, raw: '"a;b";c;"d;e"', fields: ['a;b', 'c', 'd;e'] },
    ]);
  });

  it('turns doubled quotes into one quote, and reads empty quoted values', () => {
    expect(split(['"say ""hi""";"";x;""""\n'])).toEqual([
      { kind: 'record', line: 1, endLine: 1, raw: '"say ""hi""";"";x;""""', fields: ['say "hi"', '', 'x', '"'] },
    ]);
  });

  it('treats a field whose first non-space character is a quote as quoted', () => {
    expect(split(['a;   "b;c"  ;d\n'])).toEqual([
      { kind: 'record', line: 1, endLine: 1, raw: 'a;   "b;c"  ;d', fields: ['a', 'b;c', 'd'] },
    ]);
  });

  it('keeps a quote in the middle of an unquoted field as is', () => {
    expect(split(['12" screen;O"Brien;x"\n'])).toEqual([
      { kind: 'record', line: 1, endLine: 1, raw: '12" screen;O"Brien;x"', fields: ['12" screen', 'O"Brien', 'x"'] },
    ]);
  });

  it('reads line breaks inside a quoted value: one record, start line, end line, raw with original breaks', () => {
    const items = split(['h1;h2;h3\n1;"two\r\nlines\r\n\nand a # not comment";3\n4;5;6\n']);
    expect(items).toEqual([
      { kind: 'record', line: 1, endLine: 1, raw: 'h1;h2;h3', fields: ['h1', 'h2', 'h3'] },
      {
        kind: 'record',
        line: 2,
        endLine: 5,
        raw: '1;"two\r\nlines\r\n\nand a # not comment";3',
        // inside the value, every line break is read as LF
        fields: ['1', 'two\nlines\n\nand a # not comment', '3'],
      },
      { kind: 'record', line: 6, endLine: 6, raw: '4;5;6', fields: ['4', '5', '6'] },
    ]);
  });

  it('marks text after a closing quote with its 1-based column and keeps that text', () => {
    expect(split(['a;"b"c;d\n'])).toEqual([
      { kind: 'record', line: 1, endLine: 1, raw: 'a;"b"c;d', fields: ['a', 'bc', 'd'], textAfterQuote: 6 },
    ]);
  });

  it('accepts spaces after a closing quote', () => {
    expect(split(['"b"   ;c\n'])).toEqual([{ kind: 'record', line: 1, endLine: 1, raw: '"b"   ;c', fields: ['b', 'c'] }]);
  });

  it('throws CSV_UNCLOSED_QUOTE naming the file, line and column where the quote opened', () => {
    const splitter = new RecordSplitter(';', 'users.csv');
    expect(splitter.push('# c\nh1;h2\n\nok;"fine"\nx; "never closed\nmore;text\n')).toHaveLength(3);
    const error = thrown(() => splitter.end());
    expect(error).toMatchObject({ code: 'CSV_UNCLOSED_QUOTE', params: { file: 'users.csv', line: 5, column: 4 } });
    expect(error.message).toContain('users.csv, line 5, column 4');
  });

  it('throws CSV_UNCLOSED_QUOTE when the file ends just after the opening line', () => {
    const splitter = new RecordSplitter(',', 'groups.csv');
    splitter.push('a,"b\r\n');
    expect(thrown(() => splitter.end())).toMatchObject({
      code: 'CSV_UNCLOSED_QUOTE',
      params: { file: 'groups.csv', line: 1, column: 3 },
    });
  });
});

describe('RecordSplitter: comments and blank lines', () => {
  it('returns comment lines (any marker, after spaces) as comments and skips blank lines', () => {
    const text = ['# hash', '/ slash', '- dash', '( paren', '[ bracket', '   # indented', '', '  \t ', 'a;b'].join('\n');
    expect(split([text])).toEqual([
      { kind: 'comment', line: 1, raw: '# hash' },
      { kind: 'comment', line: 2, raw: '/ slash' },
      { kind: 'comment', line: 3, raw: '- dash' },
      { kind: 'comment', line: 4, raw: '( paren' },
      { kind: 'comment', line: 5, raw: '[ bracket' },
      { kind: 'comment', line: 6, raw: '   # indented' },
      { kind: 'record', line: 9, endLine: 9, raw: 'a;b', fields: ['a', 'b'] },
    ]);
  });

  it('reads a line that starts with spaces then data as data', () => {
    expect(split(['   bob;Bob\n'])).toEqual([{ kind: 'record', line: 1, endLine: 1, raw: '   bob;Bob', fields: ['   bob', 'Bob'] }]);
  });

  it('does not parse quotes in a comment line (no unclosed-quote error)', () => {
    expect(split(['# it is "open\na;b\n'])).toEqual([
      { kind: 'comment', line: 1, raw: '# it is "open' },
      { kind: 'record', line: 2, endLine: 2, raw: 'a;b', fields: ['a', 'b'] },
    ]);
  });

  it('reads a quoted first value that starts with a comment marker as data', () => {
    expect(split(['"#1";x\n'])).toEqual([{ kind: 'record', line: 1, endLine: 1, raw: '"#1";x', fields: ['#1', 'x'] }]);
  });
});
