import { ChartTable, type ChartTableRow } from "@/components/dashboard/chart-table";
import { FigureCard } from "@/components/dashboard/figure-card";
import { dollars, formatKpi, monthLabel, percent, periodText, usDay } from "@/components/dashboard/format";
import { KpiChart } from "@/components/dashboard/kpi-chart";
import { EmptyState } from "@/components/ui/empty-state";
import { serverCaller } from "@/server/api/server-caller";
import { withPeriod, trendPeriod, viewFilter, type DashboardView } from "@/server/domain/kpis/dashboard-url";
import { PARTIAL_HISTORY_LABEL } from "@/server/domain/kpis/denial-basis";
import { KPI_CARD_ORDER, KPI_DEFINITIONS, KPI_GROUP_LABELS, type KpiGroup } from "@/server/domain/kpis/definitions";
import { NO_DRILL_DOWN } from "@/server/domain/kpis/drill-columns";
import { AGING_BUCKET_LABELS, AGING_BUCKETS } from "@/server/domain/kpis/math";
import { rowsHref } from "./links";

/*
 * The dashboard's sections: async server components, each under its own <Suspense> in page.tsx, so
 * the figures stream first and each chart follows when its queries answer. Every number comes from
 * a dashboards procedure; these components only lay it out and build the drill-down links.
 */

