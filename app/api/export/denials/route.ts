import { csvExportResponse, EXPORT_PAGE_SIZE } from "@/server/api/csv-export";
import { searchParamsToObject } from "@/server/api/list-params";
import { routeContext } from "@/server/api/route-context";
import { guardRoute, HttpError } from "@/server/api/route-guard";
import { DENIAL_FILTER_KEYS, ZDenialListParams, type TDenialRow } from "@/server/api/routers/denials/schemas";
import { DENIAL_ACTION_LABELS, DENIAL_CATEGORY_LABELS } from "@/server/domain/denials/codes";
import type { CsvColumn } from "@/server/domain/csv";
import { DENIAL_STATE_LABELS } from "@/server/domain/workflow/denial";

const COLUMNS: CsvColumn<TDenialRow>[] = [
  { header: "Due", value: (r) => r.dueDate },
  { header: "Claim", value: (r) => r.claimNumber },
  { header: "Patient", value: (r) => r.patientName },
  { header: "Payer", value: (r) => r.payerName },
  { header: "Date of service", value: (r) => r.dateOfService },
  { header: "Kind", value: (r) => (r.kind === "denial" ? "Denial" : "Underpayment") },
  { header: "Category", value: (r) => (r.category ? DENIAL_CATEGORY_LABELS[r.category] : "Underpayment") },
  { header: "Codes", value: (r) => r.codes.join(" ") },
  { header: "Amount", value: (r) => (r.amountCents / 100).toFixed(2) },
  { header: "Recommended action", value: (r) => DENIAL_ACTION_LABELS[r.action] },
  { header: "Status", value: (r) => DENIAL_STATE_LABELS[r.status] },
  { header: "Assigned to", value: (r) => r.assigneeName },
  { header: "Cause", value: (r) => r.summary },
  { header: "Work item id", value: (r) => r.id },
];
export const dynamic = "force-dynamic";

/** The denial worklist as CSV, with the screen's search, filters and sort (every matching row). */
export const GET = guardRoute("export-denials", {}, async (request, _ctx: unknown, { requestId }) => {
  const url = new URL(request.url);
  const parsed = ZDenialListParams.safeParse({ ...searchParamsToObject(url.searchParams, ["q", "sort", "dir", ...DENIAL_FILTER_KEYS]), page: 1, pageSize: EXPORT_PAGE_SIZE });
  if (!parsed.success) throw new HttpError(400, `Bad export parameters: ${parsed.error.issues.map((i) => i.message).join(" ")}`);
  const ctx = await routeContext(requestId);
  const filters: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(parsed.data)) if (k !== "page" && k !== "pageSize" && v !== undefined) filters[k] = String(v);
  return csvExportResponse(ctx, {
    kind: "denials",
    filters,
    fetchPage: (page) => ctx.caller.denials.list({ ...parsed.data, page }),
    columns: COLUMNS,
    filename: `denials-${new Date().toISOString().slice(0, 10)}.csv`,
    narrowHint: "Narrow the filters first.",
    patientIdOf: (r) => r.patientId,
  });
});
