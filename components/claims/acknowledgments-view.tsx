"use client";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { FileCheck2, Upload } from "lucide-react";
import Link from "next/link";
import { useId, useRef, useState } from "react";
import { DataTable, type DataTableColumn } from "@/components/data-table/data-table";
import { useUrlListState } from "@/components/data-table/use-url-list-state";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toast";
import type { TAckFileListItem, TAckImportResult } from "@/server/api/routers/claims/schemas";
import { dateTime } from "./format";

const OUTCOME_TEXT = {
  imported: "Imported",
  duplicate: "Already imported: nothing changed",
  unreadable: "Not imported",
} as const;

/** What each uploaded file said and what it changed. */
function ImportResults({ results }: { results: TAckImportResult }) {
  return (
    <ul className="space-y-3" data-testid="ack-results">
      {results.map((r, i) => (
        <li
          key={i}
          className="rounded-md border p-3 text-sm"
          data-testid="ack-result"
          data-outcome={r.outcome}
        >
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{r.fileName}</span>
            {r.kind ? <Badge variant="outline">{r.kind}</Badge> : null}
            <Badge
              variant={
                r.outcome === "imported" ? "success" : r.outcome === "duplicate" ? "secondary" : "destructive"
              }
            >
              {OUTCOME_TEXT[r.outcome]}
            </Badge>
            <span className="text-xs text-muted-foreground">
              {r.counts.answers} answer{r.counts.answers === 1 ? "" : "s"} · {r.counts.accepted} accepted ·{" "}
              {r.counts.rejected} rejected · {r.counts.pending} pending · {r.counts.unmatched} unmatched
            </span>
          </div>
          <p className="text-muted-foreground">{r.message}</p>
          {r.results.length ? (
            <ul className="mt-1 space-y-0.5">
              {r.results.map((x, j) => (
                <li key={j} className={x.status === "rejected" ? "text-destructive" : undefined}>
                  {x.claimNumber
                    ? `Claim ${x.claimNumber}`
                    : x.batchIcn
                      ? `Batch ${x.batchIcn}`
                      : x.reference}
                  : {x.status.replace(/_/g, " ")} — {x.outcome}
                </li>
              ))}
            </ul>
          ) : null}
          {r.findings.length ? (
            <ul className="mt-1 list-disc pl-5 text-xs">
              {r.findings.map((f, j) => (
                <li key={j}>
                  Segment {f.segment}: {f.message}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

const COLUMNS: DataTableColumn<TAckFileListItem, "default">[] = [
  {
    id: "kind",
    header: "Kind",
    className: "whitespace-nowrap",
    cell: (f) => <Badge variant="outline">{f.kind}</Badge>,
  },
  { id: "name", header: "File", className: "max-w-72 truncate whitespace-nowrap", cell: (f) => f.fileName },
  {
    id: "answers",
    header: "Answers",
    className: "text-right tabular-nums",
    headerClassName: "text-right",
    cell: (f) => f.counts.answers,
  },
  {
    id: "accepted",
    header: "Accepted",
    className: "text-right tabular-nums",
    headerClassName: "text-right",
    cell: (f) => f.counts.accepted,
  },
  {
    id: "rejected",
    header: "Rejected",
    className: "text-right tabular-nums",
    headerClassName: "text-right",
    cell: (f) =>
      f.counts.rejected ? <span className="font-medium text-destructive">{f.counts.rejected}</span> : 0,
  },
  {
    id: "unmatched",
    header: "Unmatched",
    className: "text-right tabular-nums",
    headerClassName: "text-right",
    cell: (f) => f.counts.unmatched,
  },
  {
    id: "findings",
    header: "Findings",
    className: "text-right tabular-nums",
    headerClassName: "text-right",
    cell: (f) => f.findingCount,
  },
  {
    id: "uploaded",
    header: "Imported",
    className: "whitespace-nowrap",
    cell: (f) => `${dateTime(f.uploadedAt)}${f.uploadedByName ? ` · ${f.uploadedByName}` : ""}`,
  },
];

/** Upload 999 and 277CA files (several at once) and see what each said; every imported file below. */
export function AcknowledgmentsView({ canImport }: { canImport: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<TAckImportResult | null>(null);
  const list = useUrlListState({ sortKeys: ["default"] as const, defaults: { sort: "default", dir: "asc" } });
  const query = useQuery(
    trpc.claims.acknowledgments.list.queryOptions(list.params, { placeholderData: keepPreviousData }),
  );

  const upload = async () => {
    const files = input.current?.files;
    if (!files || files.length === 0) return;
    const form = new FormData();
    for (const f of Array.from(files)) form.append("files", f);
    setBusy(true);
    try {
      const res = await fetch("/api/claims/acknowledgments", { method: "POST", body: form });
      if (!res.ok) {
        toast({ title: "Upload refused", description: (await res.text()).trim(), variant: "destructive" });
        return;
      }
      const r = (await res.json()) as TAckImportResult;
      setResults(r);
      const rejected = r.reduce((t, x) => t + (x.outcome === "imported" ? x.counts.rejected : 0), 0);
      toast({
        title: `${r.filter((x) => x.outcome === "imported").length} of ${r.length} file${r.length === 1 ? "" : "s"} imported`,
        description: rejected
          ? `${rejected} rejection${rejected === 1 ? "" : "s"}: see the rejected claims.`
          : undefined,
        variant: "success",
      });
      if (input.current) input.current.value = "";
      void qc.invalidateQueries({ queryKey: trpc.claims.pathKey() });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-4">
      {canImport ? (
        <Card className="gap-3 py-4">
          <CardHeader className="px-4">
            <CardTitle className="text-base">Import acknowledgments</CardTitle>
            <CardDescription>
              999 files are matched to batches by their group and transaction control numbers; 277CA files to
              claims by the claim number (CLM01). A file imported before changes nothing.
            </CardDescription>
          </CardHeader>
          <CardContent className="space-y-3 px-4">
            <form
              className="flex flex-wrap items-end gap-3"
              onSubmit={(e) => {
                e.preventDefault();
                void upload();
              }}
            >
              <div className="grid gap-1">
                <Label htmlFor={`${id}-files`}>999 or 277CA files</Label>
                <Input
                  id={`${id}-files`}
                  ref={input}
                  type="file"
                  multiple
                  accept=".x12,.edi,.txt,.999,.277,.dat"
                  className="w-96"
                />
              </div>
              <Button type="submit" disabled={busy}>
                <Upload aria-hidden /> {busy ? "Importing…" : "Import"}
              </Button>
              <Link href="/claims/rejected" className="text-sm underline-offset-4 hover:underline">
                Rejected claims
              </Link>
            </form>
            {results ? <ImportResults results={results} /> : null}
          </CardContent>
        </Card>
      ) : null}
      <section className="space-y-2" aria-label="Imported acknowledgment files">
        <h2 className="text-base font-semibold">Imported files</h2>
        <DataTable
          label="Imported acknowledgment files"
          columns={COLUMNS}
          data={query.data}
          state={list}
          error={query.error}
          isFetching={query.isFetching && query.isPlaceholderData}
          getRowKey={(f) => f.id}
          rowProps={(f) => ({ "data-testid": `ack-file-${f.id}` })}
          empty={
            <EmptyState
              icon={FileCheck2}
              title="No acknowledgments yet"
              description="Import the 999 and 277CA files the clearinghouse and payers send back."
            />
          }
        />
      </section>
    </div>
  );
}
