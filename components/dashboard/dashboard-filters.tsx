"use client";

import { Printer, RotateCcw } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import type { TFilterOptions } from "@/server/api/routers/dashboards/schemas";
import { DASHBOARD_FILTER_PARAMS, dashboardQuery, type DashboardFilterParam, type DashboardView } from "@/server/domain/kpis/dashboard-url";
import { PERIOD_PRESET_LABELS, PERIOD_PRESETS } from "@/server/domain/kpis/period";

const FILTER_LABELS: Record<DashboardFilterParam, { label: string; all: string; options: keyof TFilterOptions }> = {
  payerId: { label: "Payer", all: "All payers", options: "payers" },
  providerId: { label: "Provider", all: "All providers", options: "providers" },
  locationId: { label: "Location", all: "All locations", options: "locations" },
  indicationId: { label: "Indication", all: "All indications", options: "indications" },
};

/**
 * The dashboard's filters. They only write the URL (router.push: each view is a history entry);
 * the server renders the page for the new URL, so a reload or a shared link shows the same view.
 */
export function DashboardFilters({ view, options }: { view: DashboardView; options: TFilterOptions }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, start] = useTransition();
  const [from, setFrom] = useState(view.period.from);
  const [to, setTo] = useState(view.period.to);
  const go = (overrides: Record<string, string | null>) => {
    const q = dashboardQuery(view, overrides);
    start(() => router.push(q ? `${pathname}?${q}` : pathname, { scroll: false }));
  };
  const setPreset = (preset: string) => {
    if (preset === "custom") go({ preset: null, from, to });
    else go({ preset, from: null, to: null });
  };
  return (
    <form
      role="search"
      aria-label="Dashboard filters"
      aria-busy={pending}
      className="flex flex-wrap items-end gap-3 rounded-lg border bg-card p-3 print:hidden"
      onSubmit={(e) => {
        e.preventDefault();
        go({ preset: null, from, to });
      }}
    >
      <div className="grid gap-1">
        <Label htmlFor="dash-period">Period</Label>
        <NativeSelect id="dash-period" value={view.preset} onChange={(e) => setPreset(e.target.value)} wrapperClassName="w-40">
          {PERIOD_PRESETS.map((p) => (
            <NativeSelectOption key={p} value={p}>
              {PERIOD_PRESET_LABELS[p]}
            </NativeSelectOption>
          ))}
          <NativeSelectOption value="custom">Custom dates</NativeSelectOption>
        </NativeSelect>
      </div>
      <div className="grid gap-1">
        <Label htmlFor="dash-from">From</Label>
        <Input id="dash-from" type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} className="w-38" />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="dash-to">To</Label>
        <Input id="dash-to" type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} className="w-38" />
      </div>
      <Button type="submit" variant="outline" size="sm" disabled={from === view.period.from && to === view.period.to}>
        Apply dates
      </Button>
      {DASHBOARD_FILTER_PARAMS.map((k) => (
        <div key={k} className="grid gap-1">
          <Label htmlFor={`dash-${k}`}>{FILTER_LABELS[k].label}</Label>
          <NativeSelect id={`dash-${k}`} value={view.filters[k] ?? ""} onChange={(e) => go({ [k]: e.target.value || null })} wrapperClassName="w-44">
            <NativeSelectOption value="">{FILTER_LABELS[k].all}</NativeSelectOption>
            {options[FILTER_LABELS[k].options].map((o) => (
              <NativeSelectOption key={o.id} value={o.id}>
                {o.name}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </div>
      ))}
      <div className="ml-auto flex gap-2">
        <Button type="button" variant="ghost" size="sm" onClick={() => start(() => router.push(pathname, { scroll: false }))}>
          <RotateCcw aria-hidden /> Reset
        </Button>
        <Button type="button" variant="outline" size="sm" onClick={() => window.print()}>
          <Printer aria-hidden /> Print
        </Button>
      </div>
    </form>
  );
}
