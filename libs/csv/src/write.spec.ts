import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { csvCell, neutraliseFormula, toCsv } from './write';

describe('neutraliseFormula', () => {
  it.each(['=1+1', '+86 138', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd', '=HYPERLINK("http://x","点我")'])('prefixes %j with an apostrophe', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it.each(['李雷', 'a=b', 'x-1', 'user@example.com', '', ' =1', "'=1"])('leaves %j alone', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });
});

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('neutralises before quoting, so a quoted formula stays text', () => {
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
  });

  it('writes numbers, booleans and empties as they are', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(3.5)).toBe('3.5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('toCsv', () => {
  it('writes a header and rows with CRLF line ends, optionally after a BOM', () => {
    expect(toCsv(['username', 'display_name'], [['li.lei', '李雷'], ['x', '=cmd|calc']])).toBe("username,display_name\r\nli.lei,李雷\r\nx,'=cmd|calc\r\n");
    expect(toCsv(['a'], [], { bom: true })).toBe('\uFEFFa\r\n');
  });

  it('reads back cell for cell, and no cell a reader sees starts a formula', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { maxLength: 8 }), (rows) => {
        const parsed: string[][] = parse(toCsv(['a', 'b'], rows), { relax_quotes: false });
        expect(parsed).toHaveLength(rows.length + 1);
        parsed.slice(1).forEach((row, i) => {
          row.forEach((cell, j) => {
            expect(cell).toBe(neutraliseFormula(rows[i][j]));
            expect(cell).not.toMatch(/^[=+\-@\t\r]/);
          });
        });
      }),
    );
  });
});
