import "server-only";
import { TRPCError } from "@trpc/server";
import { csvHeader, toCsv, type CsvColumn } from "@/server/domain/csv";
import { MAX_EXPORT_ROWS } from "./list-params";
import { auditExport, recordExportAccess, type RouteContext } from "./route-context";
import { errorResponse, logRouteFailure, plainResponse } from "./route-guard";

export { plainResponse };

/** Rows fetched per call while streaming an export. */
export const EXPORT_PAGE_SIZE = 100;

/**
 * A tRPC refusal (signed out, forbidden, bad input) as the matching HTTP answer; anything else is a
 * PHI-free 500 with the request id. Prefer `guardRoute`, which does this for the whole handler.
 */
export function refusalResponse(e: unknown, requestId = "unknown"): Response {
  return errorResponse(e, "export", requestId);
}

export type ExportFilters = Record<string, string | number | boolean | null>;

/**
 * Streams every row of a paginated list procedure as CSV. `fetchPage` is the same tRPC procedure the
 * screen calls (so sign-in, permission and practice checks are the screen's); the export refuses
 * more than MAX_EXPORT_ROWS rows and starts with a byte-order mark so spreadsheets read UTF-8.
 * The export writes its own audit row on the server (kind, filters, row count) and, when the rows
 * are patients' records (`patientIdOf`), one access-log row per patient. Call it inside `guardRoute`:
 * a refusal of the first page becomes the matching HTTP answer there; a failure while streaming is
 * logged without PHI and ends the download.
 */
export async function csvExportResponse<Row>(
  ctx: RouteContext,
  opts: {
    kind: string;
    filters: ExportFilters;
    /** `totalCapped`: the list counted up to its cap (LIST_COUNT_CAP = MAX_EXPORT_ROWS), more match */
    fetchPage: (page: number) => Promise<{ items: Row[]; total: number; totalCapped?: boolean }>;
    columns: readonly CsvColumn<Row>[];
    filename: string;
    narrowHint: string;
    /** The patient a row belongs to, when the rows are PHI. */
    patientIdOf?: (row: Row) => string;
  },
): Promise<Response> {
  const first = await opts.fetchPage(1);
  if (first.totalCapped || first.total > MAX_EXPORT_ROWS) {
    const n = `${first.total.toLocaleString("en-US")}${first.totalCapped ? "+" : ""}`;
    throw new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: `The export is limited to ${MAX_EXPORT_ROWS} rows; ${n} match. ${opts.narrowHint}` });
  }
  const { exportId } = await auditExport(ctx, { kind: opts.kind, filters: opts.filters, rows: first.total });
  const access = (rows: Row[]) =>
    opts.patientIdOf ? recordExportAccess(ctx, opts.kind, exportId, rows.map(opts.patientIdOf)) : Promise.resolve();
  await access(first.items);
  const encoder = new TextEncoder();
  const done = (page: number, got: number, total: number) => got < EXPORT_PAGE_SIZE || page * EXPORT_PAGE_SIZE >= total;
  let page = 1;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvHeader(opts.columns)}${toCsv(first.items, opts.columns, { header: false })}`));
      if (done(page, first.items.length, first.total)) controller.close();
    },
    async pull(controller) {
      page += 1;
      try {
        const next = await opts.fetchPage(page);
        await access(next.items);
        if (next.items.length) controller.enqueue(encoder.encode(toCsv(next.items, opts.columns, { header: false })));
        if (done(page, next.items.length, next.total)) controller.close();
      } catch (e) {
        logRouteFailure(`export-${opts.kind}`, ctx.requestId, e);
        controller.error(new Error(`The export stopped (reference ${ctx.requestId}).`));
      }
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${opts.filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
