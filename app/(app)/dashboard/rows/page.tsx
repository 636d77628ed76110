import { ArrowLeft, Download, History } from "lucide-react";
import Link from "next/link";
import { dollars, formatKpi, periodText, usDay } from "@/components/dashboard/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { PAGE_SIZES } from "@/server/api/list-params";
import { ZKpiKey } from "@/server/api/routers/dashboards/schemas";
import { serverCaller } from "@/server/api/server-caller";
import { requirePermission } from "@/server/auth/guards";
import { dashboardQuery, parseDashboardView, viewFilter } from "@/server/domain/kpis/dashboard-url";
import { PARTIAL_HISTORY_LABEL, partialHistoryText } from "@/server/domain/kpis/denial-basis";
import { denominatorText, KPI_DEFINITIONS } from "@/server/domain/kpis/definitions";
import { DRILL_COLUMNS, drillRowHref } from "@/server/domain/kpis/drill-columns";
import { isoDateOf } from "@/server/domain/patients/demographics";
import { dashboardHref } from "../links";

export const metadata = { title: "Dashboard rows" };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The rows behind one figure (dashboards.rows): exactly the rows the figure counted, with the
 * dashboard's period and filters from the URL, paged on the server, each linking to its own page,
 * with the whole list as CSV (app/api/export/dashboard).
 */
