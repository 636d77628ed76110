import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { csvCellText, csvHeader, toCsv, type CsvColumn } from "@/server/domain/csv";

/** A strict RFC 4180 reader, written here only to check the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === "") {
      quoted = true;
      i++;
    } else if (ch === ",") {
      row.push(cell);
      cell = "";
      i++;
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 2;
    } else {
      if (ch === '"' || ch === "\r" || ch === "\n") throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
      cell += ch;
      i++;
    }
  }
  if (cell !== "" || row.length) throw new Error("file does not end with CRLF");
  return rows;
}

type Row = { a: string; b: number | null };
const columns: CsvColumn<Row>[] = [
  { header: "Name, full", value: (r) => r.a },
  { header: "Count", value: (r) => r.b },
];

describe("toCsv", () => {
  it("writes a header and CRLF-terminated lines, quoting only when needed", () => {
    expect(
      toCsv(
        [
          { a: "Olson", b: 2 },
          { a: 'say "hi"', b: null },
        ],
        columns,
      ),
    ).toBe('"Name, full",Count\r\nOlson,2\r\n"say ""hi""",\r\n');
    expect(toCsv([], columns)).toBe('"Name, full",Count\r\n');
    expect(toCsv([{ a: "x", b: 1 }], columns, { header: false })).toBe("x,1\r\n");
    expect(csvHeader(columns)).toBe('"Name, full",Count\r\n');
  });
  it("quotes line breaks inside a cell", () => {
    expect(toCsv([{ a: "line1\nline2", b: 0 }], columns, { header: false })).toBe('"line1\nline2",0\r\n');
  });
  it("neutralises spreadsheet formulas in text cells but leaves numbers alone", () => {
    for (const evil of ['=HYPERLINK("x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"]) {
      expect(csvCellText(evil)).toBe(`'${evil}`);
    }
    expect(csvCellText(-5)).toBe("-5");
    expect(csvCellText("a=b")).toBe("a=b");
    expect(csvCellText(true)).toBe("true");
    expect(csvCellText(Number.NaN)).toBe("");
    expect(toCsv([{ a: "=1+1", b: -1 }], columns, { header: false })).toBe("'=1+1,-1\r\n");
  });
  it("property: reading the file back gives the same cells (formula cells with their guard quote)", () => {
    const cellArb = fc.oneof(
      fc.string(),
      fc.string({
        unit: fc.constantFrom("a", ",", '"', "\r", "\n", "=", "+", "-", "@", "\t", " ", "'", "é"),
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cellArb, { minLength: 3, maxLength: 3 }), { maxLength: 6 }), (cells) => {
        const cols: CsvColumn<string[]>[] = [0, 1, 2].map((i) => ({ header: `h${i}`, value: (r) => r[i] }));
        const parsed = parseCsv(toCsv(cells, cols));
        expect(parsed[0]).toEqual(["h0", "h1", "h2"]);
        const expected = cells.map((r) => r.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
        expect(parsed.slice(1)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