function SectionFrame({ title, description, children, testId }: { title: string; description?: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="break-inside-avoid rounded-lg border bg-card p-4 shadow-xs print:shadow-none" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`} className="text-base font-semibold">
        {title}
      </h2>
      {description ? <p className="text-xs text-muted-foreground">{description}</p> : null}
      <div className="mt-2">{children}</div>
    </section>
  );
}

const GROUP_ORDER: KpiGroup[] = ["volume", "claims", "denials", "ar", "waste", "timeliness", "authorizations"];

export async function FiguresSection({ view }: { view: DashboardView }) {
  const r = await (await serverCaller()).dashboards.figures(viewFilter(view));
  return (
    <div className="space-y-4" data-testid="kpi-figures">
      {GROUP_ORDER.map((g) => {
        const keys = KPI_CARD_ORDER.filter((k) => KPI_DEFINITIONS[k].group === g && r.figures[k]);
        if (keys.length === 0) return null;
        return (
          <section key={g} aria-labelledby={`group-${g}`} className="break-inside-avoid">
            <h2 id={`group-${g}`} className="mb-2 text-sm font-semibold tracking-wide text-muted-foreground uppercase">
              {KPI_GROUP_LABELS[g]}
            </h2>
            <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5 print:grid-cols-4">
              {keys.map((k) => (
                <FigureCard
                  key={k}
                  kpi={k}
                  current={r.figures[k]!.current}
                  previous={r.figures[k]!.previous}
                  period={r.period}
                  previousPeriod={r.previous}
                  rowsHref={NO_DRILL_DOWN.has(k) ? null : rowsHref(view, k)}
                />
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}

const TREND_RATES: { key: "cleanClaimRate" | "firstPassYield" | "initialDenialRate" | "wasteRate"; label: string }[] = [
  { key: "cleanClaimRate", label: "Clean claim rate" },
  { key: "firstPassYield", label: "First-pass yield" },
  { key: "initialDenialRate", label: "Initial denial rate" },
  { key: "wasteRate", label: "Waste rate" },
];

export async function TrendSection({ view }: { view: DashboardView }) {
  const tp = trendPeriod(view.period);
  const trend = await (await serverCaller()).dashboards.trend({ ...viewFilter(view), ...tp });
  const hasMoney = trend.some((m) => m.charges !== 0 || m.payments !== 0);
  const monthView = (m: { from: string; to: string }) => withPeriod(view, m);
  const money = trend.map((m) => ({ label: monthLabel(m.month), charges: m.charges, payments: m.payments }));
  // months whose initial denial rate is on their own submissions (partial history before them): marked † in words, not colour
  const partial = (m: (typeof trend)[number]) => m.initialDenialBasis === "period_submissions" && m.initialDenialRate !== null;
  const anyPartial = trend.some(partial);
  const rateLabel = (m: (typeof trend)[number]) => `${monthLabel(m.month)}${partial(m) ? " †" : ""}`;
  const rates = trend.map((m) => ({ label: rateLabel(m), ...Object.fromEntries(TREND_RATES.map((s) => [s.key, m[s.key]])) }));
  const caption = `Months ${periodText(tp)}${tp.from !== view.period.from ? " (the 12 months ending with the selected period)" : ""}`;
  const moneyRows: ChartTableRow[] = trend.map((m) => ({
    cells: [monthLabel(m.month), dollars(m.charges), dollars(m.payments)],
    raw: [m.month, m.charges / 100, m.payments / 100],
    href: rowsHref(monthView(m), "charges"),
    hrefLabel: `Claims of ${monthLabel(m.month)}`,
  }));
  const rateRows: ChartTableRow[] = trend.map((m) => ({
    cells: [monthLabel(m.month), ...TREND_RATES.map((s) => `${percent(m[s.key])}${s.key === "initialDenialRate" && partial(m) ? " †" : ""}`)],
    raw: [m.month, ...TREND_RATES.map((s) => m[s.key]), m.initialDenialBasis],
    href: rowsHref(monthView(m), "initialDenialRate"),
    hrefLabel: `Denied claims of ${monthLabel(m.month)}`,
  }));
  return (
    <div className="grid gap-4 xl:grid-cols-2 print:grid-cols-1">
      <SectionFrame title="Charges and payments by month" description={`${caption}. Charges by date of service; payments by date posted. Click a month for its claims.`} testId="chart-money">
        {hasMoney ? (
          <>
            <KpiChart
              kind="bar"
              unit="cents"
              label="Charges and payer payments by month"
              data={money}
              series={[
                { key: "charges", label: "Charges", hrefs: trend.map((m) => rowsHref(monthView(m), "charges")) },
                { key: "payments", label: "Payments", hrefs: trend.map((m) => rowsHref(monthView(m), "payments")) },
              ]}
            />
            <ChartTable caption="Charges and payments by month" head={["Month", "Charges", "Payments"]} csvHead={["Month", "Charges (USD)", "Payments (USD)"]} rows={moneyRows} filename="dashboard-charges-payments.csv" testId="table-money" />
          </>
        ) : (
          <EmptyState title="No claims or payments in these months" description="Charges need claims with a date of service in the months shown; payments need posted 835 remittances." />
        )}
      </SectionFrame>
      <SectionFrame
        title="Claim quality by month"
        description={`${caption}. Each month uses the same definitions as the figures. Click a month for its denied claims.${anyPartial ? ` † ${PARTIAL_HISTORY_LABEL}: that month's initial denial rate is on its own submissions, as the practice's claim history does not cover the 3 months before it.` : ""}`}
        testId="chart-rates"
      >
        {trend.some((m) => TREND_RATES.some((s) => m[s.key] !== null)) ? (
          <>
            <KpiChart
              kind="line"
              unit="percent"
              label="Clean claim rate, first-pass yield, initial denial rate and waste rate by month"
              data={rates}
              series={TREND_RATES.map((s) => ({ key: s.key, label: s.label, hrefs: trend.map((m) => rowsHref(monthView(m), s.key)) }))}
            />
            <ChartTable
              caption="Claim quality by month"
              head={["Month", ...TREND_RATES.map((s) => s.label)]}
              csvHead={["Month", ...TREND_RATES.map((s) => s.label), "Initial denial rate basis"]}
              rows={rateRows}
              filename="dashboard-claim-quality.csv"
              testId="table-rates"
            />
          </>
        ) : (
          <EmptyState title="No submitted or adjudicated claims in these months" description="The rates need submitted claims, posted remittances and claims with J9173 lines." />
        )}
      </SectionFrame>
    </div>
  );
}

export async function DenialsSection({ view }: { view: DashboardView }) {
  const rows = await (await serverCaller()).dashboards.denialCategories(viewFilter(view));
  const denialsHref = (category: string) => `/denials?${new URLSearchParams({ view: "all", category, ...(view.filters.payerId ? { payerId: view.filters.payerId } : {}) }).toString()}`;
  return (
    <SectionFrame title="Denials by reason" description={`Denials that reached the worklist ${periodText(view.period)}, by denied dollars. Click a reason for its work items.`} testId="chart-denials">
      {rows.length ? (
        <>
          <KpiChart kind="bar" layout="vertical" unit="cents" label="Denied dollars by denial reason" height={Math.max(160, rows.length * 34)} data={rows.map((r) => ({ label: r.label, amount: r.amountCents }))} series={[{ key: "amount", label: "Denied", hrefs: rows.map((r) => denialsHref(r.category)) }]} />
          <ChartTable
            caption="Denials by reason"
            head={["Reason", "Denials", "Still open", "Denied"]}
            csvHead={["Reason", "Denials", "Still open", "Denied (USD)"]}
            rows={rows.map((r) => ({ cells: [r.label, String(r.items), String(r.open), dollars(r.amountCents)], raw: [r.label, r.items, r.open, r.amountCents / 100], href: denialsHref(r.category), hrefLabel: `Work items: ${r.label}` }))}
            filename="dashboard-denials-by-reason.csv"
            testId="table-denials"
          />
        </>
      ) : (
        <EmptyState title="No denials in this period" description="This chart needs posted 835 remittances with denial adjustments (CARC codes), which open denial work items." />
      )}
    </SectionFrame>
  );
}

export async function AgingSection({ view }: { view: DashboardView }) {
  const rows = await (await serverCaller()).dashboards.aging(viewFilter(view));
  const payerHref = (payerId: string) => rowsHref(view, "arOver90", { payerId });
  return (
    <SectionFrame title="A/R aging by payer" description={`Open payer balances on ${usDay(view.period.to)}, by days since first billed. Click a payer for its open claims.`} testId="chart-aging">
      {rows.length ? (
        <>
          <KpiChart
            kind="stacked"
            layout="vertical"
            unit="cents"
            label="A/R by payer and age bucket"
            height={Math.max(160, rows.length * 34 + 40)}
            data={rows.map((r) => ({ label: r.payerName, ...r.buckets }))}
            series={AGING_BUCKETS.map((b) => ({ key: b, label: AGING_BUCKET_LABELS[b], hrefs: rows.map((r) => payerHref(r.payerId)) }))}
          />
          <ChartTable
            caption="A/R aging by payer"
            head={["Payer", ...AGING_BUCKETS.map((b) => AGING_BUCKET_LABELS[b]), "Total", "Over 90 days"]}
            csvHead={["Payer", ...AGING_BUCKETS.map((b) => `${AGING_BUCKET_LABELS[b]} (USD)`), "Total (USD)", "Over 90 days (share)"]}
            rows={rows.map((r) => ({
              cells: [r.payerName, ...AGING_BUCKETS.map((b) => dollars(r.buckets[b] ?? 0)), dollars(r.totalCents), percent(r.totalCents ? r.over90Cents / r.totalCents : null)],
              raw: [r.payerName, ...AGING_BUCKETS.map((b) => (r.buckets[b] ?? 0) / 100), r.totalCents / 100, r.totalCents ? r.over90Cents / r.totalCents : null],
              href: payerHref(r.payerId),
              hrefLabel: `Open claims of ${r.payerName}`,
            }))}
            filename="dashboard-ar-aging.csv"
            testId="table-aging"
          />
        </>
      ) : (
        <EmptyState title="No open payer balances" description="A/R aging needs submitted claims whose charges are not yet paid, adjusted or written off by the period's last day." />
      )}
    </SectionFrame>
  );
}

const DIMENSIONS = [
  { dimension: "payer", title: "By payer", param: "payerId" },
  { dimension: "provider", title: "By rendering provider", param: "providerId" },
  { dimension: "location", title: "By location", param: "locationId" },
  { dimension: "indication", title: "By indication", param: "indicationId" },
] as const;

export async function VolumeSection({ view }: { view: DashboardView }) {
  const caller = await serverCaller();
  const parts = await Promise.all(DIMENSIONS.map((d) => caller.dashboards.breakdown({ filter: viewFilter(view), dimension: d.dimension })));
  return (
    <SectionFrame title="Volume" description={`Live claims with a date of service ${periodText(view.period)}: claims, J9173 units, charges and payer payments posted on them. Click a line for its claims.`} testId="chart-volume">
      {parts.every((p) => p.length === 0) ? (
        <EmptyState title="No claims in this period" description="Volume needs claims built from documented infusions with a date of service in the period." />
      ) : (
        <div className="grid gap-4 lg:grid-cols-2 print:grid-cols-2">
          {DIMENSIONS.map((d, i) => {
            const rows = parts[i]!;
            const href = (key: string) => (key === "none" ? null : rowsHref(view, "charges", { [d.param]: key }));
            return (
              <div key={d.dimension} data-testid={`volume-${d.dimension}`}>
                <h3 className="text-sm font-medium">{d.title}</h3>
                <KpiChart kind="bar" layout="vertical" unit="cents" label={`Charges ${d.title.toLowerCase()}`} height={Math.max(120, rows.length * 30 + 20)} data={rows.map((r) => ({ label: r.label, charges: r.chargesCents }))} series={[{ key: "charges", label: "Charges", hrefs: rows.map((r) => href(r.key)) }]} />
                <ChartTable
                  caption={`Volume ${d.title.toLowerCase()}`}
                  head={[d.title.replace("By ", "").replace(/^./, (c) => c.toUpperCase()), "Claims", "J9173 units", "Charges", "Paid"]}
                  csvHead={[d.dimension, "Claims", "J9173 units", "Charges (USD)", "Paid (USD)"]}
                  rows={rows.map((r) => ({ cells: [r.label, String(r.claims), formatKpi(r.units, "units"), dollars(r.chargesCents), dollars(r.paidCents)], raw: [r.label, r.claims, r.units, r.chargesCents / 100, r.paidCents / 100], href: href(r.key), hrefLabel: `Claims of ${r.label}` }))}
                  filename={`dashboard-volume-by-${d.dimension}.csv`}
                  testId={`table-volume-${d.dimension}`}
                />
              </div>
            );
          })}
        </div>
      )}
    </SectionFrame>
  );
}

