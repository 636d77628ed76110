"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { CheckCheck } from "lucide-react";
import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { useUrlListState } from "@/components/data-table/use-url-list-state";
import { money, usDate } from "@/components/remittances/format";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { QUEUE_SORTS, type TQueueParamsInput, type TQueueRow, type TQueueSort } from "@/server/api/routers/remittances/schemas";
import { ClaimPaymentStatusBadge } from "./remittance-badges";

const COLUMNS: DataTableColumn<TQueueRow, TQueueSort>[] = [
  { id: "date", header: "Paid on", sortKey: "date", className: "whitespace-nowrap", cell: (r) => usDate(r.paymentDate) || "—" },
  {
    id: "claim",
    header: "Claim (payer's CLP01)",
    sortKey: "claim",
    className: "whitespace-nowrap",
    cell: (r) => <span className="font-mono text-sm">{r.claimNumber ?? r.patientControlNumber}</span>,
  },
  { id: "patient", header: "Patient on the 835", className: "max-w-40 truncate whitespace-nowrap", cell: (r) => r.patientName ?? "—" },
  { id: "payer", header: "Payer", className: "max-w-40 truncate whitespace-nowrap", cell: (r) => <span title={`${r.payerName} · trace ${r.traceNumber}`}>{r.payerName}</span> },
  { id: "amount", header: "Paid", sortKey: "amount", className: "whitespace-nowrap text-right tabular-nums", headerClassName: "text-right", cell: (r) => money(r.paidCents) },
  { id: "status", header: "Status", cell: (r) => <ClaimPaymentStatusBadge status={r.status} /> },
  { id: "reason", header: "Why it was not posted", className: "max-w-60 truncate whitespace-nowrap text-sm", cell: (r) => <span title={r.reason ?? undefined}>{r.reason ?? "—"}</span> },
  {
    id: "open",
    header: <span className="sr-only">Open</span>,
    className: "text-right",
    cell: (r) => (
      <Button asChild size="sm" variant="outline">
        <Link href={`/remittances/claims/${r.id}`} aria-label={`Match ${r.claimNumber ?? r.patientControlNumber}`}>
          Match
        </Link>
      </Button>
    ),
  },
];

/** Claim payments auto-posting could not place (unmatched) or would not post as they are (held), with the reason. */
export function UnmatchedQueue() {
  const trpc = useTRPC();
  const state = useUrlListState({ sortKeys: QUEUE_SORTS, defaults: { sort: "date", dir: "asc" }, filterKeys: ["status"] as const });
  const query = useQuery(trpc.remittances.queue.queryOptions(state.params as TQueueParamsInput, { placeholderData: keepPreviousData }));
  const filtered = state.q !== "" || Object.keys(state.filters).length > 0;
  return (
    <section className="space-y-3" aria-label="Unmatched and held">
      <div className="flex flex-wrap items-end gap-3">
        <DataTableSearch state={state} label="Search the queue" placeholder="Claim number, patient or trace" className="w-full max-w-xs" />
        <div className="grid gap-1">
          <Label htmlFor="queue-status">Show</Label>
          <NativeSelect id="queue-status" value={state.filters.status ?? ""} onChange={(e) => state.setFilter("status", e.target.value || null)}>
            <NativeSelectOption value="">Unmatched and held</NativeSelectOption>
            <NativeSelectOption value="unmatched">Unmatched</NativeSelectOption>
            <NativeSelectOption value="held">Held</NativeSelectOption>
          </NativeSelect>
        </div>
      </div>
      <DataTable
        label="Unmatched and held claim payments"
        columns={COLUMNS}
        data={query.data}
        state={state}
        error={query.error}
        isFetching={query.isFetching && query.isPlaceholderData}
        getRowKey={(r) => r.id}
        rowProps={(r) => ({ "data-testid": `queue-row-${r.patientControlNumber}` })}
        empty={<EmptyState icon={CheckCheck} title={filtered ? "Nothing matches" : "Everything is posted"} description={filtered ? "Change the search or the filter." : "Claim payments that could not be posted automatically appear here with the reason."} />}
      />
    </section>
  );
}
