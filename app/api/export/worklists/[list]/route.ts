import { TRPCError } from "@trpc/server";
import { MAX_EXPORT_ROWS, searchParamsToObject } from "@/server/api/list-params";
import {
  WORKLIST_FILTER_KEYS,
  WORKLIST_SLUGS,
  ZWorklistParams,
  worklistOfSlug,
  type TWorklistItem,
} from "@/server/api/routers/worklists/schemas";
import { serverCaller } from "@/server/api/server-caller";
import { csvHeader, toCsv, type CsvColumn } from "@/server/domain/csv";
import { ADMINISTRATION_STATE_LABELS } from "@/server/domain/orders/codes";

const COLUMNS: CsvColumn<TWorklistItem>[] = [
  { header: "MRN", value: (r) => r.patientMrn },
  { header: "Patient", value: (r) => r.patientName },
  { header: "Planned date", value: (r) => r.plannedDate },
  { header: "Originally planned", value: (r) => r.originalPlannedDate },
  { header: "Date given", value: (r) => r.actualDate },
  { header: "Cycle", value: (r) => r.cycleLabel },
  { header: "Indication", value: (r) => r.indicationName },
  { header: "Primary payer", value: (r) => r.primaryPayerName },
  { header: "Status", value: (r) => ADMINISTRATION_STATE_LABELS[r.status] },
  { header: "Reason", value: (r) => r.reasons.join("; ") },
  { header: "Location", value: (r) => r.locationName },
  { header: "Ordering provider", value: (r) => r.providerName },
  { header: "Administration id", value: (r) => r.id },
];
const PAGE = 100;

export const dynamic = "force-dynamic";

const STATUS: Partial<Record<TRPCError["code"], number>> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  BAD_REQUEST: 400,
};

function plain(status: number, message: string) {
  return new Response(`${message}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

/**
 * A worklist as CSV, with the same search, filters and sort as the screen (every matching row, not
 * just the page). Goes through the tRPC procedure, so sign-in, permission and practice checks are
 * the screen's. Rows stream page by page.
 */
export async function GET(request: Request, { params }: { params: Promise<{ list: string }> }) {
  const list = worklistOfSlug((await params).list);
  if (!list) return plain(404, "No such worklist.");
  const url = new URL(request.url);
  const parsed = ZWorklistParams.safeParse({
    ...searchParamsToObject(url.searchParams, ["q", "sort", "dir", ...WORKLIST_FILTER_KEYS]),
    list,
    page: 1,
    pageSize: PAGE,
  });
  if (!parsed.success)
    return plain(400, `Bad export parameters: ${parsed.error.issues.map((i) => i.message).join(" ")}`);
  const caller = await serverCaller();
  let first;
  try {
    first = await caller.worklists.list(parsed.data);
  } catch (e) {
    if (e instanceof TRPCError && STATUS[e.code]) return plain(STATUS[e.code]!, e.message);
    throw e;
  }
  if (first.total > MAX_EXPORT_ROWS) {
    return plain(413, `The export is limited to ${MAX_EXPORT_ROWS} rows; ${first.total} match. Narrow the filters first.`);
  }
  const encoder = new TextEncoder();
  let page = 1;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte-order mark so spreadsheet programs read the file as UTF-8 (accented names).
      controller.enqueue(encoder.encode(`\uFEFF${csvHeader(COLUMNS)}${toCsv(first.items, COLUMNS, { header: false })}`));
      if (first.items.length < PAGE || page * PAGE >= first.total) controller.close();
    },
    async pull(controller) {
      page += 1;
      try {
        const next = await caller.worklists.list({ ...parsed.data, page });
        if (next.items.length) controller.enqueue(encoder.encode(toCsv(next.items, COLUMNS, { header: false })));
        if (next.items.length < PAGE || page * PAGE >= next.total) controller.close();
      } catch (e) {
        controller.error(e);
      }
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="worklist-${WORKLIST_SLUGS[list]}-${stamp}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
