"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

export const MIN_REASON = 5;

/**
 * Asks for the reason an action needs (override, cancel, close, replacement, void) and, for
 * corrections, the payer's claim number. The reason is kept and shown in the claim's history.
 */
export function ReasonDialog({
  open,
  onOpenChange,
  title,
  description,
  reasonLabel = "Reason",
  confirmLabel,
  destructive,
  askPayerClaimNumber,
  defaultPayerClaimNumber,
  pending,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: React.ReactNode;
  reasonLabel?: string;
  confirmLabel: string;
  destructive?: boolean;
  askPayerClaimNumber?: boolean;
  defaultPayerClaimNumber?: string | null;
  pending?: boolean;
  onConfirm: (v: { reason: string; payerClaimNumber?: string }) => void;
}) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [pcn, setPcn] = useState(defaultPayerClaimNumber ?? "");
  const short = reason.trim().length < MIN_REASON;
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (!o) setReason("");
        onOpenChange(o);
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          {description ? <DialogDescription>{description}</DialogDescription> : null}
        </DialogHeader>
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (short) return;
            onConfirm({
              reason: reason.trim(),
              ...(askPayerClaimNumber && pcn.trim() ? { payerClaimNumber: pcn.trim() } : {}),
            });
          }}
        >
          <div className="grid gap-1">
            <Label htmlFor={`${id}-reason`}>{reasonLabel}</Label>
            <Textarea
              id={`${id}-reason`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={3}
              maxLength={500}
              aria-describedby={`${id}-hint`}
            />
            <p id={`${id}-hint`} className="text-xs text-muted-foreground">
              At least {MIN_REASON} characters; kept with the claim and shown in its history.
            </p>
          </div>
          {askPayerClaimNumber ? (
            <div className="grid gap-1">
              <Label htmlFor={`${id}-pcn`}>Payer claim number</Label>
              <Input id={`${id}-pcn`} value={pcn} onChange={(e) => setPcn(e.target.value)} maxLength={50} />
              <p className="text-xs text-muted-foreground">
                The number the payer gave the original claim (from the 277CA or the remittance); it goes on the claim (837 REF*F8).
              </p>
            </div>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={pending}>
              Cancel
            </Button>
            <Button
              type="submit"
              variant={destructive ? "destructive" : "default"}
              disabled={short || pending}
            >
              {confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
