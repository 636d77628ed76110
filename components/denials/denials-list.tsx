"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { TriangleAlert } from "lucide-react";
import Link from "next/link";
import { CsvExportButton } from "@/components/data-table/csv-export-button";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { useUrlListState } from "@/components/data-table/use-url-list-state";
import { dueText, money, usDate } from "@/components/remittances/format";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import {
  DENIAL_FILTER_KEYS,
  DENIAL_SORTS,
  WORKLIST_VIEW_LABELS,
  WORKLIST_VIEWS,
  type TDenialListParamsInput,
  type TDenialRow,
  type TDenialSort,
  type TWorklistView,
} from "@/server/api/routers/denials/schemas";
import { DENIAL_ACTION_LABELS, DENIAL_CATEGORIES, DENIAL_CATEGORY_LABELS } from "@/server/domain/denials/codes";
import { DenialStatusBadge } from "./denial-badges";

const COUNT_OF: Partial<Record<TWorklistView, "todo" | "waiting" | "approval">> = { todo: "todo", waiting: "waiting", approval: "approval" };

const COLUMNS: DataTableColumn<TDenialRow, TDenialSort>[] = [
  {
    id: "due",
    header: "Due",
    sortKey: "due",
    className: "min-w-24",
    cell: (r) => (
      <span className={cn("block", r.dueInDays !== null && r.dueInDays < 0 && "font-medium text-destructive")} title={r.dueDate ? `Appeal window ends ${usDate(r.dueDate)}` : undefined}>
        {r.dueDate ? usDate(r.dueDate) : "—"}
        <span className="block text-xs text-muted-foreground">{r.dueDate ? dueText(r.dueInDays) : ""}</span>
      </span>
    ),
  },
  {
    id: "claim",
    header: "Claim",
    sortKey: "claim",
    className: "whitespace-nowrap",
    cell: (r) => (
      <Link href={`/denials/${r.id}`} className="font-mono text-sm font-medium underline-offset-4 hover:underline" aria-label={`Work item for claim ${r.claimNumber}, ${r.patientName}`}>
        {r.claimNumber}
      </Link>
    ),
  },
  { id: "patient", header: "Patient", className: "max-w-40 truncate whitespace-nowrap", cell: (r) => <span title={`${r.patientName} · DOS ${usDate(r.dateOfService)}`}>{r.patientName}</span> },
  { id: "payer", header: "Payer", sortKey: "payer", className: "max-w-32 truncate whitespace-nowrap", cell: (r) => <span title={r.payerName}>{r.payerName}</span> },
  {
    id: "category",
    header: "Category",
    sortKey: "category",
    className: "min-w-36",
    // the category in words, with the adjustment codes (or the procedure) under it
    cell: (r) => (
      <span className="block">
        {r.category ? DENIAL_CATEGORY_LABELS[r.category] : <span className="font-medium">Underpayment</span>}
        <span className="block font-mono text-xs text-muted-foreground">{r.codes.join(" ")}</span>
      </span>
    ),
  },
  { id: "amount", header: "Amount", sortKey: "amount", className: "whitespace-nowrap text-right tabular-nums", headerClassName: "text-right", cell: (r) => money(r.amountCents) },
  { id: "action", header: "Recommended", className: "min-w-28", cell: (r) => DENIAL_ACTION_LABELS[r.action] },
  { id: "status", header: "Status", sortKey: "status", className: "whitespace-nowrap", cell: (r) => <DenialStatusBadge status={r.status} /> },
  { id: "assignee", header: "Assigned", className: "max-w-28 truncate whitespace-nowrap", cell: (r) => r.assigneeName ?? <span className="text-muted-foreground">—</span> },
  { id: "cause", header: "Cause", className: "max-w-36 truncate whitespace-nowrap text-sm text-muted-foreground", cell: (r) => <span title={r.summary}>{r.summary}</span> },
];

