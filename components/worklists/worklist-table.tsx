"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CircleCheck, ListChecks } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CsvExportButton } from "@/components/data-table/csv-export-button";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { useUrlListState } from "@/components/data-table/use-url-list-state";
import { AdministrationStatusBadge } from "@/components/orders/order-status-badge";
import { useTRPC } from "@/components/trpc/client";
import { usDate } from "@/components/patients/format";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
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
import { formatCharge, shortIndication, worklistItemHref } from "./format";

const muted = <span className="text-muted-foreground">—</span>;

function daysLeftTone(days: number): string {
  if (days < 0) return "font-medium text-destructive";
  if (days <= 14) return "font-medium text-destructive";
  if (days <= 30) return "font-medium text-amber-800 dark:text-amber-300";
  return "";
}

interface ColumnContext {
  list: TWorklist;
  hrefOf: (r: TWorklistItem) => string;
  pick: { enabled: boolean; picked: Set<string>; all: boolean; some: boolean; toggle: (id: string, on: boolean) => void; toggleAll: (on: boolean) => void };
}

/** A billing work queue's columns, one line per infusion; which ones depend on the list. */
function columns({ list, hrefOf, pick }: ColumnContext): DataTableColumn<TWorklistItem, TWorklistSort>[] {
  const documented = list === "not_ready" || list === "ready";
  const cols: (DataTableColumn<TWorklistItem, TWorklistSort> | false)[] = [
    pick.enabled && {
      id: "pick",
      header: (
        <Checkbox aria-label="Choose every item on this page" checked={pick.all ? true : pick.some ? "indeterminate" : false} onCheckedChange={(v) => pick.toggleAll(v === true)} />
      ),
      className: "w-8",
      cell: (r) => <Checkbox aria-label={`Choose ${r.patientName}, ${r.cycleLabel}`} checked={pick.picked.has(r.id)} onCheckedChange={(v) => pick.toggle(r.id, v === true)} />,
    },
    {
      id: "date",
      header: list === "due" ? "Planned" : <abbr title="Date of service" className="no-underline">DOS</abbr>,
      sortKey: "date",
      className: "whitespace-nowrap tabular-nums",
      cell: (r) => {
        const shown = list === "due" || !r.actualDate ? r.plannedDate : r.actualDate;
        const note = list === "due" ? (r.plannedDate !== r.originalPlannedDate ? `Rescheduled from ${usDate(r.originalPlannedDate)}` : undefined) : r.actualDate && r.actualDate !== r.plannedDate ? `Planned ${usDate(r.plannedDate)}` : undefined;
        return <span title={note}>{usDate(shown)}</span>;
      },
    },
    {
      id: "patient",
      header: "Patient",
      sortKey: "patient",
      className: "max-w-44 truncate whitespace-nowrap",
      cell: (r) => (
        <Link href={hrefOf(r)} className="font-medium underline-offset-4 hover:underline" title={`${r.patientName} · MRN ${r.patientMrn} · ${r.cycleLabel}`} data-testid="worklist-open">
          {r.patientName} <span className="font-mono text-xs font-normal text-muted-foreground">{r.cycleLabel}</span>
        </Link>
      ),
    },
    {
      id: "indication",
      header: "Indication",
      sortKey: "indication",
      className: "max-w-36 truncate whitespace-nowrap",
      cell: (r) => <span title={r.indicationName}>{shortIndication(r.indicationName)}</span>,
    },
    {
      id: "payer",
      header: "Payer",
      sortKey: "payer",
      className: "max-w-32 truncate whitespace-nowrap",
      cell: (r) => (r.primaryPayerName ? <span title={r.primaryPayerName}>{r.primaryPayerName}</span> : <span className="text-muted-foreground">None in force</span>),
    },
    (list === "due" || list === "closed") && { id: "status", header: "Status", sortKey: "status", className: "whitespace-nowrap", cell: (r) => <AdministrationStatusBadge status={r.status} /> },
    documented && {
      id: "charge",
      header: "Charge",
      sortKey: "charge",
      className: "whitespace-nowrap text-right tabular-nums",
      headerClassName: "text-right",
      cell: (r) => (r.chargeCents === null ? muted : formatCharge(r.chargeCents)),
    },
    list !== "ready" && {
      id: "reason",
      header: list === "not_ready" ? "Blocking reason" : list === "closed" ? "Outcome" : "Reason",
      // The reason in full: it takes the width left and wraps rather than hiding the end.
      className: "w-full min-w-52 whitespace-normal text-sm",
      cell: (r) =>
        r.readyToMark ? (
          <span data-testid="worklist-reason" className="inline-flex items-start gap-1 text-emerald-800 dark:text-emerald-300">
            <CircleCheck aria-hidden className="mt-0.5 size-3.5 shrink-0" />
            <span>
              <span className="sr-only">Nothing blocks it. </span>
              {r.reason}
            </span>
          </span>
        ) : (
          <span data-testid="worklist-reason">{r.reason ?? "—"}</span>
        ),
    },
    documented && {
      id: "daysLeft",
      header: "Days left",
      sortKey: "daysLeft",
      className: "whitespace-nowrap text-right tabular-nums",
      headerClassName: "text-right",
      cell: (r) =>
        r.daysLeftToFile === null ? (
          muted
        ) : (
          <span className={daysLeftTone(r.daysLeftToFile)} title={`${r.daysLeftLabel ?? ""} (last day ${usDate(r.filingDeadline)})`} data-testid="worklist-days-left">
            {r.daysLeftToFile}
          </span>
        ),
    },
    {
      id: "assignee",
      header: "Assigned",
      sortKey: "assignee",
      className: "max-w-24 truncate whitespace-nowrap",
      cell: (r) => (r.assigneeName ? <span title={r.assigneeName}>{r.assigneeName}</span> : muted),
    },
    {
      id: "age",
      header: "Age",
      sortKey: "age",
      className: "whitespace-nowrap text-right tabular-nums",
      headerClassName: "text-right",
      cell: (r) => (r.ageDays === null ? muted : <span title={`On this list for ${r.ageDays} day${r.ageDays === 1 ? "" : "s"}`}>{r.ageDays} d</span>),
    },
  ];
  return cols.filter((c): c is DataTableColumn<TWorklistItem, TWorklistSort> => c !== false);
}

