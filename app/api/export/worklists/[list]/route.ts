import { csvExportResponse, EXPORT_PAGE_SIZE } from "@/server/api/csv-export";
import { searchParamsToObject } from "@/server/api/list-params";
import { routeContext } from "@/server/api/route-context";
import { guardRoute, HttpError } from "@/server/api/route-guard";
import {
  WORKLIST_FILTER_KEYS,
  WORKLIST_SLUGS,
  ZWorklistParams,
  worklistOfSlug,
  type TWorklistItem,
} from "@/server/api/routers/worklists/schemas";
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
  { header: "Charge", value: (r) => (r.chargeCents === null ? null : (r.chargeCents / 100).toFixed(2)) },
  { header: "Filing deadline", value: (r) => r.filingDeadline },
  { header: "Days left to file", value: (r) => r.daysLeftToFile },
  { header: "Reason", value: (r) => r.reasons.join("; ") },
  { header: "Assigned to", value: (r) => r.assigneeName },
  { header: "Age (days)", value: (r) => r.ageDays },
  { header: "Location", value: (r) => r.locationName },
  { header: "Ordering provider", value: (r) => r.providerName },
  { header: "Administration id", value: (r) => r.id },
];
export const dynamic = "force-dynamic";

/**
 * A worklist as CSV, with the same search, filters and sort as the screen (every matching row, not
 * just the page).
 */
export const GET = guardRoute(
  "export-worklist",
  {},
  async (request, { params }: { params: Promise<{ list: string }> }, { requestId }) => {
    const list = worklistOfSlug((await params).list);
    if (!list) throw new HttpError(404, "No such worklist.");
    const url = new URL(request.url);
    const parsed = ZWorklistParams.safeParse({
      ...searchParamsToObject(url.searchParams, ["q", "sort", "dir", ...WORKLIST_FILTER_KEYS]),
      list,
      page: 1,
      pageSize: EXPORT_PAGE_SIZE,
    });
    if (!parsed.success) throw new HttpError(400, `Bad export parameters: ${parsed.error.issues.map((i) => i.message).join(" ")}`);
    const ctx = await routeContext(requestId);
    return csvExportResponse(ctx, {
      kind: "worklist",
      filters: auditFilters(parsed.data),
      fetchPage: (page) => ctx.caller.worklists.list({ ...parsed.data, page }),
      columns: COLUMNS,
      filename: `worklist-${WORKLIST_SLUGS[list]}-${new Date().toISOString().slice(0, 10)}.csv`,
      narrowHint: "Narrow the filters first.",
      patientIdOf: (r) => r.patientId,
    });
  },
);

/** The worklist's filters as plain values for the export's audit row. */
function auditFilters(p: Record<string, unknown>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(p)) {
    if (k === "page" || k === "pageSize" || v === undefined) continue;
    out[k] = v === null || typeof v === "number" || typeof v === "boolean" ? v : String(v);
  }
  return out;
}
