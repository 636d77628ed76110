"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import type { TDecisionInput, TRequestDetail } from "@/server/api/routers/prior-auths/schemas";
import { fieldErrorsOf } from "./field-errors";

type Outcome = TDecisionInput["outcome"];
const OUTCOME_LABELS: Record<Outcome, string> = { approve: "Approved as requested", approve_partially: "Partially approved (fewer units, doses or days)", deny: "Denied" };

/**
 * Records the payer's decision: the authorization number, dates and approved units per drug code, or
 * the denial's reason. Approved units above the request and an overlap with another authorization
 * of the order each need an explicit tick.
 */
export function DecisionDialog({ open, onOpenChange, detail, outcomes, today, onDone }: { open: boolean; onOpenChange: (o: boolean) => void; detail: TRequestDetail; outcomes: Outcome[]; today: string; onDone: () => void }) {
  const trpc = useTRPC();
  const id = useId();
  const r = detail.request;
  const [outcome, setOutcome] = useState<Outcome>(outcomes[0] ?? "approve");
  const [decidedOn, setDecidedOn] = useState(today);
  const [number, setNumber] = useState("");
  const [start, setStart] = useState(r.startDate);
  const [end, setEnd] = useState(r.endDate);
  const [lines, setLines] = useState(r.requestedLines.map((l) => ({ hcpcs: l.hcpcs, units: String(l.units), doses: String(l.doses) })));
  const [reason, setReason] = useState("");
  const [exceeds, setExceeds] = useState(false);
  const [replace, setReplace] = useState(false);
  const [payerRef, setPayerRef] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const decide = useMutation(
    trpc.priorAuths.decide.mutationOptions({
      onSuccess: (x) => {
        toast({ title: x.status === "denied" ? "Denial recorded" : `Authorization ${number.trim()} recorded`, variant: "success" });
        setErrors({});
        onOpenChange(false);
        onDone();
      },
      onError: (e) => {
        setErrors(fieldErrorsOf(e));
        toast({ title: "Could not record the decision", description: e.message, variant: "destructive" });
      },
    }),
  );
  const deny = outcome === "deny";
  const err = (k: string) => (errors[k] ? <p className="text-xs text-destructive">{errors[k]}</p> : null);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Record the payer&apos;s decision on {r.requestNumber}</DialogTitle>
          <DialogDescription>As the payer&apos;s letter or portal says it. An approval becomes the authorization infusions are billed against.</DialogDescription>
        </DialogHeader>
        <form
          className="grid grid-cols-2 gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const toInt = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN);
            decide.mutate({
              id: r.id,
              revision: r.revision,
              outcome,
              decidedOn,
              authorizationNumber: deny ? null : number.trim() || null,
              startDate: deny ? null : start || null,
              endDate: deny ? null : end || null,
              lines: deny ? [] : lines.map((l) => ({ hcpcs: l.hcpcs, units: toInt(l.units), doses: l.doses.trim() ? toInt(l.doses) : null })),
              denialReason: deny ? reason.trim() || null : null,
              exceedsRequestConfirmed: exceeds,
              replaceOverlapping: replace,
              payerReference: payerRef.trim() || null,
              note: note.trim() || null,
            });
          }}
        >
          <div className="grid gap-1">
            <Label htmlFor={`${id}-outcome`}>Decision</Label>
            <NativeSelect id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
              {outcomes.map((o) => (
                <NativeSelectOption key={o} value={o}>
                  {OUTCOME_LABELS[o]}
                </NativeSelectOption>
              ))}
            </NativeSelect>
            {err("outcome")}
          </div>
          <div className="grid gap-1">
            <Label htmlFor={`${id}-on`}>Decided on</Label>
            <Input id={`${id}-on`} type="date" value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} />
            {err("decidedOn")}
          </div>
          {deny ? (
            <div className="col-span-2 grid gap-1">
              <Label htmlFor={`${id}-reason`}>Denial reason</Label>
              <Textarea id={`${id}-reason`} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
              {err("denialReason")}
            </div>
          ) : (
            <>
              <div className="col-span-2 grid gap-1">
                <Label htmlFor={`${id}-number`}>Authorization number</Label>
                <Input id={`${id}-number`} value={number} onChange={(e) => setNumber(e.target.value)} className="font-mono" />
                {err("authorizationNumber")}
              </div>
              <div className="grid gap-1">
                <Label htmlFor={`${id}-start`}>Authorized from</Label>
                <Input id={`${id}-start`} type="date" value={start} onChange={(e) => setStart(e.target.value)} />
                {err("startDate")}
              </div>
              <div className="grid gap-1">
                <Label htmlFor={`${id}-end`}>Authorized through</Label>
                <Input id={`${id}-end`} type="date" value={end} onChange={(e) => setEnd(e.target.value)} />
                {err("endDate")}
              </div>
              {lines.map((l, i) => (
                <div key={l.hcpcs} className="col-span-2 grid grid-cols-[6rem_1fr_1fr] items-end gap-3">
                  <span className="pb-2 font-mono text-sm">{l.hcpcs}</span>
                  <div className="grid gap-1">
                    <Label htmlFor={`${id}-units-${i}`}>Approved units of {l.hcpcs}</Label>
                    <Input id={`${id}-units-${i}`} inputMode="numeric" value={l.units} onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, units: e.target.value } : x)))} />
                    <span className="text-xs text-muted-foreground">requested {r.requestedLines[i]?.units}</span>
                    {err(`lines.${i}.units`)}
                  </div>
                  <div className="grid gap-1">
                    <Label htmlFor={`${id}-doses-${i}`}>Approved doses (if stated)</Label>
                    <Input id={`${id}-doses-${i}`} inputMode="numeric" value={l.doses} onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, doses: e.target.value } : x)))} />
                    <span className="text-xs text-muted-foreground">requested {r.requestedLines[i]?.doses}</span>
                  </div>
                </div>
              ))}
              {err("lines")}
              <label className="col-span-2 flex items-center gap-2 text-sm">
                <Checkbox checked={exceeds} onCheckedChange={(v) => setExceeds(v === true)} /> The payer approved more units than requested (checked on the letter)
              </label>
              <label className="col-span-2 flex items-center gap-2 text-sm">
                <Checkbox checked={replace} onCheckedChange={(v) => setReplace(v === true)} /> This authorization replaces another one of the order whose dates overlap
              </label>
            </>
          )}
          <div className="grid gap-1">
            <Label htmlFor={`${id}-payer-ref`}>Payer reference (optional)</Label>
            <Input id={`${id}-payer-ref`} value={payerRef} onChange={(e) => setPayerRef(e.target.value)} />
          </div>
          <div className="grid gap-1">
            <Label htmlFor={`${id}-note`}>Note (optional)</Label>
            <Input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <DialogFooter className="col-span-2">
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={decide.isPending}>
              Cancel
            </Button>
            <Button type="submit" variant={deny ? "destructive" : "default"} disabled={decide.isPending}>
              Record decision
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
