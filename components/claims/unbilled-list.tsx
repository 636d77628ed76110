"use client";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { CheckCircle2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { DataTableSearch } from "@/components/data-table/data-table-search";
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
import type { TClaimFilterOptions, TUnbilledItem } from "@/server/api/routers/claims/schemas";
import type { AgeBucket } from "@/server/domain/claims/filing";
import { daysLeftText, daysLeftTone } from "./format";

const SORTS = ["dos"] as const;
const FILTERS = ["payer", "age"] as const;

/**
 * Infusions that are ready for billing and on no claim yet, oldest first, with the age buckets. A
 * biller ticks one infusion (or several of one patient on one day) and builds the claim.
 */
export function UnbilledList({ options, canBuild }: { options: TClaimFilterOptions; canBuild: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const list = useUrlListState({
    sortKeys: SORTS,
    defaults: { sort: "dos", dir: "asc" },
    filterKeys: FILTERS,
  });
  const query = useQuery(
    trpc.claims.unbilled.queryOptions(
      { ...list.params, age: list.params.age as AgeBucket | undefined },
      { placeholderData: keepPreviousData },
    ),
  );
  const [picked, setPicked] = useState<TUnbilledItem[]>([]);
  const build = useMutation(
    trpc.claims.build.mutationOptions({
      onSuccess: (r) => {
        toast({
          title: `Claim ${r.claimNumber} built`,
          description: "Review its lines and findings, then mark it ready.",
          variant: "success",
        });
        router.push(`/claims/${r.id}`);
      },
      onError: (e) =>
        toast({ title: "Could not build the claim", description: e.message, variant: "destructive" }),
    }),
  );
  const first = picked[0];
  const compatible = (r: TUnbilledItem) =>
    !first || (first.patientId === r.patientId && first.dateOfService === r.dateOfService);
  const toggle = (r: TUnbilledItem, on: boolean) =>
    setPicked((p) => (on ? [...p, r] : p.filter((x) => x.id !== r.id)));

  const columns: DataTableColumn<TUnbilledItem, "dos">[] = [
    ...(canBuild
      ? [
          {
            id: "pick",
            header: <span className="sr-only">Choose</span>,
            className: "w-8",
            cell: (r: TUnbilledItem) => (
              <Checkbox
                aria-label={`Choose ${r.patientName} ${r.cycleLabel} ${r.dateOfService}`}
                checked={picked.some((x) => x.id === r.id)}
                disabled={!compatible(r) || !r.payerName}
                onCheckedChange={(v) => toggle(r, v === true)}
              />
            ),
          },
        ]
      : []),
    {
      id: "patient",
      header: "Patient",
      className: "max-w-56 truncate whitespace-nowrap",
      cell: (r) => (
        <Link
          href={`/patients/${r.patientId}`}
          className="underline-offset-4 hover:underline"
          title={`${r.patientName} · MRN ${r.patientMrn}`}
        >
          {r.patientName} <span className="font-mono text-xs text-muted-foreground">{r.patientMrn}</span>
        </Link>
      ),
    },
    {
      id: "infusion",
      header: "Infusion",
      className: "whitespace-nowrap",
      cell: (r) => (
        <Link href={`/administrations/${r.id}`} className="underline-offset-4 hover:underline">
          {r.cycleLabel}
        </Link>
      ),
    },
    {
      id: "dos",
      header: "Service date",
      sortKey: "dos",
      className: "whitespace-nowrap",
      cell: (r) => usDate(r.dateOfService),
    },
    {
      id: "payer",
      header: "Primary payer",
      className: "max-w-48 truncate whitespace-nowrap",
      cell: (r) => r.payerName ?? <span className="text-destructive">No coverage in force</span>,
    },
    {
      id: "location",
      header: "Location",
      className: "max-w-48 truncate whitespace-nowrap",
      cell: (r) => `${r.locationName} · ${r.claimType === "institutional" ? "837I" : "837P"}`,
    },
    {
      id: "age",
      header: "Age",
      className: "whitespace-nowrap text-right tabular-nums",
      headerClassName: "text-right",
      cell: (r) => `${r.ageDays} d`,
    },
    {
      id: "left",
      header: "To file",
      className: "whitespace-nowrap text-right tabular-nums",
      headerClassName: "text-right",
      cell: (r) => (
        <span
          className={daysLeftTone(r.daysLeftToFile)}
          title={r.filingDeadline ? `Filing limit ${usDate(r.filingDeadline)}` : undefined}
        >
          {daysLeftText(r.daysLeftToFile)}
        </span>
      ),
    },
  ];

  return (
    <section className="space-y-3" aria-label="Infusions to bill">
      {query.data ? (
        <div
          role="group"
          aria-label="Unbilled by age"
          className="flex flex-wrap gap-1"
          data-testid="unbilled-by-age"
        >
          {query.data.byAge.map((b) => (
            <button
              key={b.key}
              type="button"
              aria-pressed={list.filters.age === b.key}
              onClick={() => list.setFilter("age", list.filters.age === b.key ? null : b.key)}
              className={cn(
                "rounded-md border px-2.5 py-1 text-sm text-muted-foreground hover:text-foreground",
                list.filters.age === b.key &&
                  "border-primary bg-primary text-primary-foreground hover:text-primary-foreground",
              )}
            >
              {b.label} <span className="font-medium tabular-nums">{b.count}</span>
            </button>
          ))}
        </div>
      ) : null}
      <div className="flex flex-wrap items-end gap-3">
        <DataTableSearch
          state={list}
          label="Search infusions to bill"
          placeholder="Patient name or MRN"
          className="w-64"
        />
        <div className="grid gap-1">
          <Label htmlFor="unbilled-payer-filter">Payer</Label>
          <NativeSelect
            id="unbilled-payer-filter"
            value={list.filters.payer ?? ""}
            onChange={(e) => list.setFilter("payer", e.target.value || null)}
            className="max-w-56"
          >
            <NativeSelectOption value="">All payers</NativeSelectOption>
            {options.payers.map((p) => (
              <NativeSelectOption key={p.id} value={p.id}>
                {p.name}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </div>
        {canBuild ? (
          <div className="ml-auto flex items-center gap-3">
            <span className="text-sm text-muted-foreground" data-testid="picked-count">
              {picked.length === 0
                ? "Tick an infusion (or several of one patient on one day)"
                : `${picked.length} infusion${picked.length === 1 ? "" : "s"} of ${first?.patientName} on ${usDate(first?.dateOfService)}`}
            </span>
            {picked.length ? (
              <Button variant="ghost" onClick={() => setPicked([])}>
                Clear
              </Button>
            ) : null}
            <Button
              disabled={picked.length === 0 || build.isPending}
              onClick={() => build.mutate({ administrationIds: picked.map((p) => p.id) })}
            >
              Build claim
            </Button>
          </div>
        ) : null}
      </div>
      <DataTable
        label="Infusions to bill"
        columns={columns}
        data={query.data}
        state={list}
        error={query.error}
        isFetching={query.isFetching && query.isPlaceholderData}
        getRowKey={(r) => r.id}
        rowProps={(r) => ({ "data-testid": `unbilled-row-${r.id}` })}
        empty={
          <EmptyState
            icon={CheckCircle2}
            title={
              list.q || Object.keys(list.filters).length ? "No infusion matches" : "Nothing left to bill"
            }
            description={
              list.q || Object.keys(list.filters).length
                ? "Change the search or the filters."
                : "Every infusion that is ready for billing is on a claim."
            }
          />
        }
      />
    </section>
  );
}
