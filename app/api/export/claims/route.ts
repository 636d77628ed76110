import { csvExportResponse, EXPORT_PAGE_SIZE } from "@/server/api/csv-export";
import { searchParamsToObject } from "@/server/api/list-params";
import { routeContext } from "@/server/api/route-context";
import { guardRoute, HttpError } from "@/server/api/route-guard";
import {
  CLAIM_FILTER_KEYS,
  ZClaimListParams,
  type TClaimListItem,
} from "@/server/api/routers/claims/schemas";
import { CLAIM_FREQUENCY_LABELS, CLAIM_TYPE_LABELS } from "@/server/domain/claims/types";
import type { CsvColumn } from "@/server/domain/csv";
import { claimStateLabel } from "@/server/domain/workflow/claim";

const dollars = (cents: number | null) => (cents === null ? "" : (cents / 100).toFixed(2));

const COLUMNS: CsvColumn<TClaimListItem>[] = [
  { header: "Claim", value: (r) => r.claimNumber },
  { header: "MRN", value: (r) => r.patientMrn },
  { header: "Patient", value: (r) => r.patientName },
  { header: "Date of service", value: (r) => r.dateOfService },
  { header: "Payer", value: (r) => r.payerName },
  { header: "Claim type", value: (r) => CLAIM_TYPE_LABELS[r.claimType] },
  { header: "Frequency", value: (r) => CLAIM_FREQUENCY_LABELS[r.frequency] },
  { header: "Status", value: (r) => claimStateLabel(r.status, r.resubmitted) },
  { header: "Charge", value: (r) => dollars(r.totalChargeCents) },
  { header: "Paid", value: (r) => dollars(r.paidCents) },
  { header: "Age (days)", value: (r) => String(r.ageDays) },
  { header: "Filing limit", value: (r) => r.filingDeadline },
  { header: "Days left to file", value: (r) => (r.daysLeftToFile === null ? "" : String(r.daysLeftToFile)) },
  { header: "Errors", value: (r) => String(r.errors) },
  { header: "Open warnings", value: (r) => String(r.openWarnings) },
  { header: "Note", value: (r) => r.note },
  { header: "Batch ICN", value: (r) => (r.batchIcn === null ? "" : String(r.batchIcn)) },
  { header: "Claim id", value: (r) => r.id },
];
export const dynamic = "force-dynamic";

/** The claims worklist as CSV, with the screen's search, filters and sort (every matching row). */
export const GET = guardRoute("export-claims", {}, async (request, _ctx: unknown, { requestId }) => {
  const url = new URL(request.url);
  const parsed = ZClaimListParams.safeParse({
    ...searchParamsToObject(url.searchParams, ["q", "sort", "dir", ...CLAIM_FILTER_KEYS]),
    page: 1,
    pageSize: EXPORT_PAGE_SIZE,
  });
  if (!parsed.success)
    throw new HttpError(400, `Bad export parameters: ${parsed.error.issues.map((i) => i.message).join(" ")}`);
  const ctx = await routeContext(requestId);
  const filters: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(parsed.data))
    if (k !== "page" && k !== "pageSize" && v !== undefined) filters[k] = String(v);
  return csvExportResponse(ctx, {
    kind: "claims",
    filters,
    fetchPage: (page) => ctx.caller.claims.list({ ...parsed.data, page }),
    columns: COLUMNS,
    filename: `claims-${new Date().toISOString().slice(0, 10)}.csv`,
    narrowHint: "Narrow the filters first.",
    patientIdOf: (r) => r.patientId,
  });
});
