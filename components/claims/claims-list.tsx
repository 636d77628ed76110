"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { FileText } from "lucide-react";
import Link from "next/link";
import { CsvExportButton } from "@/components/data-table/csv-export-button";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { formatTotal } from "@/components/data-table/pagination";
import { useUrlListState } from "@/components/data-table/use-url-list-state";
import { usDate } from "@/components/patients/format";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import {
  CLAIM_FILTER_KEYS,
  CLAIM_SORTS,
  type TClaimFilterOptions,
  type TClaimListItem,
  type TClaimSort,
} from "@/server/api/routers/claims/schemas";
import { AGE_BUCKETS, type AgeBucket } from "@/server/domain/claims/filing";
import { CLAIM_FREQUENCY_LABELS, type ClaimType } from "@/server/domain/claims/types";
import { CLAIM_STATE_LABELS, CLAIM_STATES, type ClaimState } from "@/server/domain/workflow/claim";
import { ClaimStatusBadge } from "./claim-status-badge";
import { daysLeftText, daysLeftTone, money } from "./format";

const FREQ_MARK = {
  original: null,
  replacement: CLAIM_FREQUENCY_LABELS.replacement,
  void: CLAIM_FREQUENCY_LABELS.void,
} as const;

function columns(rejectedView: boolean): DataTableColumn<TClaimListItem, TClaimSort>[] {
  return [
    {
      id: "number",
      header: "Claim",
      sortKey: "number",
      className: "whitespace-nowrap",
      cell: (c) => (
        <Link
          href={`/claims/${c.id}`}
          className="font-mono font-medium underline-offset-4 hover:underline"
          data-testid="claim-link"
        >
          {c.claimNumber}
        </Link>
      ),
    },
    {
      id: "patient",
      header: "Patient",
      sortKey: "patient",
      className: "max-w-52 truncate whitespace-nowrap",
      cell: (c) => (
        <span title={`${c.patientName} · MRN ${c.patientMrn}`}>
          {c.patientName} <span className="font-mono text-xs text-muted-foreground">{c.patientMrn}</span>
        </span>
      ),
    },
    {
      id: "dos",
      header: "Service date",
      sortKey: "dos",
      className: "whitespace-nowrap",
      cell: (c) => usDate(c.dateOfService),
    },
    {
      id: "payer",
      header: "Payer",
      sortKey: "payer",
      className: "max-w-40 truncate whitespace-nowrap",
      cell: (c) => (
        <span title={`${c.payerName} · ${c.claimType === "institutional" ? "837I" : "837P"}`}>
          {c.payerName}{" "}
          <span className="text-xs text-muted-foreground">
            {c.claimType === "institutional" ? "837I" : "837P"}
          </span>
        </span>
      ),
    },
    {
      id: "status",
      header: "Status",
      sortKey: "status",
      className: "whitespace-nowrap",
      cell: (c) => (
        <span className="inline-flex items-center gap-1">
          <ClaimStatusBadge status={c.status} resubmitted={c.resubmitted} />
          {FREQ_MARK[c.frequency] ? (
            <span className="text-xs text-muted-foreground">{FREQ_MARK[c.frequency]}</span>
          ) : null}
        </span>
      ),
    },
    {
      id: "amount",
      header: "Charge",
      sortKey: "amount",
      className: "whitespace-nowrap text-right tabular-nums",
      headerClassName: "text-right",
      cell: (c) => money(c.totalChargeCents),
    },
    {
      id: "age",
      header: "Age",
      sortKey: "age",
      className: "whitespace-nowrap text-right tabular-nums",
      headerClassName: "text-right",
      cell: (c) => `${c.ageDays} d`,
    },
    {
      id: "left",
      header: "To file",
      className: "whitespace-nowrap text-right tabular-nums",
      headerClassName: "text-right",
      cell: (c) => (
        <span className={daysLeftTone(c.daysLeftToFile)} title={`Filing limit ${usDate(c.filingDeadline)}`}>
          {daysLeftText(c.daysLeftToFile)}
        </span>
      ),
    },
    {
      id: "note",
      header: rejectedView ? "Why it was rejected" : "What next",
      className: "max-w-0 w-full truncate",
      cell: (c) => (
        <span
          title={c.note}
          className={cn(
            c.errors > 0 || c.status === "rejected" ? "text-destructive" : "text-muted-foreground",
          )}
        >
          {c.note}
        </span>
      ),
    },
  ];
}

/**
 * The claims worklist: status tabs with counts, payer, claim type, service dates, age and search;
 * everything lives in the URL, and the CSV export carries the same filters. `fixedStatus` makes the
 * rejected-claims worklist out of the same list.
 */
