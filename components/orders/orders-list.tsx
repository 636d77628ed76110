"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ClipboardList } from "lucide-react";
import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { useUrlListState } from "@/components/data-table/use-url-list-state";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { ORDER_SORTS, type TOrderListItem } from "@/server/api/routers/orders/schemas";
import { ORDER_STATE_LABELS } from "@/server/domain/orders/codes";
import { ORDER_STATES } from "@/server/domain/workflow/order";
import { OrderStatusBadge } from "./order-status-badge";

type OrderSort = (typeof ORDER_SORTS)[number];
const FILTERS = ["status", "indicationId", "patientId"] as const;

const COLUMNS: DataTableColumn<TOrderListItem, OrderSort>[] = [
  {
    id: "patient",
    header: "Patient",
    sortKey: "patient",
    cell: (o) => (
      <Link href={`/orders/${o.id}`} className="font-medium underline-offset-4 hover:underline">
        {o.patientName}
        <span className="block font-mono text-xs text-muted-foreground">MRN {o.patientMrn}</span>
      </Link>
    ),
  },
  { id: "indication", header: "Indication", cell: (o) => <span className="line-clamp-2 max-w-xs">{o.indicationName}</span> },
  { id: "regimen", header: "Regimen", cell: (o) => o.regimen },
  { id: "start", header: "Start", sortKey: "start", cell: (o) => o.startDate, className: "whitespace-nowrap" },
  { id: "status", header: "Status", sortKey: "status", cell: (o) => <OrderStatusBadge status={o.status} /> },
  {
    id: "progress",
    header: "Infusions",
    cell: (o) => (o.administrationsTotal ? `${o.administrationsGiven} / ${o.administrationsTotal}` : "—"),
  },
  { id: "next", header: "Next planned", cell: (o) => o.nextPlannedDate ?? "—", className: "whitespace-nowrap" },
  { id: "provider", header: "Ordering provider", cell: (o) => o.orderingProviderName },
];

/** The practice's orders: search, filters, sort and pages live in the URL. */
export function OrdersList({ indications, canWrite }: { indications: { id: string; name: string }[]; canWrite: boolean }) {
  const trpc = useTRPC();
  const list = useUrlListState({ sortKeys: ORDER_SORTS, defaults: { sort: "created", dir: "desc" }, filterKeys: FILTERS });
  const params = { ...list.params, status: list.params.status as (typeof ORDER_STATES)[number] | undefined };
  const query = useQuery(trpc.orders.list.queryOptions(params, { placeholderData: keepPreviousData }));
  const filtered = list.q || Object.keys(list.filters).length > 0;
  return (
    <section className="space-y-4" aria-label="Orders">
      <div className="flex flex-wrap items-end gap-3">
        <DataTableSearch state={list} label="Search orders" placeholder="Patient name or MRN" className="w-full max-w-sm" />
        <div className="grid gap-1">
          <Label htmlFor="order-status-filter">Status</Label>
          <NativeSelect id="order-status-filter" value={list.filters.status ?? ""} onChange={(e) => list.setFilter("status", e.target.value || null)}>
            <NativeSelectOption value="">All</NativeSelectOption>
            {ORDER_STATES.map((s) => (
              <NativeSelectOption key={s} value={s}>
                {ORDER_STATE_LABELS[s]}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="order-indication-filter">Indication</Label>
          <NativeSelect id="order-indication-filter" value={list.filters.indicationId ?? ""} onChange={(e) => list.setFilter("indicationId", e.target.value || null)} className="max-w-xs">
            <NativeSelectOption value="">All</NativeSelectOption>
            {indications.map((i) => (
              <NativeSelectOption key={i.id} value={i.id}>
                {i.name}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </div>
        {filtered ? (
          <Button variant="ghost" onClick={list.reset}>
            Clear filters
          </Button>
        ) : null}
      </div>
      <DataTable
        label="Orders"
        columns={COLUMNS}
        data={query.data}
        state={list}
        error={query.error}
        isFetching={query.isFetching && query.isPlaceholderData}
        getRowKey={(o) => o.id}
        rowProps={(o) => ({ "data-testid": `order-row-${o.id}` })}
        empty={
          <EmptyState
            icon={ClipboardList}
            title={filtered ? "No order matches" : "No orders yet"}
            description={filtered ? "Change the search or the filters." : "Durvalumab orders appear here with their calendar progress."}
            action={
              canWrite && !filtered ? (
                <Button asChild>
                  <Link href="/orders/new">New order</Link>
                </Button>
              ) : undefined
            }
          />
        }
      />
    </section>
  );
}
