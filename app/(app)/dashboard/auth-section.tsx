import { ChartTable, type ChartTableRow } from "@/components/dashboard/chart-table";
import { formatKpi, periodText } from "@/components/dashboard/format";
import { KpiChart } from "@/components/dashboard/kpi-chart";
import { EmptyState } from "@/components/ui/empty-state";
import { serverCaller } from "@/server/api/server-caller";
import { viewFilter, type DashboardView } from "@/server/domain/kpis/dashboard-url";
import { rowsHref } from "./links";

/**
 * Authorization turnaround by payer and by channel (portal, fax, phone, electronic): the median and
 * p90 hours of the same payer determinations as the "Authorization turnaround" card, as a chart and
 * its table view. A payer's line opens its determinations; a channel has no filter of its own, so
 * its line opens all of them.
 */
export async function AuthTurnaroundSection({ view }: { view: DashboardView }) {
  const rows = await (await serverCaller()).dashboards.authTurnaround(viewFilter(view));
  const payers = rows.filter((r) => r.by === "payer");
  const channels = rows.filter((r) => r.by === "channel");
  const table = (list: typeof rows, by: "payer" | "channel"): ChartTableRow[] =>
    list.map((r) => ({
      cells: [r.label, r.determinations.toLocaleString("en-US"), formatKpi(r.medianHours, "hours"), formatKpi(r.p90Hours, "hours")],
      raw: [r.label, r.determinations, r.medianHours, r.p90Hours],
      href: by === "payer" ? rowsHref(view, "authTurnaround", { payerId: r.key }) : rowsHref(view, "authTurnaround"),
      hrefLabel: `Determinations: ${r.label}`,
    }));
  const head = ["", "Determinations", "Median", "p90"];
  const csvHead = ["", "Determinations", "Median (hours)", "p90 (hours)"];
  return (
    <section className="break-inside-avoid rounded-lg border bg-card p-4 shadow-xs print:shadow-none" aria-labelledby="chart-auth-title" data-testid="chart-auth">
      <h2 id="chart-auth-title" className="text-base font-semibold">
        Authorization turnaround by payer and channel
      </h2>
      <p className="text-xs text-muted-foreground">
        Hours from sending a prior authorization (or its appeal) to the payer&apos;s determination, for determinations dated {periodText(view.period)}. CMS-0057-F limits: 72 h urgent, 7 days (168 h) standard.
      </p>
      {rows.length === 0 ? (
        <EmptyState title="No payer determinations in this period" description="Turnaround needs prior authorization requests sent to the payer and decided, recorded in the prior-authorization module." />
      ) : (
        <div className="mt-2 grid gap-4 lg:grid-cols-2 print:grid-cols-2">
          {(
            [
              ["payer", "By payer", payers],
              ["channel", "By channel", channels],
            ] as const
          ).map(([by, title, list]) => (
            <div key={by} data-testid={`auth-${by}`}>
              <h3 className="text-sm font-medium">{title}</h3>
              <KpiChart
                kind="bar"
                layout="vertical"
                unit="hours"
                label={`Authorization turnaround ${title.toLowerCase()}: median and p90 hours`}
                height={Math.max(120, list.length * 40 + 30)}
                data={list.map((r) => ({ label: r.label, median: r.medianHours, p90: r.p90Hours }))}
                series={[
                  { key: "median", label: "Median", hrefs: list.map((r) => (by === "payer" ? rowsHref(view, "authTurnaround", { payerId: r.key }) : rowsHref(view, "authTurnaround"))) },
                  { key: "p90", label: "p90", hrefs: list.map((r) => (by === "payer" ? rowsHref(view, "authTurnaround", { payerId: r.key }) : rowsHref(view, "authTurnaround"))) },
                ]}
              />
              <ChartTable caption={`Authorization turnaround ${title.toLowerCase()}`} head={[by === "payer" ? "Payer" : "Channel", ...head.slice(1)]} csvHead={[by === "payer" ? "Payer" : "Channel", ...csvHead.slice(1)]} rows={table(list, by)} filename={`dashboard-auth-turnaround-by-${by}.csv`} testId={`table-auth-${by}`} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
