import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCsvTable } from './reader.js';
import { formatCsvLine, LineWriter } from './writer.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tool-sync-writer-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let count = 0;
function newPath(): string {
  return join(dir, `w${++count}.csv`);
}

function ascii(text: string): number[] {
  return [...Buffer.from(text, 'latin1')];
}

describe('LineWriter', () => {
  it('writes UTF-8 lines separated by LF by default, without a final line break', async () => {
    const writer = new LineWriter(newPath());
    await writer.writeLine('username;city');
    await writer.writeLine('zoé;Orléans');
    expect(writer.lines).toBe(2);
    await writer.close();
    expect(readFileSync(writer.path, 'utf8')).toBe('username;city\nzoé;Orléans');
  });

  it('writes Windows-1252 bytes with CRLF and a final line break on request', async () => {
    const writer = new LineWriter(newPath(), { encoding: 'Windows-1252', lineBreak: '\r\n' });
    await writer.writeLine('nom;prix');
    await writer.writeLine('cœur;5€');
    await writer.writeLine('été;');
    await writer.close({ finalLineBreak: true });
    expect([...readFileSync(writer.path)]).toEqual([
      ...ascii('nom;prix\r\nc'),
      0x9c,
      ...ascii('ur;5'),
      0x80,
      0x0d,
      0x0a,
      0xe9,
      0x74,
      0xe9,
      0x3b,
      0x0d,
      0x0a,
    ]);
  });

  it('writes ISO-8859-1 bytes with CR line breaks', async () => {
    const writer = new LineWriter(newPath(), { encoding: 'ISO-8859-1', lineBreak: '\r' });
    await writer.writeLine('a;é');
    await writer.writeLine('ü');
    await writer.close();
    expect([...readFileSync(writer.path)]).toEqual([0x61, 0x3b, 0xe9, 0x0d, 0xfc]);
  });

  it('creates no file when nothing was written', async () => {
    const path = newPath();
    const writer = new LineWriter(path, { encoding: 'Windows-1252', lineBreak: '\r\n' });
    await writer.close({ finalLineBreak: true });
    expect(writer.lines).toBe(0);
    expect(existsSync(path)).toBe(false);
  });

  it('writes many lines in order (back-pressure honoured, nothing lost)', async () => {
    const writer = new LineWriter(newPath());
    const total = 50_000;
    for (let i = 0; i < total; i++) await writer.writeLine(`user${i};${'x'.repeat(40)}`);
    await writer.close({ finalLineBreak: true });
    const lines = readFileSync(writer.path, 'utf8').split('\n');
    expect(lines).toHaveLength(total + 1);
    expect(lines[0]).toBe(`user0;${'x'.repeat(40)}`);
    expect(lines[total - 1]).toBe(`user${total - 1};${'x'.repeat(40)}`);
    expect(lines[total]).toBe('');
  });

  it('rewrites a Windows-1252 CRLF file byte for byte from the header and row raw texts (tryback)', async () => {
    const original = Buffer.from([
      ...ascii('username;description\r\nl'),
      0xe9,
      ...ascii('a;"c'),
      0x9c,
      ...ascii('ur\r\n5'),
      0x80,
      ...ascii(' ; ""x""\r\n\r\n"\r\nbob;plain\r\n'),
    ]);
    const input = newPath();
    writeFileSync(input, original);
    const table = await openCsvTable(input, { separator: ';', encoding: 'Windows-1252' }, {
      displayName: 'in.csv',
      spec: { required: ['username'], optional: ['description'] },
    });
    const writer = new LineWriter(newPath(), { encoding: 'Windows-1252', lineBreak: table.lineBreak });
    await writer.writeLine(table.header.raw);
    const values: (string | undefined)[] = [];
    for await (const batch of table.batches) {
      for (const row of batch) {
        values.push(row.value('description'));
        await writer.writeLine(row.raw);
      }
    }
    await writer.close({ finalLineBreak: true });
    // the quoted description spans four physical lines; inside the value every break reads as LF
    expect(values).toEqual(['cœur\n5€ ; "x"', 'plain']);
    expect(readFileSync(writer.path).equals(original)).toBe(true);
  });
});

describe('formatCsvLine', () => {
  it.each([
    ['plain values, numbers, null and undefined', ['a', 3, null, undefined, 'b'], 'a;3;;;b'],
    ['the separator', ['a;b', 'c'], '"a;b";c'],
    ['another separator (not quoted)', ['a,b', 'c\td'], 'a,b;c\td'],
    ['quotes, doubled', ['say "hi"'], '"say ""hi"""'],
    ['a LF', ['two\nlines'], '"two\nlines"'],
    ['a CR', ['two\rlines'], '"two\rlines"'],
    ['outer spaces', [' a', 'b ', '\tc'], '" a";"b ";"\tc"'],
    ['a start like a comment', ['#1', '/x', '-5', '(a)', '[b]', 'a#'], '"#1";"/x";"-5";"(a)";"[b]";a#'],
  ])('quotes values holding %s', (_name, values, line) => {
    expect(formatCsvLine(values, { separator: ';' })).toBe(line);
  });

  it('quotes values holding a tab when the separator is a tab', () => {
    expect(formatCsvLine(['a\tb', 'c;d', 'e'], { separator: '\t' })).toBe('"a\tb"\tc;d\te');
  });

  it('leaves formulas alone by default', () => {
    expect(formatCsvLine(['=1+1', '+33', '@me'], { separator: ';' })).toBe('=1+1;+33;@me');
  });

  it('prefixes values starting with =, +, - or @ with a quote when neutralizing formulas', () => {
    expect(formatCsvLine(['=SUM(A1)', '+33 6', '-5', '@cmd', 'a=b', '#x'], { separator: ';', neutralizeFormulas: true })).toBe(
      "'=SUM(A1);'+33 6;'-5;'@cmd;a=b;\"#x\"",
    );
    expect(formatCsvLine(['=a;b'], { separator: ';', neutralizeFormulas: true })).toBe('"\'=a;b"');
  });

  it('writes lines the reader reads back to the same values (comment-like first values included)', async () => {
    const rows = [
      ['#bob', 'a;b'],
      ['-alice', 'say "hi"\nline 2'],
      ['[carol]', ''],
      ['dave', '/root'],
    ];
    const writer = new LineWriter(newPath());
    await writer.writeLine(formatCsvLine(['username', 'description'], { separator: ';' }));
    for (const row of rows) await writer.writeLine(formatCsvLine(row, { separator: ';' }));
    await writer.close({ finalLineBreak: true });
    const table = await openCsvTable(writer.path, { separator: ';', encoding: 'UTF-8' }, {
      displayName: 'out.csv',
      spec: { required: ['username'], optional: ['description'] },
      onNotice: () => expect.unreachable('no line may be skipped as a comment'),
    });
    const read: (string | undefined)[][] = [];
    for await (const batch of table.batches) for (const row of batch) read.push([row.value('username'), row.value('description')]);
    expect(read).toEqual(rows);
  });
});