/** The denial and underpayment worklist: views by state, filters in the URL, one line per item, CSV with the same filters. */
export function DenialsList() {
  const trpc = useTRPC();
  const state = useUrlListState({ sortKeys: DENIAL_SORTS, defaults: { sort: "due", dir: "asc" }, filterKeys: DENIAL_FILTER_KEYS });
  const view = (state.filters.view ?? "todo") as TWorklistView;
  const query = useQuery(trpc.denials.list.queryOptions(state.params as TDenialListParamsInput, { placeholderData: keepPreviousData }));
  const counts = useQuery(trpc.denials.counts.queryOptions());
  const filtered = state.q !== "" || Object.keys(state.filters).some((k) => k !== "view");
  return (
    <section className="space-y-4" aria-label="Denials">
      <nav aria-label="Denial views" className="inline-flex rounded-lg bg-muted p-1 text-sm">
        {WORKLIST_VIEWS.map((v) => {
          const c = COUNT_OF[v] ? counts.data?.[COUNT_OF[v]] : undefined;
          return (
            <button
              key={v}
              type="button"
              onClick={() => state.setFilter("view", v === "todo" ? null : v)}
              aria-current={v === view ? "page" : undefined}
              className={cn("rounded-md px-3 py-1.5 font-medium text-muted-foreground transition-colors hover:text-foreground", v === view && "bg-background text-foreground shadow-sm")}
            >
              {WORKLIST_VIEW_LABELS[v]}
              {c !== undefined ? <span className="ml-1.5 rounded bg-muted-foreground/15 px-1.5 text-xs tabular-nums">{c}</span> : null}
            </button>
          );
        })}
      </nav>
      {counts.data && counts.data.overdue > 0 ? (
        <p className="text-sm text-destructive" role="status">
          {counts.data.overdue} item{counts.data.overdue === 1 ? " is" : "s are"} past the payer&apos;s appeal window.
        </p>
      ) : null}
      <div className="flex flex-wrap items-end gap-3">
        <DataTableSearch state={state} label="Search denials" placeholder="Claim, patient or code (CO-197)" className="w-full max-w-xs" />
        <div className="grid gap-1">
          <Label htmlFor="denials-category">Category</Label>
          <NativeSelect id="denials-category" value={state.filters.category ?? ""} onChange={(e) => state.setFilter("category", e.target.value || null)}>
            <NativeSelectOption value="">All</NativeSelectOption>
            {DENIAL_CATEGORIES.map((c) => (
              <NativeSelectOption key={c} value={c}>
                {DENIAL_CATEGORY_LABELS[c]}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="denials-kind">Kind</Label>
          <NativeSelect id="denials-kind" value={state.filters.kind ?? ""} onChange={(e) => state.setFilter("kind", e.target.value || null)}>
            <NativeSelectOption value="">Denials and underpayments</NativeSelectOption>
            <NativeSelectOption value="denial">Denials</NativeSelectOption>
            <NativeSelectOption value="underpayment">Underpayments</NativeSelectOption>
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="denials-assignee">Assigned to</Label>
          <NativeSelect id="denials-assignee" value={state.filters.assignee ?? ""} onChange={(e) => state.setFilter("assignee", e.target.value || null)}>
            <NativeSelectOption value="">Anyone</NativeSelectOption>
            <NativeSelectOption value="me">Me{counts.data ? ` (${counts.data.mine})` : ""}</NativeSelectOption>
            <NativeSelectOption value="none">Nobody yet</NativeSelectOption>
          </NativeSelect>
        </div>
        {filtered ? (
          <Button variant="ghost" onClick={state.reset}>
            Clear filters
          </Button>
        ) : null}
        <div className="ml-auto">
          <CsvExportButton href="/api/export/denials" query={state.exportQuery} />
        </div>
      </div>
      <DataTable
        label="Denial work items"
        columns={COLUMNS}
        data={query.data}
        state={state}
        error={query.error}
        isFetching={query.isFetching && query.isPlaceholderData}
        getRowKey={(r) => r.id}
        rowProps={(r) => ({ "data-testid": `denial-row-${r.id}`, "data-claim": r.claimNumber })}
        empty={
          <EmptyState
            icon={TriangleAlert}
            title={filtered ? "Nothing matches these filters" : view === "todo" ? "No denials to work" : "Nothing here"}
            description={filtered ? "Change the search or the filters." : "Posting a remittance opens a work item for every denied claim or line and every underpaid line."}
          />
        }
      />
    </section>
  );
}
