"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { usDate } from "@/components/patients/format";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toast";
import type { TBatchDetail } from "@/server/api/routers/claims/schemas";
import {
  ELECTRONIC_CHANNELS,
  SUBMISSION_CHANNEL_LABELS,
  type SubmissionChannel,
} from "@/server/domain/workflow/batch";
import { BatchStatusBadge, ClaimStatusBadge } from "./claim-status-badge";
import { dateTime, money } from "./format";
import { ReasonDialog } from "./reason-dialog";

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="truncate text-sm">{children}</dd>
    </div>
  );
}

/** One 837 file: its envelope numbers, claims, what the reader finds in the stored bytes, submit or cancel. */
export function BatchDetail({ initial, canSubmit }: { initial: TBatchDetail; canSubmit: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const batchId = initial.batch.id;
  const query = useQuery(trpc.claims.batches.get.queryOptions({ batchId }, { initialData: initial }));
  const d = query.data ?? initial;
  const b = d.batch;
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.claims.pathKey() });
  const [submitOpen, setSubmitOpen] = useState(false);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [channel, setChannel] = useState<SubmissionChannel>("clearinghouse_upload");
  const submit = useMutation(
    trpc.claims.batches.submit.mutationOptions({
      onSuccess: () => {
        setSubmitOpen(false);
        toast({
          title: "Batch recorded as submitted",
          description: "Its claims are now Submitted; import the 999 and 277CA when they come back.",
          variant: "success",
        });
        void refresh();
      },
      onError: (e) =>
        toast({ title: "Could not record the submission", description: e.message, variant: "destructive" }),
    }),
  );
  const cancel = useMutation(
    trpc.claims.batches.cancel.mutationOptions({
      onSuccess: () => {
        setCancelOpen(false);
        toast({
          title: "Batch cancelled",
          description: "Its claims are ready to send again; its control numbers are never reused.",
          variant: "success",
        });
        void refresh();
      },
      onError: (e) =>
        toast({ title: "Could not cancel the batch", description: e.message, variant: "destructive" }),
    }),
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <BatchStatusBadge status={b.status} />
        <span className="text-sm">
          {b.payerName} · {b.claimType === "institutional" ? "837I" : "837P"} · {b.claimCount} claim
          {b.claimCount === 1 ? "" : "s"} · {money(b.totalChargeCents)}
        </span>
        <div className="ml-auto flex gap-2">
          <Button variant="outline" size="sm" asChild>
            <a href={`/api/claims/batches/${b.id}/file`} download data-testid="batch-download">
              <Download aria-hidden /> Download 837 ({b.fileName})
            </a>
          </Button>
          {canSubmit && b.status === "created" ? (
            <>
              <Button size="sm" onClick={() => setSubmitOpen(true)}>
                Record as submitted…
              </Button>
              <Button
                variant="ghost"
                size="sm"
                className="text-destructive"
                onClick={() => setCancelOpen(true)}
              >
                Cancel batch…
              </Button>
            </>
          ) : null}
        </div>
      </div>
      <dl className="grid grid-cols-3 gap-x-6 gap-y-2 rounded-md border p-3 lg:grid-cols-6">
        <Fact label="Interchange (ISA13)">{b.interchangeControlNumber}</Fact>
        <Fact label="Group (GS06)">{b.groupControlNumber}</Fact>
        <Fact label="Transaction set (ST02)">{b.transactionSetControlNumber}</Fact>
        <Fact label="Usage">{b.usage === "P" ? "Production" : "Test"}</Fact>
        <Fact label="File">
          {b.fileBytes} bytes · {d.file.segments} segments
        </Fact>
        <Fact label="SHA-256">
          <span className="font-mono text-xs" title={b.fileSha256}>
            {b.fileSha256.slice(0, 16)}…
          </span>
        </Fact>
        <Fact label="Created">{dateTime(b.createdAt)}</Fact>
        <Fact label="Submitted">
          {b.submittedAt
            ? `${dateTime(b.submittedAt)}${b.submissionChannel ? ` · ${SUBMISSION_CHANNEL_LABELS[b.submissionChannel]}` : ""}`
            : "—"}
        </Fact>
        <Fact label="999">
          {b.ackStatus
            ? `${b.ackStatus.replace(/_/g, " ")}${b.acknowledgedAt ? ` · ${dateTime(b.acknowledgedAt)}` : ""}`
            : "—"}
        </Fact>
        {b.cancelledAt ? (
          <Fact label="Cancelled">{`${dateTime(b.cancelledAt)}${b.cancelReason ? ` · ${b.cancelReason}` : ""}`}</Fact>
        ) : null}
      </dl>
      <Card className="gap-3 py-4">
        <CardHeader className="px-4">
          <CardTitle className="text-base">Claims in this file</CardTitle>
        </CardHeader>
        <CardContent className="px-4">
          <table className="w-full text-sm" aria-label="Claims in this file">
            <thead className="text-left text-xs text-muted-foreground">
              <tr>
                <th className="py-1 font-normal">Claim (CLM01)</th>
                <th className="font-normal">Patient</th>
                <th className="font-normal">Service date</th>
                <th className="font-normal">Status</th>
                <th className="text-right font-normal">Lines in the file</th>
                <th className="text-right font-normal">CLM02</th>
              </tr>
            </thead>
            <tbody>
              {d.claims.map((c) => {
                const inFile = d.file.claims.find((x) => x.patientControlNumber === c.claimNumber);
                return (
                  <tr key={c.id} className="border-t">
                    <td className="py-1.5 font-mono">
                      <Link href={`/claims/${c.id}`} className="underline-offset-4 hover:underline">
                        {c.claimNumber}
                      </Link>
                    </td>
                    <td>{c.patientName}</td>
                    <td>{usDate(c.dateOfService)}</td>
                    <td>
                      <ClaimStatusBadge status={c.status} />
                    </td>
                    <td className="text-right tabular-nums">{inFile?.lines ?? "—"}</td>
                    <td className="text-right tabular-nums">
                      {money(inFile?.totalChargeCents ?? c.totalChargeCents)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {d.file.findings.length ? (
            <ul className="mt-3 space-y-1 text-sm text-destructive">
              {d.file.findings.map((f, i) => (
                <li key={i}>
                  Segment {f.segment}: {f.message}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-3 text-xs text-muted-foreground">
              The stored file reads back cleanly: envelope counts, HL tree and every CLM02 = Σ SV1/SV2
              charges.
            </p>
          )}
        </CardContent>
      </Card>
      <Dialog open={submitOpen} onOpenChange={setSubmitOpen}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Record batch {b.interchangeControlNumber} as submitted</DialogTitle>
            <DialogDescription>
              Send the downloaded file first, then record how it went. Its claims become Submitted.
            </DialogDescription>
          </DialogHeader>
          <div className="grid gap-1">
            <Label htmlFor="batch-channel">How it was sent</Label>
            <NativeSelect
              id="batch-channel"
              value={channel}
              onChange={(e) => setChannel(e.target.value as SubmissionChannel)}
            >
              {ELECTRONIC_CHANNELS.map((c) => (
                <NativeSelectOption key={c} value={c}>
                  {SUBMISSION_CHANNEL_LABELS[c]}
                </NativeSelectOption>
              ))}
            </NativeSelect>
          </div>
          <DialogFooter>
            <Button variant="outline" onClick={() => setSubmitOpen(false)} disabled={submit.isPending}>
              Cancel
            </Button>
            <Button
              onClick={() =>
                submit.mutate({ batchId, channel: channel as (typeof ELECTRONIC_CHANNELS)[number] })
              }
              disabled={submit.isPending}
            >
              Submitted
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
      <ReasonDialog
        open={cancelOpen}
        onOpenChange={setCancelOpen}
        title={`Cancel batch ${b.interchangeControlNumber}`}
        description="The file will not be sent; its claims return to Ready to send."
        confirmLabel="Cancel the batch"
        destructive
        pending={cancel.isPending}
        onConfirm={({ reason }) => cancel.mutate({ batchId, reason })}
      />
    </div>
  );
}
