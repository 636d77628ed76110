import { csvExportResponse, EXPORT_PAGE_SIZE } from "@/server/api/csv-export";
import { searchParamsToObject } from "@/server/api/list-params";
import { routeContext } from "@/server/api/route-context";
import { guardRoute, HttpError } from "@/server/api/route-guard";
import { PA_FILTER_KEYS, ZPaListParams, type TRequestRow } from "@/server/api/routers/prior-auths/schemas";
import type { CsvColumn } from "@/server/domain/csv";
import { PA_REQUEST_KIND_LABELS } from "@/server/domain/prior-auth/codes";
import { PRIOR_AUTH_STATE_LABELS } from "@/server/domain/workflow/prior-auth";

const COLUMNS: CsvColumn<TRequestRow>[] = [
  { header: "Request", value: (r) => r.requestNumber },
  { header: "MRN", value: (r) => r.mrn },
  { header: "Patient", value: (r) => r.patientName },
  { header: "Payer", value: (r) => r.payerName },
  { header: "Kind", value: (r) => PA_REQUEST_KIND_LABELS[r.kind] },
  { header: "Status", value: (r) => PRIOR_AUTH_STATE_LABELS[r.status] },
  { header: "Requested", value: (r) => r.requested },
  { header: "From", value: (r) => r.startDate },
  { header: "Through", value: (r) => r.endDate },
  { header: "Due", value: (r) => r.dueDate ?? "" },
  { header: "Days pending", value: (r) => (r.daysPending === null ? "" : String(r.daysPending)) },
  { header: "Next infusion", value: (r) => r.nextInfusion ?? "" },
  { header: "Assigned to", value: (r) => r.assigneeName ?? "" },
  { header: "Payer reference", value: (r) => r.payerReference ?? "" },
  { header: "Flags", value: (r) => r.flags.join("; ") },
  { header: "Request id", value: (r) => r.id },
];
export const dynamic = "force-dynamic";

/** The prior-authorization queue as CSV, with the screen's search, view, filters and sort (every matching row). */
export const GET = guardRoute("export-prior-auths", {}, async (request, _ctx: unknown, { requestId }) => {
  const url = new URL(request.url);
  const parsed = ZPaListParams.safeParse({
    ...searchParamsToObject(url.searchParams, ["q", "sort", "dir", ...PA_FILTER_KEYS]),
    page: 1,
    pageSize: EXPORT_PAGE_SIZE,
  });
  if (!parsed.success) throw new HttpError(400, `Bad export parameters: ${parsed.error.issues.map((i) => i.message).join(" ")}`);
  const ctx = await routeContext(requestId);
  const filters: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(parsed.data)) if (k !== "page" && k !== "pageSize" && v !== undefined) filters[k] = String(v);
  return csvExportResponse(ctx, {
    kind: "prior-auths",
    filters,
    fetchPage: (page) => ctx.caller.priorAuths.list({ ...parsed.data, page }),
    columns: COLUMNS,
    filename: `prior-auths-${new Date().toISOString().slice(0, 10)}.csv`,
    narrowHint: "Narrow the filters first.",
    patientIdOf: (r) => r.patientId,
  });
});
