"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { CsvExportButton } from "@/components/data-table/csv-export-button";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { formatTotal } from "@/components/data-table/pagination";
import { useUrlListState } from "@/components/data-table/use-url-list-state";
import { usDate } from "@/components/patients/format";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import { PA_FILTER_KEYS, PA_SORTS, type TRequestRow } from "@/server/api/routers/prior-auths/schemas";
import { PA_VIEW_LABELS, PA_VIEWS, type PaSort, type PaView } from "@/server/domain/prior-auth/codes";
import { PRIOR_AUTH_STATE_LABELS, PRIOR_AUTH_STATES, type PriorAuthState } from "@/server/domain/workflow/prior-auth";
import { PriorAuthStatusBadge } from "./prior-auth-status-badge";

function dueTone(due: string | null, today: string): string {
  if (!due) return "text-muted-foreground";
  if (due < today) return "font-medium text-destructive";
  if (due === today) return "font-medium text-destructive";
  return "";
}

/**
 * The coordinator's queue: one line per request with its status, payer, what it asks for, when the
 * next step is due, how long the payer has had it, the next infusion and the flags. Views, filters,
 * sort and search live in the URL; the CSV carries the same. Coordinators tick requests to assign them.
 */
export function PriorAuthsList({ payers, canWrite, today }: { payers: { id: string; name: string }[]; canWrite: boolean; today: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useUrlListState({ sortKeys: PA_SORTS, defaults: { sort: "due", dir: "asc" }, filterKeys: PA_FILTER_KEYS });
  const view = (list.filters.view as PaView | undefined) ?? "open";
  const params = {
    ...list.params,
    view,
    status: list.params.status as PriorAuthState | undefined,
    overdue: list.params.overdue === "true" ? true : undefined,
  };
  const query = useQuery(trpc.priorAuths.list.queryOptions(params, { placeholderData: keepPreviousData }));
  const counts = useQuery(trpc.priorAuths.counts.queryOptions());
  const assignees = useQuery(trpc.priorAuths.assignees.queryOptions());
  const [picked, setPicked] = useState<TRequestRow[]>([]);
  const [assignTo, setAssignTo] = useState("");
  const assign = useMutation(
    trpc.priorAuths.assign.mutationOptions({
      onSuccess: (r) => {
        toast({ title: `${r.length} request${r.length === 1 ? "" : "s"} assigned`, variant: "success" });
        setPicked([]);
        void qc.invalidateQueries({ queryKey: trpc.priorAuths.list.queryKey() });
        void qc.invalidateQueries({ queryKey: trpc.priorAuths.counts.queryKey() });
      },
      onError: (e) => toast({ title: "Could not assign", description: e.message, variant: "destructive" }),
    }),
  );
  const filtered = list.q || Object.keys(list.filters).some((k) => k !== "view");
  const pageIds = query.data?.items.map((r) => r.id) ?? [];
  const allPicked = pageIds.length > 0 && pageIds.every((id) => picked.some((p) => p.id === id));

  const columns: DataTableColumn<TRequestRow, PaSort>[] = [
    ...(canWrite
      ? [
          {
            id: "pick",
            header: (
              <Checkbox
                aria-label="Choose every request on this page"
                checked={allPicked ? true : picked.length > 0 ? "indeterminate" : false}
                onCheckedChange={(v) => setPicked(v === true ? (query.data?.items ?? []) : [])}
              />
            ),
            className: "w-8",
            cell: (r: TRequestRow) => (
              <Checkbox
                aria-label={`Choose ${r.requestNumber}`}
                checked={picked.some((x) => x.id === r.id)}
                onCheckedChange={(v) => setPicked((p) => (v === true ? [...p.filter((x) => x.id !== r.id), r] : p.filter((x) => x.id !== r.id)))}
              />
            ),
          },
        ]
      : []),
    {
      id: "number",
      header: "Request",
      className: "whitespace-nowrap",
      cell: (r) => (
        <span className="inline-flex items-center gap-1">
          <Link href={`/prior-auths/${r.id}`} className="font-mono font-medium underline-offset-4 hover:underline" data-testid="pa-link">
            {r.requestNumber}
          </Link>
          {r.kind === "renewal" ? (
            <span className="rounded border px-1 text-xs text-muted-foreground" title="Renewal">
              R
            </span>
          ) : null}
        </span>
      ),
    },
    {
      id: "patient",
      header: "Patient",
      sortKey: "patient",
      className: "max-w-36 truncate whitespace-nowrap",
      cell: (r) => (
        <span title={`${r.patientName} · MRN ${r.mrn}`}>
          {r.patientName} <span className="font-mono text-xs text-muted-foreground">{r.mrn}</span>
        </span>
      ),
    },
    { id: "payer", header: "Payer", sortKey: "payer", className: "max-w-28 truncate whitespace-nowrap", cell: (r) => <span title={r.payerName}>{r.payerName}</span> },
    {
      id: "status",
      header: "Status",
      sortKey: "status",
      className: "whitespace-nowrap",
      cell: (r) => <PriorAuthStatusBadge status={r.status} short />,
    },
    {
      id: "requested",
      header: "Requested",
      className: "max-w-28 truncate whitespace-nowrap tabular-nums",
      cell: (r) => <span title={`${r.requested} · ${usDate(r.startDate)}–${usDate(r.endDate)}`}>{r.requested}</span>,
    },
    {
      id: "due",
      header: "Due",
      sortKey: "due",
      className: "whitespace-nowrap tabular-nums",
      cell: (r) => <span className={dueTone(r.dueDate, today)}>{r.dueDate ? usDate(r.dueDate) : "—"}</span>,
    },
    {
      id: "pending",
      header: "Pending",
      sortKey: "pending",
      className: "whitespace-nowrap text-right tabular-nums",
      headerClassName: "text-right",
      cell: (r) => (r.daysPending === null ? <span className="text-muted-foreground">—</span> : `${r.daysPending} d`),
    },
    { id: "next", header: "Next dose", sortKey: "next", className: "whitespace-nowrap tabular-nums", cell: (r) => (r.nextInfusion ? usDate(r.nextInfusion) : <span className="text-muted-foreground">—</span>) },
    { id: "assignee", header: "Assigned", className: "max-w-20 truncate whitespace-nowrap", cell: (r) => r.assigneeName ?? <span className="text-muted-foreground">—</span> },
    {
      id: "flags",
      header: "Flags",
      className: "max-w-0 w-full truncate",
      cell: (r) => (
        <span title={r.flags.join("; ")} className={cn(r.flags.length ? "text-destructive" : "text-muted-foreground")} data-testid="pa-flags">
          {r.flags.length ? r.flags.join("; ") : "—"}
        </span>
      ),
    },
  ];

  const c = counts.data;
  const viewCount: Partial<Record<PaView, number | undefined>> = c ? { open: c.toStart + c.awaiting, awaiting: c.awaiting } : {};

  return (
    <section className="space-y-3" aria-label="Prior-authorization requests">
      <div className="flex flex-wrap items-center gap-3">
        <div role="group" aria-label="View" className="flex flex-wrap gap-1" data-testid="view-tabs">
          {PA_VIEWS.map((v) => {
            const active = view === v && !list.filters.status;
            return (
              <button
                key={v}
                type="button"
                aria-pressed={active}
                onClick={() => {
                  list.setFilter("view", v === "open" ? null : v);
                }}
                className={cn(
                  "rounded-md border px-2.5 py-1 text-sm font-medium text-muted-foreground hover:text-foreground",
                  active && "border-primary bg-primary text-primary-foreground hover:text-primary-foreground",
                )}
              >
                {PA_VIEW_LABELS[v]} {viewCount[v] !== undefined ? <span className="tabular-nums">{viewCount[v]}</span> : null}
              </button>
            );
          })}
        </div>
        {c ? (
          <span className="text-sm text-muted-foreground" data-testid="pa-counts">
            {c.toStart} to start · {c.awaiting} waiting on payers ·{" "}
            <button type="button" className={cn("underline-offset-4 hover:underline", c.overdue ? "font-medium text-destructive" : "")} onClick={() => list.setFilter("overdue", "true")}>
              {c.overdue} overdue
            </button>{" "}
            · {c.mine} mine
          </span>
        ) : null}
        <div className="ml-auto flex items-center gap-3">
          {query.data ? (
            <span className="text-sm text-muted-foreground" data-testid="pa-total">
              {formatTotal(query.data.total, query.data.totalCapped)} request{query.data.total === 1 && !query.data.totalCapped ? "" : "s"}
            </span>
          ) : null}
          <CsvExportButton href="/api/export/prior-auths" query={list.exportQuery} />
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <DataTableSearch state={list} label="Search requests" placeholder="Request, patient, MRN, payer ref." className="w-60" />
        <div className="grid gap-1">
          <Label htmlFor="pa-status-filter">Status</Label>
          <NativeSelect id="pa-status-filter" value={list.filters.status ?? ""} onChange={(e) => list.setFilter("status", e.target.value || null)} className="w-44">
            <NativeSelectOption value="">Any status</NativeSelectOption>
            {PRIOR_AUTH_STATES.map((s) => (
              <NativeSelectOption key={s} value={s}>
                {PRIOR_AUTH_STATE_LABELS[s]}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="pa-payer-filter">Payer</Label>
          <NativeSelect id="pa-payer-filter" value={list.filters.payerId ?? ""} onChange={(e) => list.setFilter("payerId", e.target.value || null)} className="w-52">
            <NativeSelectOption value="">All payers</NativeSelectOption>
            {payers.map((p) => (
              <NativeSelectOption key={p.id} value={p.id}>
                {p.name}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="pa-assignee-filter">Assigned to</Label>
          <NativeSelect id="pa-assignee-filter" value={list.filters.assignee ?? ""} onChange={(e) => list.setFilter("assignee", e.target.value || null)} className="w-44">
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
        <label className="flex h-9 items-center gap-2 text-sm">
          <Checkbox checked={list.filters.overdue === "true"} onCheckedChange={(v) => list.setFilter("overdue", v === true ? "true" : null)} aria-label="Overdue only" />
          Overdue only
        </label>
        {filtered ? (
          <Button variant="ghost" onClick={list.reset}>
            Clear filters
          </Button>
        ) : null}
        {canWrite && picked.length > 0 ? (
          <div className="ml-auto flex items-end gap-2" data-testid="bulk-assign">
            <div className="grid gap-1">
              <Label htmlFor="pa-assign-to">
                Assign {picked.length} request{picked.length === 1 ? "" : "s"} to
              </Label>
              <NativeSelect id="pa-assign-to" value={assignTo} onChange={(e) => setAssignTo(e.target.value)} className="w-48">
                <NativeSelectOption value="">Choose…</NativeSelectOption>
                <NativeSelectOption value="none">Nobody (unassign)</NativeSelectOption>
                {(assignees.data ?? []).map((u) => (
                  <NativeSelectOption key={u.id} value={u.id}>
                    {u.name}
                  </NativeSelectOption>
                ))}
              </NativeSelect>
            </div>
            <Button
              disabled={!assignTo || assign.isPending}
              onClick={() => assign.mutate({ items: picked.map((p) => ({ id: p.id, revision: p.revision })), assigneeUserId: assignTo === "none" ? null : assignTo })}
            >
              Assign
            </Button>
          </div>
        ) : null}
      </div>
      <DataTable
        label="Prior-authorization requests"
        columns={columns}
        data={query.data}
        state={list}
        error={query.error}
        isFetching={query.isFetching && query.isPlaceholderData}
        getRowKey={(r) => r.id}
        rowProps={(r) => ({ "data-testid": `pa-row-${r.id}`, "data-request": r.requestNumber })}
        empty={
          <EmptyState
            icon={ShieldCheck}
            title={filtered || view !== "open" ? "No request matches" : "Nothing to work"}
            description={filtered || view !== "open" ? "Change the view, the search or the filters." : "Requests open here when an order is signed for a payer that requires authorization, or with New request."}
          />
        }
      />
    </section>
  );
}
