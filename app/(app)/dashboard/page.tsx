import { Suspense } from "react";
import { DashboardFilters } from "@/components/dashboard/dashboard-filters";
import { periodText } from "@/components/dashboard/format";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { serverCaller } from "@/server/api/server-caller";
import { requirePermission } from "@/server/auth/guards";
import { can } from "@/server/auth/permissions";
import { ROLE_LABELS } from "@/server/domain/auth/roles";
import { parseDashboardView } from "@/server/domain/kpis/dashboard-url";
import { PERIOD_PRESET_LABELS } from "@/server/domain/kpis/period";
import { isoDateOf } from "@/server/domain/patients/demographics";
import { AuthTurnaroundSection } from "./auth-section";
import { AgingSection, DenialsSection, FiguresSection, TrendSection, VolumeSection } from "./sections";
import { WorkView } from "./work-view";

export const metadata = { title: "Dashboard" };

function Loading({ label, className }: { label: string; className: string }) {
  return (
    <div role="status" aria-label={label} className="space-y-2">
      <Skeleton className={className} />
      <span className="sr-only">{label}</span>
    </div>
  );
}

/**
 * Everyone signed in to a practice lands here. Managers and admins (report.read) get the practice's
 * KPI dashboard for the period and filters in the URL; billers and PA coordinators get their work
 * queues instead (they have no report permission: docs/dashboards.md).
 */
export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("dashboard.read");
  if (!can(user.role, "report.read")) return <WorkView user={user} />;
  const view = parseDashboardView(await searchParams, isoDateOf(new Date()));
  const options = await (await serverCaller()).dashboards.filterOptions();
  const chosen = [
    options.payers.find((o) => o.id === view.filters.payerId)?.name,
    options.providers.find((o) => o.id === view.filters.providerId)?.name,
    options.locations.find((o) => o.id === view.filters.locationId)?.name,
    options.indications.find((o) => o.id === view.filters.indicationId)?.name,
  ].filter(Boolean);
  const key = JSON.stringify(view);
  return (
    <div className="space-y-4 print:space-y-3">
      <PageHeader
        title="Dashboard"
        className="pb-0"
        description={`${view.preset === "custom" ? "Custom period" : PERIOD_PRESET_LABELS[view.preset]}: ${periodText(view.period)} · ${chosen.length ? chosen.join(" · ") : "all payers, providers, locations and indications"} · ${user.name}, ${ROLE_LABELS[user.role]}`}
      />
      <DashboardFilters key={key} view={view} options={options} />
      <Suspense key={`f${key}`} fallback={<Loading label="Loading the figures" className="h-96 w-full" />}>
        <FiguresSection view={view} />
      </Suspense>
      <Suspense key={`t${key}`} fallback={<Loading label="Loading the monthly charts" className="h-72 w-full" />}>
        <TrendSection view={view} />
      </Suspense>
      <div className="grid gap-4 xl:grid-cols-2 print:grid-cols-1">
        <Suspense key={`d${key}`} fallback={<Loading label="Loading denials by reason" className="h-64 w-full" />}>
          <DenialsSection view={view} />
        </Suspense>
        <Suspense key={`a${key}`} fallback={<Loading label="Loading A/R aging" className="h-64 w-full" />}>
          <AgingSection view={view} />
        </Suspense>
      </div>
      <Suspense key={`v${key}`} fallback={<Loading label="Loading volume" className="h-64 w-full" />}>
        <VolumeSection view={view} />
      </Suspense>
      <Suspense key={`p${key}`} fallback={<Loading label="Loading authorization turnaround" className="h-48 w-full" />}>
        <AuthTurnaroundSection view={view} />
      </Suspense>
    </div>
  );
}
