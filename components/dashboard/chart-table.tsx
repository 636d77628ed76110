import { Download } from "lucide-react";
import Link from "next/link";
import { toCsv, type CsvValue } from "@/server/domain/csv";

export interface ChartTableRow {
  /** what the screen shows, one per column */
  cells: string[];
  /** what the CSV holds (plain numbers: cents, ratios 0–1, days) */
  raw: CsvValue[];
  /** the rows behind this line, with the dashboard's filters */
  href?: string | null;
  hrefLabel?: string;
}

/**
 * The accessible table view of a chart (and its CSV): the same server-computed numbers, one row per
 * point, each with a link to the rows behind it. Closed on screen, open on paper (print CSS).
 */
export function ChartTable({ caption, head, csvHead, rows, filename, testId }: { caption: string; head: string[]; csvHead?: string[]; rows: ChartTableRow[]; filename: string; testId?: string }) {
  const csv = "\uFEFF" + toCsv(rows, (csvHead ?? head).map((h, i) => ({ header: h, value: (r: ChartTableRow) => r.raw[i] })));
  return (
    <details className="group mt-2 text-sm" data-testid={testId}>
      <summary className="cursor-pointer text-xs font-medium text-primary print:hidden">Table view of “{caption}”</summary>
      <div className="mt-2 flex justify-end print:hidden">
        <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`} download={filename} className="inline-flex items-center gap-1 text-xs font-medium text-primary hover:underline">
          <Download className="size-3.5" aria-hidden /> Download CSV
        </a>
      </div>
      <table className="mt-1 w-full text-xs">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b">
            {head.map((h, i) => (
              <th key={h} scope="col" className={i === 0 ? "py-1 text-left font-medium" : "py-1 text-right font-medium"}>
                {h}
              </th>
            ))}
            <th scope="col" className="py-1 text-right font-medium print:hidden">
              <span className="sr-only">Rows</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, ri) => (
            <tr key={ri} className="border-b last:border-0">
              {r.cells.map((c, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className="py-1 text-left font-normal">
                    {c}
                  </th>
                ) : (
                  <td key={i} className="py-1 text-right tabular-nums">
                    {c}
                  </td>
                ),
              )}
              <td className="py-1 text-right print:hidden">
                {r.href ? (
                  <Link href={r.href} className="text-primary hover:underline" aria-label={r.hrefLabel ?? `Rows of ${r.cells[0]}`}>
                    Rows
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
