"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { FileDown, FileJson } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { dateTime } from "@/components/claims/format";
import { usDate } from "@/components/patients/format";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { TRequestDetail } from "@/server/api/routers/prior-auths/schemas";
import { PA_CHANNEL_LABELS, PA_REQUEST_KIND_LABELS, PA_TRIGGER_LABELS } from "@/server/domain/prior-auth/codes";
import { DECISION_EVENTS, PRIOR_AUTH_EVENT_LABELS, PRIOR_AUTH_STATE_LABELS, priorAuthMachine, type PriorAuthEvent } from "@/server/domain/workflow/prior-auth";
import { AttachmentsCard } from "./attachments-card";
import { AuthorizationAlerts } from "./authorization-alerts";
import { AuthorizationLedger } from "./authorization-ledger";
import { DecisionDialog } from "./decision-dialog";
import { PriorAuthStatusBadge } from "./prior-auth-status-badge";
import { RequestForm } from "./request-form";
import { RequestStepDialog, type StepEvent } from "./request-step-dialog";

const dayMs = 86_400_000;
const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);

const HISTORY_LABELS: Record<string, string> = {
  "prior_auth.opened": "Request opened",
  "prior_auth.updated": "Request saved",
  "prior_auth.assigned": "Assigned",
  "prior_auth.attachment_added": "Attachment added",
  "authorization.replaced": "Authorization replaced",
};

