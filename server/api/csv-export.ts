import "server-only";
import { TRPCError } from "@trpc/server";
import { csvHeader, toCsv, type CsvColumn } from "@/server/domain/csv";
import { MAX_EXPORT_ROWS } from "./list-params";

/** Rows fetched per call while streaming an export. */
export const EXPORT_PAGE_SIZE = 100;

const STATUS: Partial<Record<TRPCError["code"], number>> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
};

export function plainResponse(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

/** A tRPC refusal (signed out, forbidden, bad input) as the matching HTTP answer; anything else rethrows. */
export function refusalResponse(e: unknown): Response {
  if (e instanceof TRPCError && STATUS[e.code]) return plainResponse(STATUS[e.code]!, e.message);
  throw e;
}

/**
 * Streams every row of a paginated list procedure as CSV. `fetchPage` is the same tRPC procedure the
 * screen calls (so sign-in, permission and practice checks are the screen's); the export refuses
 * more than MAX_EXPORT_ROWS rows and starts with a byte-order mark so spreadsheets read UTF-8.
 */
export async function csvExportResponse<Row>(opts: {
  fetchPage: (page: number) => Promise<{ items: Row[]; total: number }>;
  columns: readonly CsvColumn<Row>[];
  filename: string;
  narrowHint: string;
  /** Writes the audit row of the download once the first page is read (see exports.record). */
  audit: (rows: number) => Promise<unknown>;
}): Promise<Response> {
  let first: { items: Row[]; total: number };
  try {
    first = await opts.fetchPage(1);
  } catch (e) {
    return refusalResponse(e);
  }
  if (first.total > MAX_EXPORT_ROWS) {
    return plainResponse(413, `The export is limited to ${MAX_EXPORT_ROWS} rows; ${first.total} match. ${opts.narrowHint}`);
  }
  await opts.audit(first.total);
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
        if (next.items.length) controller.enqueue(encoder.encode(toCsv(next.items, opts.columns, { header: false })));
        if (done(page, next.items.length, next.total)) controller.close();
      } catch (e) {
        controller.error(e);
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
