import { csvExportResponse, EXPORT_PAGE_SIZE, plainResponse } from "@/server/api/csv-export";
import { searchParamsToObject } from "@/server/api/list-params";
import {
  WORKLIST_FILTER_KEYS,
  WORKLIST_SLUGS,
  ZWorklistParams,
  worklistOfSlug,
  type TWorklistItem,
} from "@/server/api/routers/worklists/schemas";
import { serverCaller } from "@/server/api/server-caller";
import type { CsvColumn } from "@/server/domain/csv";
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
export const dynamic = "force-dynamic";

/**
 * A worklist as CSV, with the same search, filters and sort as the screen (every matching row, not
 * just the page).
 */
export async function GET(request: Request, { params }: { params: Promise<{ list: string }> }) {
  const list = worklistOfSlug((await params).list);
  if (!list) return plainResponse(404, "No such worklist.");
  const url = new URL(request.url);
  const parsed = ZWorklistParams.safeParse({
    ...searchParamsToObject(url.searchParams, ["q", "sort", "dir", ...WORKLIST_FILTER_KEYS]),
    list,
    page: 1,
    pageSize: EXPORT_PAGE_SIZE,
  });
  if (!parsed.success) return plainResponse(400, `Bad export parameters: ${parsed.error.issues.map((i) => i.message).join(" ")}`);
  const caller = await serverCaller();
  return csvExportResponse({
    fetchPage: (page) => caller.worklists.list({ ...parsed.data, page }),
    columns: COLUMNS,
    filename: `worklist-${WORKLIST_SLUGS[list]}-${new Date().toISOString().slice(0, 10)}.csv`,
    narrowHint: "Narrow the filters first.",
    audit: (rows) => caller.exports.record({ kind: "worklist", filters: auditFilters(parsed.data), rows }),
  });
}

/** The worklist's filters as plain values for the export's audit row. */
function auditFilters(p: Record<string, unknown>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(p)) {
    if (k === "page" || k === "pageSize" || v === undefined) continue;
    out[k] = v === null || typeof v === "number" || typeof v === "boolean" ? v : String(v);
  }
  return out;
}
