"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { when } from "@/components/remittances/format";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import type { TFile } from "@/server/api/routers/remittances/schemas";
import { FileStatusBadge } from "./remittance-badges";

const WORKING = new Set(["received", "queued", "posting"]);

export function PostingProgress({ f }: { f: Pick<TFile, "claimsDone" | "claimCount" | "status" | "fileName"> }) {
  const pct = f.claimCount === 0 ? (f.status === "posted" ? 100 : 0) : Math.round((f.claimsDone / f.claimCount) * 100);
  return (
    <div className="flex items-center gap-2">
      <div
        role="progressbar"
        aria-label={`Posting ${f.fileName}`}
        aria-valuemin={0}
        aria-valuemax={f.claimCount}
        aria-valuenow={f.claimsDone}
        aria-valuetext={`${f.claimsDone} of ${f.claimCount} claims`}
        className="h-2 w-32 overflow-hidden rounded-full bg-muted"
      >
        <div className={f.status === "posted" ? "h-full bg-success" : "h-full bg-primary transition-[width]"} style={{ width: `${pct}%` }} />
      </div>
      <span className="text-xs whitespace-nowrap text-muted-foreground tabular-nums">
        {f.claimsDone}/{f.claimCount}
      </span>
    </div>
  );
}

/**
 * The uploaded files with their posting progress. While a file still posts the list asks the server
 * again every 1.5 s, so the bar moves and survives a reload (the progress lives on the file row).
 */
export function RemittanceFiles({ canPost }: { canPost: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const query = useQuery(
    trpc.remittances.files.queryOptions(
      { page, pageSize: 10 },
      { placeholderData: keepPreviousData, refetchInterval: (q) => (q.state.data?.items.some((f) => WORKING.has(f.status)) ? 1500 : false) },
    ),
  );
  const requeue = useMutation(
    trpc.remittances.requeue.mutationOptions({
      onSuccess: () => {
        toast({ title: "Queued again", description: "Posting resumes where it stopped; what was posted is not posted twice.", variant: "success" });
        void qc.invalidateQueries({ queryKey: trpc.remittances.files.queryKey() });
      },
      onError: (e) => toast({ title: "Could not queue the file", description: e.message, variant: "destructive" }),
    }),
  );
  const data = query.data;
  if (query.error) return <p role="alert" className="text-sm text-destructive">{query.error.message}</p>;
  if (!data) return <p className="text-sm text-muted-foreground">Loading files…</p>;
  if (data.total === 0) return <p className="text-sm text-muted-foreground">No 835 files yet. Upload the payer&apos;s electronic remittance advice above.</p>;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  return (
    <div className="space-y-2">
      <Table aria-label="Remittance files">
        <TableHeader>
          <TableRow>
            <TableHead>File</TableHead>
            <TableHead>Uploaded</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Progress</TableHead>
            <TableHead className="text-right">Payments</TableHead>
            <TableHead className="text-right">Posted</TableHead>
            <TableHead className="text-right">To match</TableHead>
            <TableHead className="text-right">Denials</TableHead>
            <TableHead>Note</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.items.map((f) => (
            <TableRow key={f.id} data-testid={`file-row-${f.fileName}`}>
              <TableCell className="max-w-44 truncate font-medium whitespace-nowrap">
                <Link href={`/remittances/files/${f.id}`} className="underline-offset-4 hover:underline" title={f.fileName}>
                  {f.fileName}
                </Link>
              </TableCell>
              <TableCell className="min-w-44 text-sm">
                {when(f.uploadedAt)}
                {f.uploadedBy ? <span className="text-muted-foreground"> · {f.uploadedBy}</span> : null}
              </TableCell>
              <TableCell>
                <FileStatusBadge status={f.status} label={f.statusLabel} />
              </TableCell>
              <TableCell>
                <PostingProgress f={f} />
              </TableCell>
              <TableCell className="text-right tabular-nums">{f.paymentCount}</TableCell>
              <TableCell className="text-right tabular-nums">{f.postedCount}</TableCell>
              <TableCell className="text-right tabular-nums">
                {f.unmatchedCount + f.heldCount > 0 ? (
                  <Link href="/remittances/queue" className="font-medium text-destructive underline-offset-4 hover:underline">
                    {f.unmatchedCount + f.heldCount}
                  </Link>
                ) : (
                  0
                )}
              </TableCell>
              <TableCell className="text-right tabular-nums">{f.denialCount}</TableCell>
              <TableCell className="max-w-80 truncate text-sm whitespace-nowrap text-muted-foreground">
                <span title={f.statusReason ?? f.lastError ?? undefined}>{f.statusReason ?? f.lastError ?? (f.findingCount ? `${f.findingCount} finding${f.findingCount === 1 ? "" : "s"} in the file` : "")}</span>
                {canPost && f.canRequeue ? (
                  <Button size="sm" variant="outline" className="ml-2" disabled={requeue.isPending} onClick={() => requeue.mutate({ fileId: f.id })}>
                    Post again
                  </Button>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {pages > 1 ? (
        <div className="flex items-center justify-end gap-2 text-sm">
          <span className="text-muted-foreground">
            Page {page} of {pages}
          </span>
          <Button size="sm" variant="outline" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous
          </Button>
          <Button size="sm" variant="outline" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Next
          </Button>
        </div>
      ) : null}
    </div>
  );
}
