"use client";
import { useMutation } from "@tanstack/react-query";
import { AlertTriangle, CheckCircle2, CircleX, Info } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import type { TAdministrationDetail, TEvaluatedFinding } from "@/server/api/routers/administrations/schemas";
import { ruleLabel } from "@/server/domain/billing/rules";
import { MIN_ACK_REASON } from "@/server/domain/documentation/codes";
import { sourceLinks } from "@/server/domain/format";
import { FixLink, type FixContext } from "@/components/findings/fix-link";

const ICON = { error: CircleX, warning: AlertTriangle, info: Info } as const;
const TONE = {
  error: "border-destructive/40 bg-destructive/5",
  warning: "border-warning/50 bg-warning/10",
  info: "border-border bg-muted/40",
} as const;
const BADGE = { error: "destructive", warning: "warning", info: "outline" } as const;
const LABEL = { error: "Error", warning: "Warning", info: "Info" } as const;

/**
 * Findings of the preview with their severity, message, suggested fix (a link to where it is fixed) and
 * source. Warnings carry an "Acknowledge" button for users who may document; errors never do. The
 * acknowledgement dialog is the page's (`AcknowledgeDialog`), so lists under several claim lines share it.
 */
export function FindingsList({
  findings,
  acknowledgments,
  canAcknowledge,
  onAcknowledge,
  fixContext,
  compact,
}: {
  findings: TEvaluatedFinding[];
  acknowledgments: TAdministrationDetail["acknowledgments"];
  canAcknowledge: boolean;
  onAcknowledge: (f: TEvaluatedFinding) => void;
  fixContext: FixContext;
  /** under a claim line: smaller, no line number */
  compact?: boolean;
}) {
  if (findings.length === 0) return null;
  return (
    <ul className="space-y-2" data-testid="findings">
      {findings.map((f) => {
        const Icon = ICON[f.severity];
        const ack = f.acknowledged ? acknowledgments.filter((a) => a.rule === f.rule && a.fingerprint === f.fingerprint).at(-1) : undefined;
        const fixable = f.severity !== "info" && !f.acknowledged;
        return (
          <li key={`${f.rule}-${f.fingerprint}`} className={cn("rounded-md border text-sm", compact ? "p-2" : "p-3", TONE[f.severity])} data-rule={f.rule} data-severity={f.severity} data-finding-line={f.line}>
            <div className="flex flex-wrap items-start gap-2">
              <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
              <Badge variant={BADGE[f.severity]}>{LABEL[f.severity]}</Badge>
              <span className="text-xs font-medium" title={`Rule ${f.rule}`}>
                {ruleLabel(f.rule)}
              </span>
              {f.line && !compact ? <span className="text-xs text-muted-foreground">line {f.line}</span> : null}
              <div className="ml-auto flex items-center gap-2">
                {f.acknowledged ? (
                  <Badge variant="success">
                    <CheckCircle2 aria-hidden /> Acknowledged
                  </Badge>
                ) : f.severity === "warning" && canAcknowledge ? (
                  <Button size="sm" variant="outline" onClick={() => onAcknowledge(f)} aria-label={`Acknowledge the ${ruleLabel(f.rule)} warning`}>
                    Acknowledge
                  </Button>
                ) : null}
              </div>
            </div>
            <p className="mt-1">{f.message}</p>
            {f.suggestedFix ? (
              <p className="mt-1 text-xs">
                <span className="font-medium">Suggested fix:</span> {f.suggestedFix.action}
                {fixable ? (
                  <>
                    {" "}
                    <FixLink finding={f} ctx={fixContext} />
                  </>
                ) : null}
              </p>
            ) : fixable ? (
              <p className="mt-1 text-xs">
                <FixLink finding={f} ctx={fixContext} />
              </p>
            ) : null}
            {ack ? (
              <p className="mt-1 text-xs text-muted-foreground">
                Acknowledged by {ack.userName ?? "unknown"}: “{ack.reason}”
              </p>
            ) : null}
            <p className="mt-1 text-xs break-words text-muted-foreground">
              Source:{" "}
              {sourceLinks(f.source).map((l, i) => (
                <span key={i}>
                  {i > 0 ? "; " : ""}
                  {l.url ? (
                    <a href={l.url} target="_blank" rel="noreferrer" className="underline">
                      {l.text}
                    </a>
                  ) : (
                    l.text
                  )}
                </span>
              ))}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

export function AcknowledgeDialog({ administrationId, finding, onClose, onDone }: { administrationId: string; finding: TEvaluatedFinding | null; onClose: () => void; onDone: () => void }) {
  const trpc = useTRPC();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [forKey, setForKey] = useState<string | null>(null);
  const key = finding ? `${finding.rule}-${finding.fingerprint}` : null;
  if (key !== forKey) {
    setForKey(key);
    setReason("");
    setError(null);
  }
  const mutation = useMutation(
    trpc.administrations.acknowledgeWarning.mutationOptions({
      onSuccess: () => {
        toast({ title: "Warning acknowledged", variant: "success" });
        onDone();
        onClose();
      },
      onError: (e) => setError(e.message),
    }),
  );
  return (
    <Dialog open={finding !== null} onOpenChange={(o) => !o && onClose()}>
      <DialogContent>
        <form
          noValidate
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (!finding) return;
            if (reason.trim().length < MIN_ACK_REASON) {
              setError(`Give a reason of at least ${MIN_ACK_REASON} characters.`);
              return;
            }
            mutation.mutate({ administrationId, rule: finding.rule, fingerprint: finding.fingerprint, reason });
          }}
        >
          <DialogHeader>
            <DialogTitle>Acknowledge warning</DialogTitle>
            <DialogDescription>{finding?.message}</DialogDescription>
          </DialogHeader>
          <div className="grid gap-2">
            <Label htmlFor="ack-reason">Reason</Label>
            <Textarea id="ack-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={!!error} aria-describedby="ack-reason-help" />
            <p id="ack-reason-help" className="text-xs text-muted-foreground">
              Why the claim may go out with this warning. The acknowledgement and its reason are kept in the audit trail.
            </p>
            {error ? <p className="text-sm text-destructive">{error}</p> : null}
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={mutation.isPending}>
              Acknowledge
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
