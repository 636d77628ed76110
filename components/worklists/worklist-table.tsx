"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ListChecks } from "lucide-react";
import Link from "next/link";
import { CsvExportButton } from "@/components/data-table/csv-export-button";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { useUrlListState } from "@/components/data-table/use-url-list-state";
import { AdministrationStatusBadge } from "@/components/orders/order-status-badge";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import {
  DATE_PRESET_LABELS,
  DATE_PRESETS,
  WORKLIST_FILTER_KEYS,
  WORKLIST_SLUGS,
  WORKLIST_SORTS,
  type TDatePreset,
  type TWorklist,
  type TWorklistFilterOptions,
  type TWorklistItem,
  type TWorklistParamsInput,
  type TWorklistSort,
} from "@/server/api/routers/worklists/schemas";

function columns(list: TWorklist): DataTableColumn<TWorklistItem, TWorklistSort>[] {
  return [
    {
      id: "patient",
      header: "Patient",
      sortKey: "patient",
      cell: (r) => (
        <Link href={`/patients/${r.patientId}`} className="font-medium underline-offset-4 hover:underline">
          {r.patientName}
          <span className="block font-mono text-xs text-muted-foreground">MRN {r.patientMrn}</span>
        </Link>
      ),
    },
    {
      id: "date",
      header: list === "due" ? "Planned" : "Given",
      sortKey: "date",
      className: "whitespace-nowrap",
      cell: (r) =>
        list === "due" || !r.actualDate ? (
          <>
            {r.plannedDate}
            {r.plannedDate !== r.originalPlannedDate ? <span className="block text-xs text-muted-foreground">was {r.originalPlannedDate}</span> : null}
          </>
        ) : (
          <>
            {r.actualDate}
            {r.actualDate !== r.plannedDate ? <span className="block text-xs text-muted-foreground">planned {r.plannedDate}</span> : null}
          </>
        ),
    },
    { id: "cycle", header: "Cycle", sortKey: "cycle", cell: (r) => r.cycleLabel },
    { id: "indication", header: "Indication", sortKey: "indication", cell: (r) => <span className="line-clamp-2 max-w-xs">{r.indicationName}</span> },
    {
      id: "payer",
      header: "Primary payer",
      sortKey: "payer",
      cell: (r) => r.primaryPayerName ?? <span className="text-muted-foreground">None in force</span>,
    },
    { id: "status", header: "Status", sortKey: "status", cell: (r) => <AdministrationStatusBadge status={r.status} /> },
    {
      id: "reason",
      header: list === "ready" ? "Note" : "Reason",
      cell: (r) =>
        r.reasons.length > 1 ? (
          <ul className="max-w-sm list-disc space-y-0.5 pl-4 text-sm">
            {r.reasons.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        ) : (
          <span className="block max-w-sm text-sm">{r.reason ?? "—"}</span>
        ),
    },
    {
      id: "open",
      header: <span className="sr-only">Open</span>,
      className: "whitespace-nowrap text-right",
      cell: (r) => (
        <span className="inline-flex gap-1">
          <Button asChild variant="outline" size="sm">
            <Link href={`/administrations/${r.id}`} aria-label={`${list === "due" ? "Document" : "Documentation"}: ${r.patientName}, ${r.cycleLabel}`}>
              {list === "due" ? "Document" : "Documentation"}
            </Link>
          </Button>
          <Button asChild variant="ghost" size="sm">
            <Link href={`/administrations/${r.id}/episode`} aria-label={`Episode of ${r.patientName}, ${r.cycleLabel}`}>
              Episode
            </Link>
          </Button>
        </span>
      ),
    },
  ];
}

/** One billing worklist: filters, sort and page live in the URL; the CSV export takes the same filters. */
export function WorklistTable({ list, options }: { list: TWorklist; options: TWorklistFilterOptions }) {
  const trpc = useTRPC();
  const state = useUrlListState({ sortKeys: WORKLIST_SORTS, defaults: { sort: "date", dir: "asc" }, filterKeys: WORKLIST_FILTER_KEYS });
  const preset = (list === "due" ? (state.filters.preset ?? "week") : "custom") as TDatePreset;
  const params = { ...state.params, list } as TWorklistParamsInput;
  const query = useQuery(trpc.worklists.list.queryOptions(params, { placeholderData: keepPreviousData }));
  const filtered = state.q !== "" || Object.keys(state.filters).length > 0;
  const idPrefix = `worklist-${list}`;
  return (
    <section className="space-y-4" aria-label="Worklist">
      <div className="flex flex-wrap items-end gap-3">
        <DataTableSearch state={state} label="Search patients in this list" placeholder="Patient name or MRN" className="w-full max-w-xs" />
        {list === "due" ? (
          <div className="grid gap-1">
            <Label htmlFor={`${idPrefix}-preset`}>Dates</Label>
            <NativeSelect id={`${idPrefix}-preset`} value={preset} onChange={(e) => state.setFilter("preset", e.target.value === "week" ? null : e.target.value)}>
              {DATE_PRESETS.map((p) => (
                <NativeSelectOption key={p} value={p}>
                  {DATE_PRESET_LABELS[p]}
                </NativeSelectOption>
              ))}
            </NativeSelect>
          </div>
        ) : null}
        {preset === "custom" ? (
          <>
            <div className="grid gap-1">
              <Label htmlFor={`${idPrefix}-from`}>From</Label>
              <Input id={`${idPrefix}-from`} type="date" className="w-40" value={state.filters.from ?? ""} onChange={(e) => state.setFilter("from", e.target.value || null)} />
            </div>
            <div className="grid gap-1">
              <Label htmlFor={`${idPrefix}-to`}>To</Label>
              <Input id={`${idPrefix}-to`} type="date" className="w-40" value={state.filters.to ?? ""} onChange={(e) => state.setFilter("to", e.target.value || null)} />
            </div>
          </>
        ) : null}
        <FilterSelect id={`${idPrefix}-payer`} label="Payer" value={state.filters.payer} options={options.payers} onChange={(v) => state.setFilter("payer", v)} />
        <FilterSelect id={`${idPrefix}-location`} label="Location" value={state.filters.location} options={options.locations} onChange={(v) => state.setFilter("location", v)} />
        <FilterSelect id={`${idPrefix}-provider`} label="Ordering provider" value={state.filters.provider} options={options.providers} onChange={(v) => state.setFilter("provider", v)} />
        <FilterSelect id={`${idPrefix}-indication`} label="Indication" value={state.filters.indication} options={options.indications} onChange={(v) => state.setFilter("indication", v)} className="max-w-xs" />
        {filtered ? (
          <Button variant="ghost" onClick={state.reset}>
            Clear filters
          </Button>
        ) : null}
        <div className="ml-auto">
          <CsvExportButton href={`/api/export/worklists/${WORKLIST_SLUGS[list]}`} query={state.exportQuery} />
        </div>
      </div>
      <DataTable
        label="Worklist"
        columns={columns(list)}
        data={query.data}
        state={state}
        error={query.error}
        isFetching={query.isFetching && query.isPlaceholderData}
        getRowKey={(r) => r.id}
        rowProps={(r) => ({ "data-testid": `worklist-row-${r.id}` })}
        empty={
          <EmptyState
            icon={ListChecks}
            title={filtered ? "Nothing matches these filters" : EMPTY_TITLE[list]}
            description={
              filtered
                ? "Change the dates, the search or the filters."
                : EMPTY_TEXT[list]
            }
          />
        }
      />
    </section>
  );
}

const EMPTY_TITLE: Record<TWorklist, string> = {
  due: "Nothing due in the next 7 days",
  not_ready: "Nothing waiting",
  ready: "Nothing ready for billing",
  closed: "Nothing closed",
};
const EMPTY_TEXT: Record<TWorklist, string> = {
  due: "Scheduled infusions appear here as their planned date comes up.",
  not_ready: "Documented infusions that still miss an item or a check appear here with the reason.",
  ready: "Documented infusions that passed every check appear here.",
  closed: "Infusions closed without billing (billed by the facility, past the filing limit, free drug, duplicate) appear here with the reason.",
};

function FilterSelect({
  id,
  label,
  value,
  options,
  onChange,
  className,
}: {
  id: string;
  label: string;
  value: string | undefined;
  options: readonly { id: string; name: string; isActive?: boolean }[];
  onChange: (v: string | null) => void;
  className?: string;
}) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} className={className}>
        <NativeSelectOption value="">All</NativeSelectOption>
        {options.map((o) => (
          <NativeSelectOption key={o.id} value={o.id}>
            {o.name}
            {o.isActive === false ? " (inactive)" : ""}
          </NativeSelectOption>
        ))}
      </NativeSelect>
    </div>
  );
}
