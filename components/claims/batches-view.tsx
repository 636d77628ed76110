"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, Package } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { useUrlListState } from "@/components/data-table/use-url-list-state";
import { usDate } from "@/components/patients/format";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import type { TBatchListItem, TClaimFilterOptions } from "@/server/api/routers/claims/schemas";
import type { ClaimType } from "@/server/domain/claims/types";
import { BATCH_STATE_LABELS, BATCH_STATES, type BatchState } from "@/server/domain/workflow/batch";
import { BatchStatusBadge } from "./claim-status-badge";
import { dateTime, money } from "./format";

const READY_FILTERS = ["payer", "type", "from", "to"] as const;

/** Ready claims to put into 837 files, filtered by payer, claim type and service date; one file per payer and claim type. */
function ReadyClaims({ options }: { options: TClaimFilterOptions }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const f = useUrlListState({
    sortKeys: ["dos"] as const,
    defaults: { sort: "dos", dir: "asc", pageSize: 100 },
    filterKeys: READY_FILTERS,
  });
  const query = useQuery(
    trpc.claims.list.queryOptions(
      {
        page: 1,
        pageSize: 100,
        sort: "dos",
        dir: "asc",
        status: "ready",
        payer: f.filters.payer,
        type: f.filters.type as ClaimType | undefined,
        from: f.filters.from,
        to: f.filters.to,
      },
      { placeholderData: keepPreviousData },
    ),
  );
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const items = query.data?.items ?? [];
  const chosen = items.filter((c) => picked.has(c.id));
  const create = useMutation(
    trpc.claims.batches.create.mutationOptions({
      onSuccess: (r) => {
        setPicked(new Set());
        toast({
          title: `${r.batches.length} batch${r.batches.length === 1 ? "" : "es"} created`,
          description: [
            r.batches
              .map(
                (b) =>
                  `${b.payerName}: ${b.claimCount} claim${b.claimCount === 1 ? "" : "s"}, ${money(b.totalChargeCents)} (ICN ${b.interchangeControlNumber})`,
              )
              .join("; "),
            r.excluded.length
              ? `Left out: ${r.excluded.map((x) => `${x.claimNumber} (${x.reason})`).join("; ")}`
              : "",
          ]
            .filter(Boolean)
            .join(". "),
          variant: r.excluded.length ? "default" : "success",
        });
        void qc.invalidateQueries({ queryKey: trpc.claims.pathKey() });
      },
      onError: (e) =>
        toast({ title: "Could not create the batch", description: e.message, variant: "destructive" }),
    }),
  );
  return (
    <Card className="gap-3 py-4">
      <CardHeader className="px-4">
        <CardTitle className="text-base">Ready to send</CardTitle>
        <CardDescription>
          Choose the claims for the next 837 files: one file per payer and claim type, with this
          practice&apos;s next control numbers.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-3 px-4">
        <div className="flex flex-wrap items-end gap-3">
          <div className="grid gap-1">
            <Label htmlFor="ready-payer">Payer</Label>
            <NativeSelect
              id="ready-payer"
              value={f.filters.payer ?? ""}
              onChange={(e) => f.setFilter("payer", e.target.value || null)}
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
          <div className="grid gap-1">
            <Label htmlFor="ready-type">Claim type</Label>
            <NativeSelect
              id="ready-type"
              value={f.filters.type ?? ""}
              onChange={(e) => f.setFilter("type", e.target.value || null)}
            >
              <NativeSelectOption value="">Both</NativeSelectOption>
              <NativeSelectOption value="professional">Professional (837P)</NativeSelectOption>
              <NativeSelectOption value="institutional">Institutional (837I)</NativeSelectOption>
            </NativeSelect>
          </div>
          <div className="grid gap-1">
            <Label htmlFor="ready-from">Service from</Label>
            <Input
              id="ready-from"
              type="date"
              className="w-36"
              value={f.filters.from ?? ""}
              onChange={(e) => f.setFilter("from", e.target.value || null)}
            />
          </div>
          <div className="grid gap-1">
            <Label htmlFor="ready-to">Service to</Label>
            <Input
              id="ready-to"
              type="date"
              className="w-36"
              value={f.filters.to ?? ""}
              onChange={(e) => f.setFilter("to", e.target.value || null)}
            />
          </div>
          <div className="ml-auto flex items-center gap-3">
            <span className="text-sm text-muted-foreground">
              {chosen.length} of {items.length} chosen ·{" "}
              {money(chosen.reduce((t, c) => t + c.totalChargeCents, 0))}
            </span>
            <Button
              variant="outline"
              size="sm"
              onClick={() => setPicked(new Set(items.map((c) => c.id)))}
              disabled={items.length === 0}
            >
              Choose all shown
            </Button>
            <Button
              onClick={() => create.mutate({ claimIds: [...picked] })}
              disabled={chosen.length === 0 || create.isPending}
            >
              Create batch
            </Button>
          </div>
        </div>
        {items.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            {query.isLoading
              ? "Loading…"
              : "No claim is ready to send with these filters. Mark claims ready on their page."}
          </p>
        ) : (
          <table className="w-full text-sm" aria-label="Claims ready to send">
            <thead className="text-left text-xs text-muted-foreground">
              <tr>
                <th className="w-8 py-1">
                  <span className="sr-only">Choose</span>
                </th>
                <th className="font-normal">Claim</th>
                <th className="font-normal">Patient</th>
                <th className="font-normal">Service date</th>
                <th className="font-normal">Payer</th>
                <th className="text-right font-normal">Charge</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id} className="border-t" data-testid={`ready-row-${c.id}`}>
                  <td className="py-1.5">
                    <Checkbox
                      aria-label={`Choose claim ${c.claimNumber}`}
                      checked={picked.has(c.id)}
                      onCheckedChange={(v) =>
                        setPicked((p) => {
                          const n = new Set(p);
                          if (v === true) n.add(c.id);
                          else n.delete(c.id);
                          return n;
                        })
                      }
                    />
                  </td>
                  <td className="font-mono">
                    <Link href={`/claims/${c.id}`} className="underline-offset-4 hover:underline">
                      {c.claimNumber}
                    </Link>
                  </td>
                  <td className="max-w-56 truncate">{c.patientName}</td>
                  <td>{usDate(c.dateOfService)}</td>
                  <td className="max-w-48 truncate">
                    {c.payerName}{" "}
                    <span className="text-xs text-muted-foreground">
                      {c.claimType === "institutional" ? "837I" : "837P"}
                    </span>
                  </td>
                  <td className="text-right tabular-nums">{money(c.totalChargeCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </CardContent>
    </Card>
  );
}

const COLUMNS: DataTableColumn<TBatchListItem, "created">[] = [
  {
    id: "icn",
    header: "Batch (ICN)",
    className: "whitespace-nowrap",
    cell: (b) => (
      <Link
        href={`/claims/batches/${b.id}`}
        className="font-mono font-medium underline-offset-4 hover:underline"
      >
        {b.interchangeControlNumber}
      </Link>
    ),
  },
  {
    id: "status",
    header: "Status",
    className: "whitespace-nowrap",
    cell: (b) => <BatchStatusBadge status={b.status} />,
  },
  {
    id: "payer",
    header: "Payer",
    className: "max-w-44 truncate whitespace-nowrap",
    cell: (b) => `${b.payerName} · ${b.claimType === "institutional" ? "837I" : "837P"}`,
  },
  {
    id: "claims",
    header: "Claims",
    className: "text-right tabular-nums",
    headerClassName: "text-right",
    cell: (b) => b.claimCount,
  },
  {
    id: "total",
    header: "Charge",
    className: "whitespace-nowrap text-right tabular-nums",
    headerClassName: "text-right",
    cell: (b) => money(b.totalChargeCents),
  },
  {
    id: "created",
    header: "Created",
    sortKey: "created",
    className: "min-w-40",
    cell: (b) => `${dateTime(b.createdAt)}${b.createdByName ? ` · ${b.createdByName}` : ""}`,
  },
  {
    id: "submitted",
    header: "Submitted",
    className: "min-w-32",
    cell: (b) => (b.submittedAt ? dateTime(b.submittedAt) : "—"),
  },
  {
    id: "ack",
    header: "999",
    className: "whitespace-nowrap",
    cell: (b) => (b.ackStatus ? b.ackStatus.replace(/_/g, " ") : "—"),
  },
  {
    id: "file",
    header: "837 file",
    className: "whitespace-nowrap",
    cell: (b) => (
      <a
        href={`/api/claims/batches/${b.id}/file`}
        download
        className="inline-flex items-center gap-1 text-xs underline-offset-4 hover:underline"
      >
        <Download aria-hidden className="size-3" /> Download
      </a>
    ),
  },
];

/** The batches page: ready claims to batch (for those who submit) and every batch with its status. */
export function BatchesView({ options, canSubmit }: { options: TClaimFilterOptions; canSubmit: boolean }) {
  const trpc = useTRPC();
  const list = useUrlListState({
    sortKeys: ["created"] as const,
    defaults: { sort: "created", dir: "desc" },
    filterKeys: ["batchStatus"] as const,
  });
  const status = list.filters.batchStatus as BatchState | undefined;
  const query = useQuery(
    trpc.claims.batches.list.queryOptions(
      { page: list.page, pageSize: list.pageSize, sort: "created", dir: list.dir, status },
      { placeholderData: keepPreviousData },
    ),
  );
  return (
    <div className="space-y-4">
      {canSubmit ? <ReadyClaims options={options} /> : null}
      <section className="space-y-3" aria-label="Batches">
        <div className="flex items-end gap-3">
          <h2 className="text-base font-semibold">Batches</h2>
          <div className="grid gap-1">
            <Label htmlFor="batch-status-filter" className="sr-only">
              Batch status
            </Label>
            <NativeSelect
              id="batch-status-filter"
              value={status ?? ""}
              onChange={(e) => list.setFilter("batchStatus", e.target.value || null)}
            >
              <NativeSelectOption value="">Every status</NativeSelectOption>
              {BATCH_STATES.map((s) => (
                <NativeSelectOption key={s} value={s}>
                  {BATCH_STATE_LABELS[s]}
                </NativeSelectOption>
              ))}
            </NativeSelect>
          </div>
        </div>
        <DataTable
          label="Batches"
          columns={COLUMNS}
          data={query.data}
          state={list}
          error={query.error}
          isFetching={query.isFetching && query.isPlaceholderData}
          getRowKey={(b) => b.id}
          rowProps={(b) => ({ "data-testid": `batch-row-${b.id}` })}
          empty={
            <EmptyState
              icon={Package}
              title="No batches yet"
              description="Create one from the claims that are ready to send."
            />
          }
        />
      </section>
    </div>
  );
}
