"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import type { TTransitionInput } from "@/server/api/routers/prior-auths/schemas";
import { fieldErrorsOf } from "./field-errors";

export type StepEvent = TTransitionInput["event"];

const STEP_TEXT: Partial<Record<StepEvent, { title: string; description: string; confirm: string; noteLabel: string; noteRequired?: boolean; info?: boolean; destructive?: boolean }>> = {
  submit: { title: "Mark submitted to the payer", description: "The payer's turnaround clock starts today.", confirm: "Mark submitted", noteLabel: "Note (optional)" },
  request_info: { title: "The payer asked for information", description: "The request waits on you until the information is sent.", confirm: "Record the request", noteLabel: "Note (optional)", info: true },
  provide_info: { title: "Information sent to the payer", description: "The request goes back to the payer.", confirm: "Mark sent", noteLabel: "What was sent (optional)" },
  request_peer_to_peer: { title: "Request a peer-to-peer review", description: "The ordering provider discusses the case with the payer's reviewer; the turnaround clock starts again.", confirm: "Request peer-to-peer", noteLabel: "Note (optional)" },
  submit_appeal: { title: "Mark the appeal submitted", description: "The turnaround clock starts again with the appeal.", confirm: "Mark appeal submitted", noteLabel: "What the appeal says (optional)" },
  withdraw: { title: "Withdraw this request", description: "Nothing more will be asked of the payer on this request.", confirm: "Withdraw", noteLabel: "Why it is withdrawn", noteRequired: true, destructive: true },
  expire: { title: "Mark expired", description: "Every authorization of this approval has ended.", confirm: "Mark expired", noteLabel: "Note (optional)" },
  start_draft: { title: "Start the request", description: "The request moves to drafting; fill in the form and save it.", confirm: "Start", noteLabel: "Note (optional)" },
};

/** Every step that is not a payer decision: it asks only for what the step needs, and the payer's reference. */
export function RequestStepDialog({ event, request, onOpenChange, onDone }: { event: StepEvent | null; request: { id: string; revision: number; payerReference: string | null }; onOpenChange: (open: boolean) => void; onDone: () => void }) {
  const trpc = useTRPC();
  const id = useId();
  const [note, setNote] = useState("");
  const [ref, setRef] = useState("");
  const [infoRequested, setInfoRequested] = useState("");
  const [infoDue, setInfoDue] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const run = useMutation(
    trpc.priorAuths.transition.mutationOptions({
      onSuccess: () => {
        toast({ title: text ? `${text.confirm}: done` : "Done", variant: "success" });
        setNote("");
        setInfoRequested("");
        setInfoDue("");
        setErrors({});
        onDone();
      },
      onError: (e) => {
        setErrors(fieldErrorsOf(e));
        toast({ title: "Could not do that", description: e.message, variant: "destructive" });
      },
    }),
  );
  const text = event ? STEP_TEXT[event] : undefined;
  if (!event || !text) return null;
  return (
    <Dialog open={!!event} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{text.title}</DialogTitle>
          <DialogDescription>{text.description}</DialogDescription>
        </DialogHeader>
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            run.mutate({ id: request.id, revision: request.revision, event, payerReference: ref.trim() || null, infoRequested: text.info ? infoRequested.trim() || null : null, infoDueDate: text.info ? infoDue || null : null, note: note.trim() || null });
          }}
        >
          {text.info ? (
            <>
              <div className="grid gap-1">
                <Label htmlFor={`${id}-info`}>What the payer asked for</Label>
                <Textarea id={`${id}-info`} rows={3} value={infoRequested} onChange={(e) => setInfoRequested(e.target.value)} />
                {errors.infoRequested ? <p className="text-xs text-destructive">{errors.infoRequested}</p> : null}
              </div>
              <div className="grid gap-1">
                <Label htmlFor={`${id}-due`}>Information due by</Label>
                <Input id={`${id}-due`} type="date" value={infoDue} onChange={(e) => setInfoDue(e.target.value)} className="w-44" />
                {errors.infoDueDate ? <p className="text-xs text-destructive">{errors.infoDueDate}</p> : null}
              </div>
            </>
          ) : null}
          <div className="grid gap-1">
            <Label htmlFor={`${id}-ref`}>Payer reference (case number, fax confirmation)</Label>
            <Input id={`${id}-ref`} value={ref} onChange={(e) => setRef(e.target.value)} placeholder={request.payerReference ?? ""} />
          </div>
          <div className="grid gap-1">
            <Label htmlFor={`${id}-note`}>{text.noteLabel}</Label>
            <Textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
            {errors.note ? <p className="text-xs text-destructive">{errors.note}</p> : null}
          </div>
          {errors.channel ? (
            <p className="text-sm text-destructive" role="alert">
              {errors.channel}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={run.isPending}>
              Cancel
            </Button>
            <Button type="submit" variant={text.destructive ? "destructive" : "default"} disabled={run.isPending || (text.noteRequired && !note.trim())}>
              {text.confirm}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
