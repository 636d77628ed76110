"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { CalendarCheck } from "lucide-react";
import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { useUrlListState } from "@/components/data-table/use-url-list-state";
import { usDate } from "@/components/patients/format";
import { useTRPC } from "@/components/trpc/client";
import { EmptyState } from "@/components/ui/empty-state";
import type { TDeadlineItem } from "@/server/api/routers/claims/schemas";
import { describeDaysLeft } from "@/server/domain/claims/filing";
import { ClaimStatusBadge } from "./claim-status-badge";
import { daysLeftTone, money } from "./format";

const SORTS = ["default"] as const;

const COLUMNS: DataTableColumn<TDeadlineItem, "default">[] = [
  {
    id: "left",
    header: "Days left",
    className: "whitespace-nowrap",
    cell: (r) => (
      <span className={daysLeftTone(r.daysLeft)}>
        {r.daysLeft === null ? "No payer" : describeDaysLeft(r.daysLeft)}
      </span>
    ),
  },
  { id: "deadline", header: "Filing limit", className: "whitespace-nowrap", cell: (r) => usDate(r.deadline) },
  {
    id: "what",
    header: "What",
    className: "whitespace-nowrap",
    cell: (r) =>
      r.kind === "claim" ? (
        <span className="inline-flex items-center gap-2">
          <Link href={`/claims/${r.id}`} className="font-mono underline-offset-4 hover:underline">
            Claim {r.claimNumber}
          </Link>
          {r.status ? <ClaimStatusBadge status={r.status} /> : null}
        </span>
      ) : (
        <Link href={`/administrations/${r.id}`} className="underline-offset-4 hover:underline">
          Unbilled infusion {r.cycleLabel}
        </Link>
      ),
  },
  {
    id: "patient",
    header: "Patient",
    className: "max-w-56 truncate whitespace-nowrap",
    cell: (r) => (
      <span title={`${r.patientName} · MRN ${r.patientMrn}`}>
        {r.patientName} <span className="font-mono text-xs text-muted-foreground">{r.patientMrn}</span>
      </span>
    ),
  },
  { id: "dos", header: "Service date", className: "whitespace-nowrap", cell: (r) => usDate(r.dateOfService) },
  {
    id: "payer",
    header: "Payer",
    className: "max-w-48 truncate whitespace-nowrap",
    cell: (r) => r.payerName ?? "—",
  },
  {
    id: "amount",
    header: "Charge",
    className: "whitespace-nowrap text-right tabular-nums",
    headerClassName: "text-right",
    cell: (r) => (r.amountCents === null ? "—" : money(r.amountCents)),
  },
];

/** Unsent claims and unbilled ready infusions, the one closest to (or past) its payer's filing limit first. */
export function DeadlinesList() {
  const trpc = useTRPC();
  const list = useUrlListState({ sortKeys: SORTS, defaults: { sort: "default", dir: "asc" } });
  const query = useQuery(
    trpc.claims.deadlines.queryOptions(list.params, { placeholderData: keepPreviousData }),
  );
  return (
    <DataTable
      label="Filing deadlines"
      columns={COLUMNS}
      data={query.data}
      state={list}
      error={query.error}
      isFetching={query.isFetching && query.isPlaceholderData}
      getRowKey={(r) => `${r.kind}-${r.id}`}
      rowProps={(r) => ({ "data-testid": `deadline-row-${r.id}` })}
      empty={
        <EmptyState
          icon={CalendarCheck}
          title="Nothing waiting to be filed"
          description="Every claim has been sent and every ready infusion is on a claim."
        />
      }
    />
  );
}