export default async function DashboardRowsPage({ searchParams }: { searchParams: Promise<Params> }) {
  await requirePermission("report.read");
  const params = await searchParams;
  const kpiParsed = ZKpiKey.safeParse(one(params.kpi));
  const view = parseDashboardView(params, isoDateOf(new Date()));
  if (!kpiParsed.success) {
    return (
      <div className="space-y-4">
        <PageHeader title="Dashboard rows" />
        <EmptyState title="Choose a figure" description="Open this page from a figure or a chart of the dashboard: the link says which figure's rows to show." action={<Button asChild variant="outline"><Link href="/dashboard">Back to the dashboard</Link></Button>} />
      </div>
    );
  }
  const kpi = kpiParsed.data;
  const def = KPI_DEFINITIONS[kpi];
  const cols = DRILL_COLUMNS[kpi];
  const pageSizeRaw = Number(one(params.pageSize));
  const pageSize = (PAGE_SIZES as readonly number[]).includes(pageSizeRaw) ? pageSizeRaw : 25;
  const page = Math.max(1, Math.min(100_000, Math.floor(Number(one(params.page))) || 1));
  const countedOnly = one(params.counted) === "1" && cols.counted !== null;
  const caller = await serverCaller();
  const [data, options] = await Promise.all([caller.dashboards.rows({ filter: viewFilter(view), kpi, page, pageSize, countedOnly }), caller.dashboards.filterOptions()]);
  const base = { kpi, ...(countedOnly ? { counted: "1" } : {}) };
  const href = (o: Record<string, string | null>) => `/dashboard/rows?${dashboardQuery(view, { ...base, pageSize: pageSize === 25 ? null : String(pageSize), ...o })}`;
  const exportHref = `/api/export/dashboard?${dashboardQuery(view, base)}`;
  const first = data.total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(data.total, page * pageSize);
  const filterNames = [
    options.payers.find((o) => o.id === view.filters.payerId)?.name,
    options.providers.find((o) => o.id === view.filters.providerId)?.name,
    options.locations.find((o) => o.id === view.filters.locationId)?.name,
    options.indications.find((o) => o.id === view.filters.indicationId)?.name,
  ].filter(Boolean);
  const denominator = denominatorText(def, data.basis);
  const value = (v: number | null) => (v === null || !cols.value ? "—" : cols.value.unit === "cents" ? dollars(v) : cols.value.unit === "days" || cols.value.unit === "hours" ? formatKpi(v, cols.value.unit) : formatKpi(v, "count"));
  return (
    <div className="space-y-3">
      <PageHeader
        title={`${def.name}: the rows behind the figure`}
        className="pb-0"
        description={`${cols.rows} · ${periodText(view.period)} · ${filterNames.length ? filterNames.join(" · ") : "all payers, providers, locations and indications"}`}
        actions={
          <>
            <Button asChild variant="ghost" size="sm">
              <Link href={dashboardHref(view)}>
                <ArrowLeft aria-hidden /> Dashboard
              </Link>
            </Button>
            <Button asChild variant="outline" size="sm">
              <a href={exportHref} download data-testid="csv-export">
                <Download aria-hidden /> Export CSV
              </a>
            </Button>
          </>
        }
      />
      <p className="max-w-4xl text-sm text-muted-foreground">
        <span className="font-medium text-foreground">Numerator:</span> {def.numerator}.{" "}
        {denominator ? (
          <>
            <span className="font-medium text-foreground">Denominator:</span> {denominator}.{" "}
          </>
        ) : null}
        <span className="font-medium text-foreground">Period:</span> {def.period}.
      </p>
      {data.basis?.kind === "period_submissions" ? (
        <p className="max-w-4xl text-sm" data-testid="kpi-basis">
          <Badge variant="outline" className="mr-1 border-amber-600/60 align-middle dark:border-amber-400/60">
            <History aria-hidden />
            {PARTIAL_HISTORY_LABEL}
          </Badge>
          <span className="sr-only">: </span>
          <span className="align-middle text-muted-foreground">{partialHistoryText(data.basis, usDay)}</span>
        </p>
      ) : null}
      {cols.counted ? (
        <nav aria-label="Which rows" className="flex gap-2 text-sm">
          <Link href={href({ counted: null, page: null })} aria-current={!countedOnly ? "page" : undefined} className={!countedOnly ? "font-semibold underline" : "text-primary hover:underline"}>
            Every row counted
          </Link>
          <span aria-hidden>·</span>
          <Link href={href({ counted: "1", page: null })} aria-current={countedOnly ? "page" : undefined} className={countedOnly ? "font-semibold underline" : "text-primary hover:underline"}>
            Only “{cols.counted}”
          </Link>
        </nav>
      ) : null}
      {data.total === 0 ? (
        <EmptyState title="No rows for this figure and these filters" description={`Needs: ${def.needs}`} />
      ) : (
        <>
          <Table aria-label={`Rows behind ${def.name}`}>
            <TableHeader>
              <TableRow>
                <TableHead>{cols.subject ?? (kpi === "administrations" ? "Infusion" : "Claim")}</TableHead>
                <TableHead>Patient</TableHead>
                <TableHead>Payer</TableHead>
                <TableHead>Date of service</TableHead>
                {cols.date !== "Date of service" ? <TableHead>{cols.date}</TableHead> : null}
                <TableHead>Status</TableHead>
                {cols.amount ? <TableHead className="text-right">{cols.amount}</TableHead> : null}
                {cols.value ? <TableHead className="text-right">{cols.value.label}</TableHead> : null}
                {cols.counted ? <TableHead>{cols.counted}</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.map((r) => {
                const link = drillRowHref(kpi, r);
                return (
                  <TableRow key={r.id} data-testid="kpi-row">
                    <TableCell className="whitespace-nowrap">
                      {link ? (
                        <Link href={link} className="font-medium text-primary hover:underline">
                          {r.claimNumber ?? "Open"}
                        </Link>
                      ) : (
                        (r.claimNumber ?? "—")
                      )}
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
                      <Link href={`/patients/${r.patientId}`} className="hover:underline">
                        {r.patientName}
                      </Link>
                    </TableCell>
                    <TableCell className="whitespace-nowrap">{r.payerName ?? "—"}</TableCell>
                    <TableCell className="whitespace-nowrap">{usDay(r.dateOfService)}</TableCell>
                    {cols.date !== "Date of service" ? <TableCell className="whitespace-nowrap">{usDay(r.date)}</TableCell> : null}
                    <TableCell className="whitespace-nowrap">{r.statusLabel}</TableCell>
                    {cols.amount ? <TableCell className="text-right tabular-nums">{dollars(r.amountCents)}</TableCell> : null}
                    {cols.value ? <TableCell className="text-right tabular-nums">{value(r.value)}</TableCell> : null}
                    {cols.counted ? <TableCell>{r.counted === null ? "—" : r.counted ? "Yes" : "No"}</TableCell> : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2 text-sm print:hidden">
            <span data-testid="data-table-range" aria-live="polite">
              {first}–{last} of {data.total.toLocaleString("en-US")}
            </span>
            <span className="flex items-center gap-2">
              <span className="text-muted-foreground">Rows per page:</span>
              {PAGE_SIZES.map((s) => (
                <Link key={s} href={href({ pageSize: s === 25 ? null : String(s), page: null })} aria-current={s === pageSize ? "page" : undefined} className={s === pageSize ? "font-semibold" : "text-primary hover:underline"}>
                  {s}
                </Link>
              ))}
              {page > 1 ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={href({ page: page - 1 === 1 ? null : String(page - 1) })}>Previous</Link>
                </Button>
              ) : null}
              {last < data.total ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={href({ page: String(page + 1) })}>Next</Link>
                </Button>
              ) : null}
            </span>
          </nav>
        </>
      )}
    </div>
  );
}
