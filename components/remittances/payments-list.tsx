"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Banknote } from "lucide-react";
import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { useUrlListState } from "@/components/data-table/use-url-list-state";
import { money, usDate } from "@/components/remittances/format";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { PAYMENT_SORTS, type TPaymentParamsInput, type TPaymentRow, type TPaymentSort } from "@/server/api/routers/remittances/schemas";

const COLUMNS: DataTableColumn<TPaymentRow, TPaymentSort>[] = [
  { id: "date", header: "Paid on", sortKey: "date", className: "whitespace-nowrap", cell: (r) => usDate(r.paymentDate) || "—" },
  { id: "payer", header: "Payer", sortKey: "payer", className: "max-w-44 truncate whitespace-nowrap", cell: (r) => <span title={r.payerName}>{r.payerName}</span> },
  {
    id: "trace",
    header: "Check / EFT trace",
    sortKey: "trace",
    className: "whitespace-nowrap",
    cell: (r) => (
      <Link href={`/remittances/payments/${r.id}`} className="font-mono text-sm font-medium underline-offset-4 hover:underline" aria-label={`Payment ${r.traceNumber} from ${r.payerName}`}>
        {r.traceNumber}
      </Link>
    ),
  },
  { id: "method", header: "Method", className: "whitespace-nowrap", cell: (r) => r.method },
  { id: "amount", header: "Amount", sortKey: "amount", className: "whitespace-nowrap text-right tabular-nums", headerClassName: "text-right", cell: (r) => money(r.amountCents) },
  {
    id: "plb",
    header: "Provider adj.",
    className: "whitespace-nowrap text-right tabular-nums",
    headerClassName: "text-right",
    cell: (r) => (r.providerAdjustmentCents ? money(-r.providerAdjustmentCents) : <span className="text-muted-foreground">—</span>),
  },
  { id: "claims", header: "Claims", className: "text-right tabular-nums", headerClassName: "text-right", cell: (r) => r.claimCount },
  {
    id: "state",
    header: "Posting",
    className: "min-w-28",
    cell: (r) =>
      r.duplicate ? (
        <Badge variant="outline">Duplicate, not posted</Badge>
      ) : r.fileStatus !== "posted" ? (
        <Badge variant="secondary">Unposted</Badge>
      ) : (
        <span className="inline-flex flex-wrap items-center gap-1">
          <Badge variant="success">{r.postedCount} posted</Badge>
          {r.exceptionCount ? <Badge variant="destructive">{r.exceptionCount} to match</Badge> : null}
          {r.deniedCount ? <Badge variant="warning">{r.deniedCount} denied</Badge> : null}
        </span>
      ),
  },
  { id: "file", header: "File", className: "max-w-32 truncate whitespace-nowrap text-sm text-muted-foreground", cell: (r) => <span title={r.fileName}>{r.fileName}</span> },
];

/** Payments (one per 835 transaction): check or EFT, payer, amount, and how far posting got. */
export function PaymentsList() {
  const trpc = useTRPC();
  const state = useUrlListState({ sortKeys: PAYMENT_SORTS, defaults: { sort: "date", dir: "desc" }, filterKeys: ["state"] as const });
  const query = useQuery(trpc.remittances.payments.queryOptions(state.params as TPaymentParamsInput, { placeholderData: keepPreviousData }));
  const filtered = state.q !== "" || Object.keys(state.filters).length > 0;
  return (
    <section className="space-y-3" aria-label="Payments">
      <div className="flex flex-wrap items-end gap-3">
        <DataTableSearch state={state} label="Search payments" placeholder="Trace number or payer" className="w-full max-w-xs" />
        <div className="grid gap-1">
          <Label htmlFor="payments-state">Posting</Label>
          <NativeSelect id="payments-state" value={state.filters.state ?? ""} onChange={(e) => state.setFilter("state", e.target.value || null)}>
            <NativeSelectOption value="">All payments</NativeSelectOption>
            <NativeSelectOption value="posted">Posted</NativeSelectOption>
            <NativeSelectOption value="exceptions">With claims to match</NativeSelectOption>
            <NativeSelectOption value="duplicate">Duplicates</NativeSelectOption>
          </NativeSelect>
        </div>
      </div>
      <DataTable
        label="Payments"
        columns={COLUMNS}
        data={query.data}
        state={state}
        error={query.error}
        isFetching={query.isFetching && query.isPlaceholderData}
        getRowKey={(r) => r.id}
        rowProps={(r) => ({ "data-testid": `payment-row-${r.traceNumber}` })}
        empty={<EmptyState icon={Banknote} title={filtered ? "No payment matches" : "No payments yet"} description={filtered ? "Change the search or the filter." : "Each payment in an uploaded 835 appears here."} />}
      />
    </section>
  );
}
