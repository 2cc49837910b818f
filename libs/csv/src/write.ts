/** What a CSV cell may hold; null and undefined are written as empty cells. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * Characters that make a spreadsheet read a cell as a formula (CSV injection): "=", "+", "-", "@",
 * and tab / carriage return, which some spreadsheets strip before looking at the next character.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that a spreadsheet would run as a formula is prefixed with an apostrophe, which shows it as text. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One cell as RFC 4180 text: strings are neutralised and then quoted when they hold a comma, a
 * quote or a line break. Finite numbers and booleans are written as they are: they carry no formula.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A whole CSV document: a header and rows, lines ended by CRLF. `bom` starts it with a UTF-8 byte
 * order mark, which spreadsheets need to read Chinese text correctly.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>, opts: { bom?: boolean } = {}): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return (opts.bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}
