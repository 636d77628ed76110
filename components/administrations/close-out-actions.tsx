"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import type { TAdministrationDetail } from "@/server/api/routers/administrations/schemas";
import { formatDollars } from "@/server/domain/billing/exact";
import { CLOSE_OUTCOME_LABELS, CLOSE_OUTCOMES, type CloseOutcome } from "@/server/domain/workflow/administration";

const MIN_REASON = 5;

/**
 * Leaving the billing queue without a claim: close with an outcome and a reason (billers), approve or
 * reject a write-off above the practice's threshold (managers), reopen a closed infusion (admins).
 */
export function CloseOutActions({ detail, onChanged }: { detail: TAdministrationDetail; onChanged: () => void }) {
  const trpc = useTRPC();
  const id = detail.administration.id;
  const fail = (title: string) => (e: { message: string }) => toast({ title, description: e.message, variant: "destructive" });
  const done = (title: string) => () => {
    toast({ title, variant: "success" });
    setReason("");
    onChanged();
  };
  const [outcome, setOutcome] = useState<CloseOutcome>(detail.billedElsewhere ? "billed_elsewhere" : "past_filing_limit");
  const [duplicateOfId, setDuplicateOfId] = useState("");
  const [reason, setReason] = useState(detail.billedElsewhere ? `${detail.order.locationName} bills the drug and its administration.` : "");
  const close = useMutation(trpc.administrations.close.mutationOptions({ onSuccess: (r) => done(r.status === "closed" ? "Closed without billing" : "Write-off sent to a manager for approval")(), onError: fail("Could not close") }));
  const decide = useMutation(trpc.administrations.decideWriteOff.mutationOptions({ onSuccess: (r) => done(r.status === "closed" ? "Write-off approved" : "Write-off rejected")(), onError: fail("Could not record the decision") }));
  const reopen = useMutation(trpc.administrations.reopen.mutationOptions({ onSuccess: done("Reopened"), onError: fail("Could not reopen") }));
  const short = reason.trim().length < MIN_REASON;
  const reasonField = (label: string) => (
    <>
      <Label htmlFor="close-out-reason">{label}</Label>
      <Textarea id="close-out-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
    </>
  );
  const a = detail.actions;
  return (
    <>
      {a.close ? (
        <ConfirmDialog
          trigger={<Button variant={detail.billedElsewhere ? "default" : "outline"}>{detail.billedElsewhere ? "Close as billed by the facility" : "Close without billing"}</Button>}
          title="Close this infusion without billing?"
          description="It leaves the billing queue with the outcome and reason (audited) and is listed under Closed, not billed. Past the filing limit, a charge above the practice's approval threshold waits for a manager. An admin can reopen it."
          confirmLabel="Close"
          variant="destructive"
          confirmDisabled={short || (outcome === "duplicate" && !duplicateOfId)}
          onConfirm={async () => {
            await close.mutateAsync({ administrationId: id, outcome, reason, duplicateOfId: outcome === "duplicate" ? duplicateOfId : null });
          }}
        >
          <div className="grid gap-2">
            <Label htmlFor="close-out-outcome">Outcome</Label>
            <NativeSelect id="close-out-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as CloseOutcome)}>
              {CLOSE_OUTCOMES.map((o) => (
                <NativeSelectOption key={o} value={o}>
                  {CLOSE_OUTCOME_LABELS[o]}
                </NativeSelectOption>
              ))}
            </NativeSelect>
            {outcome === "duplicate" ? (
              <>
                <Label htmlFor="close-out-duplicate">Duplicate of</Label>
                <NativeSelect id="close-out-duplicate" value={duplicateOfId} onChange={(e) => setDuplicateOfId(e.target.value)}>
                  <NativeSelectOption value="">Choose the record that stays…</NativeSelectOption>
                  {detail.siblings.map((s) => (
                    <NativeSelectOption key={s.id} value={s.id}>
                      {s.label}
                    </NativeSelectOption>
                  ))}
                </NativeSelect>
              </>
            ) : null}
            {reasonField("Reason")}
          </div>
        </ConfirmDialog>
      ) : null}
      {a.decideWriteOff ? (
        <>
          <ConfirmDialog
            trigger={<Button>Approve write-off</Button>}
            title="Approve this write-off?"
            description={`${detail.administration.closeAmountCents !== null ? formatDollars(detail.administration.closeAmountCents) : "The charge"} will not be billed; the infusion is closed.`}
            confirmLabel="Approve"
            confirmDisabled={short}
            onConfirm={async () => {
              await decide.mutateAsync({ administrationId: id, approve: true, reason });
            }}
          >
            <div className="grid gap-2">{reasonField("Reason for the approval")}</div>
          </ConfirmDialog>
          <ConfirmDialog
            trigger={<Button variant="outline">Reject write-off</Button>}
            title="Reject this write-off?"
            description="The infusion goes back to documented for the biller to work."
            confirmLabel="Reject"
            confirmDisabled={short}
            onConfirm={async () => {
              await decide.mutateAsync({ administrationId: id, approve: false, reason });
            }}
          >
            <div className="grid gap-2">{reasonField("Reason for the rejection")}</div>
          </ConfirmDialog>
        </>
      ) : null}
      {a.reopen ? (
        <ConfirmDialog
          trigger={<Button variant="outline">Reopen</Button>}
          title="Reopen this infusion?"
          description="It goes back to documented and is checked again before billing."
          confirmLabel="Reopen"
          confirmDisabled={short}
          onConfirm={async () => {
            await reopen.mutateAsync({ administrationId: id, reason });
          }}
        >
          <div className="grid gap-2">{reasonField("Reason for reopening")}</div>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/** The outcome of a closed infusion (or a write-off awaiting approval), in words. */
export function CloseOutcomeNote({ detail }: { detail: TAdministrationDetail }) {
  const a = detail.administration;
  if (!a.closeOutcome) return null;
  return (
    <p className="text-sm" data-testid="close-outcome">
      <span className="font-medium">{a.status === "close_pending_approval" ? "Awaiting a manager's approval: " : "Closed, not billed: "}</span>
      {CLOSE_OUTCOME_LABELS[a.closeOutcome]}
      {a.closeAmountCents ? ` (charge ${formatDollars(a.closeAmountCents)})` : ""} — {a.closeReason}
    </p>
  );
}