/** Clicks on a line open its infusion, except on the line's own controls. */
function isControl(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest("a, button, input, label, select, [role='checkbox']") !== null;
}

/**
 * One billing worklist: one line per infusion, the whole line opens it (carrying the list for "Next
 * in worklist"); filters, sort and page live in the URL; the CSV export takes the same filters.
 * Those who document infusions tick lines to assign them to themselves or someone else.
 */
export function WorklistTable({ list, options, canAssign }: { list: TWorklist; options: TWorklistFilterOptions; canAssign: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const state = useUrlListState({ sortKeys: WORKLIST_SORTS, defaults: { sort: "date", dir: "asc" }, filterKeys: WORKLIST_FILTER_KEYS });
  const preset = (list === "due" ? (state.filters.preset ?? "week") : "custom") as TDatePreset;
  const params = { ...state.params, list } as TWorklistParamsInput;
  const query = useQuery(trpc.worklists.list.queryOptions(params, { placeholderData: keepPreviousData }));
  const assignees = useQuery(trpc.worklists.assignees.queryOptions());
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [assignTo, setAssignTo] = useState("");
  const assign = useMutation(
    trpc.worklists.assign.mutationOptions({
      onSuccess: (r, v) => {
        const who = v.assigneeUserId === null ? "nobody" : (assignees.data?.find((u) => u.id === v.assigneeUserId)?.name ?? "them");
        toast({ title: `${v.administrationIds.length} item${v.administrationIds.length === 1 ? "" : "s"} assigned to ${who}`, description: r.changed < v.administrationIds.length ? `${v.administrationIds.length - r.changed} already were.` : undefined, variant: "success" });
        setPicked(new Set());
        setAssignTo("");
        void qc.invalidateQueries({ queryKey: trpc.worklists.list.queryKey() });
      },
      onError: (e) => toast({ title: "Could not assign", description: e.message, variant: "destructive" }),
    }),
  );
  const filtered = state.q !== "" || Object.keys(state.filters).length > 0;
  const idPrefix = `worklist-${list}`;
  const items = query.data?.items ?? [];
  const offset = ((query.data?.page ?? 1) - 1) * (query.data?.pageSize ?? 25);
  const positions = new Map(items.map((r, i) => [r.id, offset + i]));
  const hrefOf = (r: TWorklistItem) => worklistItemHref(r.id, WORKLIST_SLUGS[list], state.exportQuery, positions.get(r.id) ?? 0);
  const pageIds = items.map((r) => r.id);
  const all = pageIds.length > 0 && pageIds.every((id) => picked.has(id));
  const cols = columns({
    list,
    hrefOf,
    pick: {
      enabled: canAssign,
      picked,
      all,
      some: picked.size > 0,
      toggle: (id, on) =>
        setPicked((p) => {
          const n = new Set(p);
          if (on) n.add(id);
          else n.delete(id);
          return n;
        }),
      toggleAll: (on) => setPicked(on ? new Set(pageIds) : new Set()),
    },
  });
  const me = assignees.data?.find((u) => u.isMe);
  return (
    <section className="space-y-3" aria-label="Worklist">
      <div className="flex flex-wrap items-end gap-3">
        <DataTableSearch state={state} label="Search patients in this list" placeholder="Patient name or MRN" className="w-56" />
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
        <FilterSelect id={`${idPrefix}-payer`} label="Payer" value={state.filters.payer} options={options.payers} onChange={(v) => state.setFilter("payer", v)} className="w-44" />
        <FilterSelect id={`${idPrefix}-location`} label="Location" value={state.filters.location} options={options.locations} onChange={(v) => state.setFilter("location", v)} className="w-40" />
        <FilterSelect id={`${idPrefix}-provider`} label="Ordering provider" value={state.filters.provider} options={options.providers} onChange={(v) => state.setFilter("provider", v)} className="w-40" />
        <FilterSelect id={`${idPrefix}-indication`} label="Indication" value={state.filters.indication} options={options.indications.map((o) => ({ ...o, name: shortIndication(o.name) }))} onChange={(v) => state.setFilter("indication", v)} className="w-44" />
        <div className="grid gap-1">
          <Label htmlFor={`${idPrefix}-assignee`}>Assigned to</Label>
          <NativeSelect id={`${idPrefix}-assignee`} value={state.filters.assignee ?? ""} onChange={(e) => state.setFilter("assignee", e.target.value || null)} className="w-36">
            <NativeSelectOption value="">Anyone</NativeSelectOption>
            <NativeSelectOption value="me">Me</NativeSelectOption>
            <NativeSelectOption value="none">Nobody</NativeSelectOption>
            {(assignees.data ?? []).map((u) => (
              <NativeSelectOption key={u.id} value={u.id}>
                {u.name}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </div>
        {filtered ? (
          <Button variant="ghost" onClick={state.reset}>
            Clear filters
          </Button>
        ) : null}
        <div className="ml-auto">
          <CsvExportButton href={`/api/export/worklists/${WORKLIST_SLUGS[list]}`} query={state.exportQuery} />
        </div>
      </div>
      {canAssign && picked.size > 0 ? (
        <div className="flex flex-wrap items-end gap-2 rounded-md border bg-muted/40 p-2" data-testid="bulk-assign" role="group" aria-label="Assign the chosen items">
          <span className="self-center text-sm font-medium">
            {picked.size} item{picked.size === 1 ? "" : "s"} chosen
          </span>
          {me ? (
            <Button size="sm" disabled={assign.isPending} onClick={() => assign.mutate({ administrationIds: [...picked], assigneeUserId: me.id })}>
              Assign to me
            </Button>
          ) : null}
          <Label htmlFor={`${idPrefix}-assign-to`} className="self-center">
            or to
          </Label>
          <NativeSelect id={`${idPrefix}-assign-to`} value={assignTo} onChange={(e) => setAssignTo(e.target.value)} className="h-8 w-44">
            <NativeSelectOption value="">Choose…</NativeSelectOption>
            <NativeSelectOption value="none">Nobody (unassign)</NativeSelectOption>
            {(assignees.data ?? []).map((u) => (
              <NativeSelectOption key={u.id} value={u.id}>
                {u.name}
              </NativeSelectOption>
            ))}
          </NativeSelect>
          <Button size="sm" variant="outline" disabled={!assignTo || assign.isPending} onClick={() => assign.mutate({ administrationIds: [...picked], assigneeUserId: assignTo === "none" ? null : assignTo })}>
            Assign
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setPicked(new Set())}>
            Clear
          </Button>
        </div>
      ) : null}
      <DataTable
        label="Worklist"
        columns={cols}
        data={query.data}
        state={state}
        error={query.error}
        isFetching={query.isFetching && query.isPlaceholderData}
        getRowKey={(r) => r.id}
        rowProps={(r) => ({
          "data-testid": `worklist-row-${r.id}`,
          className: "cursor-pointer",
          onClick: (e) => {
            if (!isControl(e.target)) router.push(hrefOf(r));
          },
        })}
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
