import { csvExportResponse, EXPORT_PAGE_SIZE } from "@/server/api/csv-export";
import { routeContext } from "@/server/api/route-context";
import { guardRoute, HttpError } from "@/server/api/route-guard";
import { ZKpiKey, type TDenialBasis, type TKpiRow } from "@/server/api/routers/dashboards/schemas";
import type { CsvColumn } from "@/server/domain/csv";
import { parseDashboardView, viewFilter } from "@/server/domain/kpis/dashboard-url";
import { basisCsvText } from "@/server/domain/kpis/denial-basis";
import { DRILL_COLUMNS } from "@/server/domain/kpis/drill-columns";
import type { KpiKey } from "@/server/domain/kpis/definitions";
import { isoDateOf } from "@/server/domain/patients/demographics";

export const dynamic = "force-dynamic";

const maybe = <T, R>(v: T | undefined, f: (v: T) => R): R | null => (v === undefined ? null : f(v));

function columns(kpi: KpiKey, basis: () => TDenialBasis | undefined): CsvColumn<TKpiRow>[] {
  const c = DRILL_COLUMNS[kpi];
  const cols: CsvColumn<TKpiRow>[] = [
    { header: kpi === "administrations" ? "Infusion id" : (c.subject ?? "Claim"), value: (r) => (kpi === "administrations" ? r.id : r.claimNumber) },
    { header: "Patient", value: (r) => r.patientName },
    { header: "Payer", value: (r) => r.payerName },
    { header: "Date of service", value: (r) => r.dateOfService },
    { header: c.date, value: (r) => r.date },
    { header: "Status", value: (r) => r.statusLabel },
  ];
  if (c.amount) cols.push({ header: `${c.amount} (USD)`, value: (r) => (r.amountCents === null ? null : r.amountCents / 100) });
  if (c.value) cols.push({ header: c.value.unit === "cents" ? `${c.value.label} (USD)` : c.value.label, value: (r) => (r.value === null ? null : c.value!.unit === "cents" ? r.value / 100 : r.value) });
  if (c.counted) cols.push({ header: c.counted, value: (r) => (r.counted === null ? null : r.counted ? "yes" : "no") });
  cols.push({ header: "Row id", value: (r) => r.id });
  if (kpi === "initialDenialRate" || kpi === "initialDenialRateDollars") cols.push({ header: "Denominator basis", value: () => maybe(basis(), basisCsvText) });
  return cols;
}

/**
 * The rows behind a dashboard figure as CSV: the drill-down page's URL (figure, period, filters,
 * counted-only) and every row, not one page. Managers and admins (the procedure's report.read).
 */
export const GET = guardRoute("export-dashboard", {}, async (request, _ctx: unknown, { requestId }) => {
  const url = new URL(request.url);
  const params = Object.fromEntries(url.searchParams.entries());
  const kpi = ZKpiKey.safeParse(params.kpi);
  if (!kpi.success) throw new HttpError(400, "Bad export parameters: name the figure (kpi).");
  const view = parseDashboardView(params, isoDateOf(new Date()));
  const countedOnly = params.counted === "1";
  const ctx = await routeContext(requestId);
  const filter = viewFilter(view);
  // the initial denial rates' denominator basis, as the procedure reports it with each page
  let basis: TDenialBasis | undefined;
  return csvExportResponse(ctx, {
    kind: "dashboard-rows",
    filters: { kpi: kpi.data, ...filter, countedOnly },
    fetchPage: async (page) => {
      const r = await ctx.caller.dashboards.rows({ filter, kpi: kpi.data, page, pageSize: EXPORT_PAGE_SIZE, countedOnly });
      basis = r.basis;
      return r;
    },
    columns: columns(kpi.data, () => basis),
    filename: `${kpi.data}-${view.period.from}-${view.period.to}.csv`,
    narrowHint: "Narrow the period or the filters first.",
    patientIdOf: (r) => r.patientId,
  });
});