export function ClaimsList({
  options,
  fixedStatus,
}: {
  options: TClaimFilterOptions;
  fixedStatus?: ClaimState;
}) {
  const trpc = useTRPC();
  const list = useUrlListState({
    sortKeys: CLAIM_SORTS,
    defaults: { sort: fixedStatus ? "age" : "updated", dir: "desc" },
    filterKeys: CLAIM_FILTER_KEYS,
  });
  const status = (fixedStatus ?? list.filters.status) as ClaimState | undefined;
  const params = {
    ...list.params,
    status,
    type: list.params.type as ClaimType | undefined,
    age: list.params.age as AgeBucket | undefined,
    minCharge: list.params.minCharge === undefined ? undefined : Number(list.params.minCharge),
  };
  const query = useQuery(trpc.claims.list.queryOptions(params, { placeholderData: keepPreviousData }));
  const counts = query.data?.counts ?? {};
  const allCount = Object.values(counts).reduce((a, b) => a + b, 0);
  const filtered = list.q || Object.keys(list.filters).some((k) => k !== "status");
  const exportQuery = fixedStatus ? `${list.exportQuery}&status=${fixedStatus}` : list.exportQuery;
  const cols = columns(fixedStatus === "rejected");

  return (
    <section
      className="space-y-3"
      aria-label={fixedStatus ? `${CLAIM_STATE_LABELS[fixedStatus]} claims` : "Claims"}
    >
      <div className="flex flex-wrap items-center gap-3">
        {fixedStatus ? null : (
          <div
            role="group"
            aria-label="Claim status"
            className="flex flex-wrap gap-1"
            data-testid="status-tabs"
          >
            {[undefined, ...CLAIM_STATES].map((s) => {
              const active = status === s;
              const n = s ? (counts[s] ?? 0) : allCount;
              if (s && n === 0 && !active) return null;
              return (
                <button
                  key={s ?? "all"}
                  type="button"
                  aria-pressed={active}
                  onClick={() => list.setFilter("status", s ?? null)}
                  className={cn(
                    "rounded-md border px-2.5 py-1 text-sm font-medium text-muted-foreground hover:text-foreground",
                    active &&
                      "border-primary bg-primary text-primary-foreground hover:text-primary-foreground",
                  )}
                >
                  {s ? CLAIM_STATE_LABELS[s] : "All"} <span className="tabular-nums">{n}</span>
                </button>
              );
            })}
          </div>
        )}
        <div className="ml-auto flex items-center gap-3">
          {query.data ? (
            <span className="text-sm text-muted-foreground" data-testid="claims-total">
              {formatTotal(query.data.total, query.data.totalCapped)} claim{query.data.total === 1 && !query.data.totalCapped ? "" : "s"}
              {query.data.totalChargeCents === null ? null : <> · {money(query.data.totalChargeCents)}</>}
            </span>
          ) : null}
          <CsvExportButton href="/api/export/claims" query={exportQuery} />
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <DataTableSearch
          state={list}
          label="Search claims"
          placeholder="Claim, patient or MRN"
          className="w-56"
        />
        <div className="grid gap-1">
          <Label htmlFor="claim-payer-filter">Payer</Label>
          <NativeSelect
            id="claim-payer-filter"
            value={list.filters.payer ?? ""}
            onChange={(e) => list.setFilter("payer", e.target.value || null)}
            className="w-52"
          >
            <NativeSelectOption value="">All payers</NativeSelectOption>
            {options.payers.map((p) => (
              <NativeSelectOption key={p.id} value={p.id}>
                {p.name}
                {p.isActive ? "" : " (inactive)"}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="claim-type-filter">Claim type</Label>
          <NativeSelect
            id="claim-type-filter"
            value={list.filters.type ?? ""}
            onChange={(e) => list.setFilter("type", e.target.value || null)}
            className="w-40"
          >
            <NativeSelectOption value="">Both</NativeSelectOption>
            <NativeSelectOption value="professional">Professional 837P</NativeSelectOption>
            <NativeSelectOption value="institutional">Institutional 837I</NativeSelectOption>
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="claim-from-filter">Service from</Label>
          <Input
            id="claim-from-filter"
            type="date"
            className="w-36"
            value={list.filters.from ?? ""}
            onChange={(e) => list.setFilter("from", e.target.value || null)}
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="claim-to-filter">Service to</Label>
          <Input
            id="claim-to-filter"
            type="date"
            className="w-36"
            value={list.filters.to ?? ""}
            onChange={(e) => list.setFilter("to", e.target.value || null)}
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="claim-age-filter">Age</Label>
          <NativeSelect
            id="claim-age-filter"
            value={list.filters.age ?? ""}
            onChange={(e) => list.setFilter("age", e.target.value || null)}
            className="w-36"
          >
            <NativeSelectOption value="">Any age</NativeSelectOption>
            {AGE_BUCKETS.map((b) => (
              <NativeSelectOption key={b.key} value={b.key}>
                {b.label}
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
        label={fixedStatus ? `${CLAIM_STATE_LABELS[fixedStatus]} claims` : "Claims"}
        columns={cols}
        data={query.data}
        state={list}
        error={query.error}
        isFetching={query.isFetching && query.isPlaceholderData}
        getRowKey={(c) => c.id}
        rowProps={(c) => ({ "data-testid": `claim-row-${c.id}` })}
        empty={
          <EmptyState
            icon={FileText}
            title={filtered || status ? "No claim matches" : "No claims yet"}
            description={
              filtered || status
                ? "Change the search or the filters."
                : "Build claims from infusions that are ready for billing (To bill)."
            }
            action={
              !filtered && !status ? (
                <Button asChild>
                  <Link href="/claims/unbilled">Infusions to bill</Link>
                </Button>
              ) : undefined
            }
          />
        }
      />
    </section>
  );
}
