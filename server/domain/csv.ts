/**
 * CSV for downloads (RFC 4180): comma-separated, CRLF line ends, a field is quoted when it holds a
 * comma, a quote, CR or LF, and quotes inside are doubled.
 *
 * Spreadsheet formula injection: a text cell starting with `=`, `+`, `-`, `@` (or tab / CR, which
 * some spreadsheets skip before reading a formula) is prefixed with a single quote so it is shown as
 * text and never evaluated. Numbers are written as they are (a negative amount stays a number).
 */
export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvValue;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** The text of one cell as it goes in the file, before quoting. */
export function csvCellText(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function quoteCsvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(cells: readonly string[]): string {
  return `${cells.map(quoteCsvField).join(",")}\r\n`;
}

/** The header line of these columns (headers are escaped like any cell). */
export function csvHeader<Row>(columns: readonly CsvColumn<Row>[]): string {
  return line(columns.map((c) => csvCellText(c.header)));
}

/**
 * Rows as CSV text, each line ending in CRLF. `header: false` leaves the header line out, for
 * streaming a long export page by page after `csvHeader`.
 */
export function toCsv<Row>(
  rows: readonly Row[],
  columns: readonly CsvColumn<Row>[],
  opts: { header?: boolean } = {},
): string {
  let out = opts.header === false ? "" : csvHeader(columns);
  for (const row of rows) out += line(columns.map((c) => csvCellText(c.value(row))));
  return out;
}