/** The history line's title: the step's label, else the action in words (never the internal key). */
function historyTitle(h: TRequestDetail["history"][number]): string {
  if (h.action === "prior_auth.packet_downloaded") return h.after?.format === "pas-bundle" ? "PAS bundle (FHIR) downloaded" : "Request PDF downloaded";
  const known = TRANSITION_LABELS[h.action] ?? HISTORY_LABELS[h.action];
  if (known) return known;
  const words = h.action.replace(/^[a-z_]+\./, "").replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
const TRANSITION_LABELS = Object.fromEntries(priorAuthMachine.transitions.map((t) => [`prior_auth.${t.event}`, t.label]));

function historyText(h: TRequestDetail["history"][number]): string {
  const a = h.after ?? {};
  const bits: string[] = [];
  for (const k of ["authorizationNumber", "payerReference", "infoDueDate", "denialReason", "note", "fileName", "reason"] as const) {
    const v = a[k];
    if (typeof v === "string" && v) bits.push(k === "infoDueDate" ? `due ${usDate(v)}` : v);
  }
  return bits.join(" · ");
}

/** When the request's next step is due: the information asked for, the payer's decision, or the submission. */
function dueOf(r: TRequestDetail["request"]): { date: string; what: string } | null {
  if (r.status === "pending_info" && r.infoDueDate) return { date: r.infoDueDate, what: "Information due" };
  if (["submitted", "peer_to_peer", "appeal_submitted"].includes(r.status) && r.submittedAt) return { date: plusDays(r.submittedAt.toISOString().slice(0, 10), r.turnaroundDays), what: "Decision due" };
  if (["needed", "drafting"].includes(r.status) && r.firstDoseDate) return { date: plusDays(r.firstDoseDate, -r.turnaroundDays), what: "Submit by" };
  return null;
}

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="truncate text-sm" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** One request: its status and clock, what may be done now, the form, attachments, decisions, the ledger and its history. */
export function RequestDetail({ initial, today }: { initial: TRequestDetail; today: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const id = initial.request.id;
  const query = useQuery(trpc.priorAuths.get.queryOptions({ id }, { initialData: initial }));
  const d = query.data ?? initial;
  const r = d.request;
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.priorAuths.get.queryKey({ id }) });
  };
  const [step, setStep] = useState<StepEvent | null>(null);
  const [deciding, setDeciding] = useState(false);
  const decisions = d.actions.events.filter((e): e is (typeof DECISION_EVENTS)[number] => (DECISION_EVENTS as readonly string[]).includes(e));
  // "Mark expired" only once every authorization of this request has ended (the server checks it too).
  const ownInForce = d.ledgers.some((l) => l.authorization.requestId === r.id && l.authorization.endDate >= today);
  const steps = d.actions.events.filter((e): e is StepEvent => !(DECISION_EVENTS as readonly string[]).includes(e) && e !== "start_draft" && !(e === "expire" && ownInForce));
  const due = dueOf(r);
  const overdue = due ? due.date < today : false;

  return (
    <div className="space-y-4">
      <Card className="gap-3">
        <CardHeader>
          <CardTitle asHeading="h2" className="flex flex-wrap items-center gap-2">
            <span data-testid="pa-status">
              <PriorAuthStatusBadge status={r.status} />
            </span>
            <span className="text-sm font-normal text-muted-foreground">
              {PA_REQUEST_KIND_LABELS[r.kind]} request · opened: {PA_TRIGGER_LABELS[r.trigger].toLowerCase()}
            </span>
          </CardTitle>
          <CardDescription>
            {r.status === "pending_info" && r.infoRequested ? `The payer asked for: ${r.infoRequested}` : r.status === "denied" && r.denialReason ? `Denied: ${r.denialReason}` : null}
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-3">
          <dl className="grid grid-cols-6 gap-x-6 gap-y-2">
            <Fact label="Payer">
              {d.payer.name} <span className="font-mono text-xs text-muted-foreground">{d.payer.memberId}</span>
            </Fact>
            <Fact label="Order">
              <Link href={`/orders/${d.order.id}`} className="underline-offset-4 hover:underline">
                {d.order.indicationName}
              </Link>
            </Fact>
            <Fact label="Channel">{r.channel ? PA_CHANNEL_LABELS[r.channel] : <span className="text-muted-foreground">Not chosen</span>}</Fact>
            <Fact label="Next infusion">{d.nextInfusion ? usDate(d.nextInfusion) : <span className="text-muted-foreground">None planned</span>}</Fact>
            <Fact label={due?.what ?? "Due"} testId="pa-due">
              {due ? <span className={overdue ? "font-medium text-destructive" : ""}>{usDate(due.date)}{overdue ? " (overdue)" : ""}</span> : <span className="text-muted-foreground">—</span>}
            </Fact>
            <Fact label="Turnaround clock" testId="pa-clock">
              {r.submittedAt ? (
                d.turnaround !== null ? (
                  `Decided in ${d.turnaround} day${d.turnaround === 1 ? "" : "s"}`
                ) : (
                  <span className={d.daysPending !== null && d.daysPending > r.turnaroundDays ? "font-medium text-destructive" : ""}>
                    {d.daysPending ?? 0} of {r.turnaroundDays} days with the payer
                  </span>
                )
              ) : (
                <span className="text-muted-foreground">Not submitted (payer turnaround {r.turnaroundDays} days)</span>
              )}
            </Fact>
            <Fact label="Assigned to">{d.assigneeName ?? <span className="text-muted-foreground">Nobody</span>}</Fact>
            <Fact label="Payer reference">{r.payerReference ?? <span className="text-muted-foreground">—</span>}</Fact>
            <Fact label="Submitted">{r.submittedAt ? dateTime(r.submittedAt) : <span className="text-muted-foreground">—</span>}</Fact>
            <Fact label="Decided">{r.decidedAt ? dateTime(r.decidedAt) : <span className="text-muted-foreground">—</span>}</Fact>
            <Fact label="Patient">
              <Link href={`/patients/${d.patient.id}`} className="underline-offset-4 hover:underline">
                {d.patient.name}
              </Link>{" "}
              <span className="font-mono text-xs text-muted-foreground">{d.patient.mrn}</span>
            </Fact>
            <Fact label="Date of birth">{usDate(d.patient.dateOfBirth)}</Fact>
          </dl>
          {d.flags.length ? (
            <ul className="space-y-0.5 text-sm text-destructive" data-testid="pa-detail-flags">
              {d.flags.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          ) : null}
          <div className="flex flex-wrap items-center gap-2 border-t pt-3">
            {decisions.length ? <Button onClick={() => setDeciding(true)}>Record decision</Button> : null}
            {steps.map((e) => (
              <Button key={e} variant={e === "withdraw" ? "ghost" : e === "submit" ? "default" : "outline"} onClick={() => setStep(e)}>
                {PRIOR_AUTH_EVENT_LABELS[e as PriorAuthEvent]}
              </Button>
            ))}
            <div className="ml-auto flex gap-2">
              <Button asChild variant="outline" size="sm">
                <a href={`/api/prior-auths/${r.id}/packet.pdf`} download data-testid="pa-pdf">
                  <FileDown aria-hidden /> Download PDF
                </a>
              </Button>
              <Button asChild variant="outline" size="sm">
                <a href={`/api/prior-auths/${r.id}/pas-bundle.json`} download data-testid="pa-pas">
                  <FileJson aria-hidden /> Download PAS bundle (FHIR)
                </a>
              </Button>
            </div>
          </div>
        </CardContent>
      </Card>

      <div className="grid grid-cols-[minmax(0,1fr)_26rem] items-start gap-4">
        <div className="space-y-4">
          <RequestForm detail={d} onSaved={refresh} />
          <AttachmentsCard detail={d} onAdded={refresh} />
        </div>
        <div className="space-y-4">
          <Card className="gap-3">
            <CardHeader>
              <CardTitle asHeading="h2">Authorizations of the order</CardTitle>
              <CardDescription>Units in J9173 billing units; remaining = approved − used − scheduled.</CardDescription>
            </CardHeader>
            <CardContent className="space-y-3">
              <AuthorizationLedger entries={d.ledgers} today={today} />
              {d.alerts.length ? <AuthorizationAlerts alerts={d.alerts} stacked /> : null}
            </CardContent>
          </Card>
          <Card className="gap-3">
            <CardHeader>
              <CardTitle asHeading="h2">Decisions</CardTitle>
            </CardHeader>
            <CardContent>
              {d.decisions.length ? (
                <ul className="space-y-2 text-sm" data-testid="pa-decisions">
                  {d.decisions.map((x) => (
                    <li key={x.id}>
                      <div className="flex items-center gap-2">
                        <Badge variant={x.outcome === "denied" ? "destructive" : x.outcome === "approved" ? "success" : "warning"}>{PRIOR_AUTH_STATE_LABELS[x.outcome]}</Badge>
                        <span className="tabular-nums">{usDate(x.decidedOn)}</span>
                        {x.authorizationNumber ? <span className="font-mono">{x.authorizationNumber}</span> : null}
                      </div>
                      <div className="text-muted-foreground">
                        {x.outcome === "denied"
                          ? x.denialReason
                          : `${x.approvedLines.map((l) => `${l.hcpcs} × ${l.units}${l.doses !== null ? ` (${l.doses} doses)` : ""}`).join(", ")} · ${usDate(x.startDate)}–${usDate(x.endDate)}`}
                        {x.recordedBy ? ` · recorded by ${x.recordedBy}` : ""}
                      </div>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-muted-foreground">No decision yet.</p>
              )}
            </CardContent>
          </Card>
          <Card className="gap-3">
            <CardHeader>
              <CardTitle asHeading="h2">History</CardTitle>
            </CardHeader>
            <CardContent>
              <ol className="space-y-1.5 text-sm" data-testid="pa-history">
                {d.history.map((h, i) => (
                  <li key={i}>
                    <span className="font-medium">{historyTitle(h)}</span>
                    <span className="text-muted-foreground">
                      {" "}
                      · {h.actorName ?? "system"}, {dateTime(h.at)}
                    </span>
                    {historyText(h) ? <div className="truncate text-muted-foreground">{historyText(h)}</div> : null}
                  </li>
                ))}
              </ol>
            </CardContent>
          </Card>
        </div>
      </div>
      <RequestStepDialog event={step} request={{ id: r.id, revision: r.revision, payerReference: r.payerReference }} onOpenChange={(o) => !o && setStep(null)} onDone={() => { setStep(null); refresh(); }} />
      {deciding ? <DecisionDialog open={deciding} onOpenChange={setDeciding} detail={d} outcomes={decisions} today={today} onDone={refresh} /> : null}
    </div>
  );
}
