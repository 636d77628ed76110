/**
 * RFC 4180 CSV reader: quoted fields with doubled quotes, commas and line breaks inside quotes,
 * CRLF or LF line ends, an optional UTF-8 byte-order mark. Reports malformed quoting with the line
 * number instead of guessing.
 */
export interface CsvParse {
  rows: string[][];
  /** 1-based line where each row starts (for messages like "line 12"). */
  lines: number[];
  error: { line: number; message: string } | null;
}

export function parseCsv(text: string): CsvParse {
  const rows: string[][] = [];
  const lines: number[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let row: string[] = [];
  let rowLine = 1;
  let field = "";
  let quoted = false;
  let fieldStarted = false;
  const endRow = () => {
    row.push(field);
    // A blank line (one empty field) is skipped.
    if (!(row.length === 1 && row[0] === "" && !fieldStarted)) {
      rows.push(row);
      lines.push(rowLine);
    }
    row = [];
    field = "";
    fieldStarted = false;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const n = text[i];
        if (n !== undefined && n !== "," && n !== "\n" && n !== "\r") {
          return { rows, lines, error: { line, message: `unexpected character after a closing quote` } };
        }
        continue;
      }
      if (c === "\n") line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field !== "") return { rows, lines, error: { line, message: "a quote inside an unquoted field" } };
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (c === ",") {
      row.push(field);
      field = "";
      fieldStarted = true;
      i++;
    } else if (c === "\r" || c === "\n") {
      endRow();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      rowLine = line;
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) return { rows, lines, error: { line, message: "a quoted field is not closed" } };
  if (field !== "" || row.length > 0 || fieldStarted) endRow();
  return { rows, lines, error: null };
}

/** Undoes the download's formula guard: a leading ' before = + - @ was added on export. */
export function unguardCell(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}
