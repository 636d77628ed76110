"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { usDate } from "@/components/patients/format";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toast";
import { PRIOR_AUTH_STATE_LABELS } from "@/server/domain/workflow/prior-auth";

/**
 * "New request": find a signed or active order by patient name or MRN and open its request. The
 * payer's rule decides; a request already open for the order and coverage is opened instead of a
 * second one, and "not required" says which rule or setting decided.
 */
export function NewRequestDialog() {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [q, setQ] = useState("");
  const [reasons, setReasons] = useState<{ orderId: string; lines: string[] } | null>(null);
  useEffect(() => {
    const t = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(t);
  }, [typed]);
  const candidates = useQuery(trpc.priorAuths.candidates.queryOptions(q ? { q } : {}, { enabled: open }));
  const openFor = useMutation(
    trpc.priorAuths.openForOrder.mutationOptions({
      onSuccess: (r, v) => {
        if (r.id) {
          toast({ title: r.created ? `Request ${r.requestNumber} opened` : `Request ${r.requestNumber} is already open`, variant: "success" });
          setOpen(false);
          router.push(`/prior-auths/${r.id}`);
        } else setReasons({ orderId: v.orderId, lines: r.reasons });
      },
      onError: (e) => toast({ title: "Could not open a request", description: e.message, variant: "destructive" }),
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setReasons(null);
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden /> New request
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>New prior-authorization request</DialogTitle>
          <DialogDescription>Choose the signed or active order. The payer&apos;s rule for its next infusion decides whether authorization is required.</DialogDescription>
        </DialogHeader>
        <div className="grid gap-1">
          <Label htmlFor="pa-candidate-search">Patient name or MRN</Label>
          <Input id="pa-candidate-search" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" autoFocus />
        </div>
        <ul className="max-h-96 divide-y overflow-y-auto text-sm" aria-label="Orders" data-testid="pa-candidates">
          {(candidates.data ?? []).map((c) => (
            <li key={c.orderId} className="flex items-center gap-3 py-2">
              <div className="min-w-0 flex-1">
                <div className="truncate font-medium">
                  {c.patientName} <span className="font-mono text-xs text-muted-foreground">{c.mrn}</span>
                </div>
                <div className="truncate text-muted-foreground">
                  {c.indicationName} · order {c.orderStatus}, started {usDate(c.startDate)} · next infusion {c.nextInfusion ? usDate(c.nextInfusion) : "none planned"}
                </div>
                {reasons?.orderId === c.orderId ? (
                  <p className="text-muted-foreground" role="status">
                    No request opened: {reasons.lines.join(" ")}
                  </p>
                ) : c.evaluation && !c.evaluation.required && !c.openRequest ? (
                  <p className="truncate text-muted-foreground" title={c.evaluation.reason}>
                    Last judged not required: {c.evaluation.reason}
                  </p>
                ) : null}
              </div>
              {c.openRequest ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={`/prior-auths/${c.openRequest.id}`}>
                    Open {c.openRequest.requestNumber} ({PRIOR_AUTH_STATE_LABELS[c.openRequest.status].toLowerCase()})
                  </Link>
                </Button>
              ) : (
                <Button size="sm" disabled={openFor.isPending} onClick={() => openFor.mutate({ orderId: c.orderId })}>
                  Open request
                </Button>
              )}
            </li>
          ))}
          {candidates.data && candidates.data.length === 0 ? <li className="py-2 text-muted-foreground">No signed or active order matches.</li> : null}
        </ul>
      </DialogContent>
    </Dialog>
  );
}
