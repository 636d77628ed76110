"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FileDown } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { dueText, money, usDate, when } from "@/components/remittances/format";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import type { TDenialDetail } from "@/server/api/routers/denials/schemas";
import { DENIAL_ACTION_LABELS } from "@/server/domain/denials/codes";
import { DENIAL_OUTCOME_LABELS, DENIAL_OUTCOMES, denialMachine, type DenialOutcome } from "@/server/domain/workflow/denial";
import { ActionDialog } from "./action-dialog";
import { DenialStatusBadge } from "./denial-badges";

interface Part {
  line: number | null;
  procedure: string | null;
  group: string;
  carc: string;
  rarcs?: string[];
  amountCents: number;
  explanation: string;
}

/** What each recommended action asks of the biller, in one sentence. */
const ACTION_HINTS: Record<TDenialDetail["action"], string> = {
  corrected_claim: "Fix what the payer named (the cause above shows where) and send a replacement claim (frequency 7) through the claims flow.",
  appeal: "Send the appeal letter with the attachments it lists before the appeal deadline, then record the appeal as sent.",
  retro_auth: "Ask the payer for a retro-authorization; when it is approved, send a corrected claim with the authorization number.",
  eligibility_check: "Check the patient's coverage on the date of service; correct the member ID or bill the payer that covered the patient.",
  write_off: "Rarely recoverable: write it off with the reason, or appeal if an exception applies (proof of timely filing, payer error).",
  review: "Read the payer's reason and choose the next step: resolve it if nothing is owed, appeal or write off otherwise.",
};

const EVENT_LABELS: Record<string, string> = Object.fromEntries(denialMachine.transitions.map((t) => [`denial.${t.event}`, t.label]));
const OTHER_LABELS: Record<string, string> = {
  "denial.opened": "Opened by posting the remittance",
  "denial.assigned": "Assigned",
  "denial.note_added": "Note added",
  "denial.appeal_letter_downloaded": "Appeal letter downloaded",
};
function historyLabel(action: string): string {
  return EVENT_LABELS[action] ?? OTHER_LABELS[action] ?? action.replace(/^denial\./, "").replace(/_/g, " ");
}
function historyDetail(h: TDenialDetail["history"][number], assignees: TDenialDetail["assignees"]): string | null {
  const a = h.after ?? {};
  const bits: string[] = [];
  if (typeof a.reason === "string") bits.push(a.reason);
  if (typeof a.note === "string" && a.note) bits.push(a.note);
  if (typeof a.correctedClaimNumber === "string") bits.push(`corrected claim ${a.correctedClaimNumber}`);
  if (typeof a.priorAuthNumber === "string" && a.priorAuthNumber) bits.push(`authorization ${a.priorAuthNumber}`);
  if (typeof a.writeOffCents === "number") bits.push(money(a.writeOffCents));
  if (typeof a.outcome === "string") bits.push(DENIAL_OUTCOME_LABELS[a.outcome as DenialOutcome] ?? a.outcome);
  if (typeof a.recoveredCents === "number") bits.push(`${money(a.recoveredCents)} recovered`);
  if (h.action === "denial.assigned") bits.push(a.assigneeUserId ? `to ${assignees.find((u) => u.id === a.assigneeUserId)?.name ?? "a colleague"}` : "unassigned");
  if (h.action === "denial.opened" && typeof a.amountCents === "number") bits.push(money(a.amountCents));
  return bits.length ? bits.join(" · ") : null;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

/** Cents from "1,234.56" or "1234.5"; null when it is not an amount. */
function parseCents(text: string): number | null {
  const t = text.replace(/[$,\s]/g, "");
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(t)) return null;
  const [w, f = ""] = t.split(".");
  return Number(w) * 100 + Number(f.padEnd(2, "0"));
}

/** One denial or underpayment work item: what the payer said, the cause in our records, the action that fixes it, notes and history. */
export function DenialDetail({ initial }: { initial: TDenialDetail }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const query = useQuery(trpc.denials.get.queryOptions({ id: initial.id }, { initialData: initial }));
  const d = query.data;
  const ref = { id: d.id, revision: d.revision };
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: trpc.denials.get.queryKey({ id: d.id }) }), qc.invalidateQueries({ queryKey: trpc.denials.list.queryKey() }), qc.invalidateQueries({ queryKey: trpc.denials.counts.queryKey() })]);
  const ok = (title: string, description?: string) => {
    toast({ title, description, variant: "success" });
    void refresh();
  };
  const fail = (title: string) => (e: { message: string }) => toast({ title, description: e.message, variant: "destructive" });
  const has = (a: TDenialDetail["actions"][number]) => d.actions.includes(a);

  const assign = useMutation(trpc.denials.assign.mutationOptions({ onSuccess: () => ok("Assigned"), onError: fail("Could not assign") }));
  const start = useMutation(trpc.denials.start.mutationOptions({ onSuccess: () => ok("Started", "The item is yours to work."), onError: fail("Could not start") }));
  const retro = useMutation(trpc.denials.requestRetroAuth.mutationOptions({ onSuccess: () => ok("Retro-authorization requested") }));
  const corrected = useMutation(trpc.denials.createCorrectedClaim.mutationOptions({ onSuccess: (r) => ok("Corrected claim created", `Claim ${r.correctedClaimNumber} (frequency 7) is in the claims flow.`) }));
  const appeal = useMutation(trpc.denials.sendAppeal.mutationOptions({ onSuccess: () => ok("Appeal recorded as sent") }));
  const upheld = useMutation(trpc.denials.recordUpheld.mutationOptions({ onSuccess: () => ok("Recorded: the payer upheld the denial") }));
  const writeOff = useMutation(trpc.denials.writeOff.mutationOptions({ onSuccess: (r) => ok(r.needsApproval ? "Write-off sent for a manager's approval" : "Written off", r.needsApproval ? `Above the practice's ${money(r.thresholdCents)} threshold.` : undefined) }));
  const approve = useMutation(trpc.denials.approveWriteOff.mutationOptions({ onSuccess: () => ok("Write-off approved"), onError: fail("Could not approve") }));
  const decline = useMutation(trpc.denials.declineWriteOff.mutationOptions({ onSuccess: () => ok("Write-off declined") }));
  const resolve = useMutation(trpc.denials.resolve.mutationOptions({ onSuccess: () => ok("Resolved") }));
  const addNote = useMutation(trpc.denials.addNote.mutationOptions({ onSuccess: () => ok("Note added"), onError: fail("Could not add the note") }));

  const [retroNote, setRetroNote] = useState("");
  const [reason, setReason] = useState("");
  const [authNumber, setAuthNumber] = useState("");
  const [payerClaimNumber, setPayerClaimNumber] = useState(d.payerClaimNumber ?? "");
  const [argument, setArgument] = useState(d.appealArgument ?? "");
  const [upheldNote, setUpheldNote] = useState("");
  const [woAmount, setWoAmount] = useState((d.amountCents / 100).toFixed(2));
  const [woReason, setWoReason] = useState("");
  const [declineReason, setDeclineReason] = useState("");
  const [outcome, setOutcome] = useState<DenialOutcome>("overturned");
  const [recovered, setRecovered] = useState("");
  const [resolveNote, setResolveNote] = useState("");
  const [note, setNote] = useState("");

  const parts = ((d.detail as { parts?: Part[] }).parts ?? []) as Part[];
  const under = d.kind === "underpayment" ? (d.detail as { expectedCents?: number; allowedCents?: number; varianceCents?: number }) : null;
  const woCents = parseCents(woAmount);
  const recoveredCents = recovered.trim() === "" ? null : parseCents(recovered);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <DenialStatusBadge status={d.status} />
        <span className="text-sm">
          <span className="font-semibold tabular-nums">{money(d.amountCents)}</span> {d.kind === "denial" ? "denied" : "short of the expected allowed amount"}
        </span>
        <span className={d.dueInDays !== null && d.dueInDays < 0 ? "text-sm font-medium text-destructive" : "text-sm text-muted-foreground"}>
          {d.dueDate ? `Appeal by ${usDate(d.dueDate)} (${dueText(d.dueInDays)})` : "No appeal deadline"}
        </span>
        <div className="ml-auto flex flex-wrap items-end gap-2">
          {has("assign") ? (
            <div className="flex items-center gap-2">
              <Label htmlFor="denial-assignee" className="text-sm text-muted-foreground">
                Assigned to
              </Label>
              <NativeSelect
                id="denial-assignee"
                wrapperClassName="w-44"
                value={d.assigneeUserId ?? ""}
                disabled={assign.isPending}
                onChange={(e) => assign.mutate({ ...ref, assigneeUserId: e.target.value || null })}
              >
                <NativeSelectOption value="">Nobody</NativeSelectOption>
                {d.assignees.map((u) => (
                  <NativeSelectOption key={u.id} value={u.id}>
                    {u.name}
                  </NativeSelectOption>
                ))}
              </NativeSelect>
            </div>
          ) : (
            <span className="text-sm text-muted-foreground">Assigned to {d.assigneeName ?? "nobody"}</span>
          )}
          {has("start") ? (
            <Button variant="outline" disabled={start.isPending} onClick={() => start.mutate(ref)}>
              Start working
            </Button>
          ) : null}
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle asHeading="h2">{d.kind === "denial" ? "What the payer said" : "What the payer allowed"}</CardTitle>
            <CardDescription>
              {d.payerName} · remittance {d.traceNumber}
              {d.paymentDate ? ` of ${usDate(d.paymentDate)}` : ""} ·{" "}
              <Link className="underline-offset-4 hover:underline" href={`/remittances/claims/${d.claimPaymentId}`}>
                claim payment
              </Link>
            </CardDescription>
          </CardHeader>
          <CardContent className="space-y-4">
            {parts.length > 0 ? (
              <ul className="space-y-2" aria-label="Denial reasons">
                {parts.map((p, i) => (
                  <li key={i} className="rounded-md border p-3 text-sm">
                    <div className="flex flex-wrap items-baseline gap-2">
                      <span className="font-mono font-semibold">
                        {p.group}-{p.carc}
                      </span>
                      {p.rarcs?.length ? <span className="font-mono text-xs text-muted-foreground">{p.rarcs.join(" ")}</span> : null}
                      <span className="text-muted-foreground">{p.line === null ? "whole claim" : `line ${p.line}${p.procedure ? ` ${p.procedure}` : ""}`}</span>
                      <span className="ml-auto font-medium tabular-nums">{money(p.amountCents)}</span>
                    </div>
                    <p className="mt-1">{p.explanation}</p>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm">{d.explanation}</p>
            )}
            {under ? (
              <dl className="grid grid-cols-3 gap-3 rounded-md border p-3">
                <Fact label="Expected allowed">{money(under.expectedCents ?? 0)}</Fact>
                <Fact label="Allowed by the payer">{money(under.allowedCents ?? 0)}</Fact>
                <Fact label="Short by">{money(under.varianceCents ?? d.amountCents)}</Fact>
              </dl>
            ) : null}
            <div className="rounded-md bg-muted/60 p-3">
              <h3 className="text-sm font-semibold">Cause in our records</h3>
              <p className="mt-1 text-sm" data-testid="denial-cause">
                {d.cause ?? "We found nothing in our records that explains it; read the payer's reason above."}
              </p>
            </div>
            <div className="rounded-md border-l-4 border-primary p-3">
              <h3 className="text-sm font-semibold">Recommended action: {DENIAL_ACTION_LABELS[d.action]}</h3>
              <p className="mt-1 text-sm text-muted-foreground">{d.kind === "denial" ? ACTION_HINTS[d.action] : "Appeal the payment with the arithmetic above, or write the difference off with a reason."}</p>
            </div>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle asHeading="h2">Claim</CardTitle>
            <CardDescription>{d.categoryLabel}</CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-2 gap-3">
              <Fact label="Claim">
                <Link className="font-mono underline-offset-4 hover:underline" href={`/claims/${d.claimId}`}>
                  {d.claimNumber}
                </Link>
              </Fact>
              <Fact label="Claim status">{d.claimStatus.replace(/_/g, " ")}</Fact>
              <Fact label="Patient">
                <Link className="underline-offset-4 hover:underline" href={`/patients/${d.patientId}`}>
                  {d.patientName}
                </Link>
              </Fact>
              <Fact label="Date of service">{usDate(d.dateOfService)}</Fact>
              <Fact label="Payer">{d.payerName}</Fact>
              <Fact label="Payer's claim number">{d.payerClaimNumber ?? "—"}</Fact>
              {d.correctedClaim ? (
                <Fact label="Corrected claim">
                  <Link className="font-mono underline-offset-4 hover:underline" href={`/claims/${d.correctedClaim.id}`}>
                    {d.correctedClaim.claimNumber}
                  </Link>{" "}
                  <span className="text-xs text-muted-foreground">{d.correctedClaim.status.replace(/_/g, " ")}</span>
                </Fact>
              ) : null}
              {d.appealSentAt ? <Fact label="Appeal sent">{when(d.appealSentAt)}</Fact> : null}
              {d.writeOffCents !== null ? <Fact label="Write-off">{`${money(d.writeOffCents)}${d.writeOffReason ? ` — ${d.writeOffReason}` : ""}`}</Fact> : null}
              {d.outcome ? <Fact label="Outcome">{`${DENIAL_OUTCOME_LABELS[d.outcome]}${d.recoveredCents !== null ? `, ${money(d.recoveredCents)} recovered` : ""}`}</Fact> : null}
            </dl>
            <Table className="mt-4">
              <TableHeader>
                <TableRow>
                  <TableHead>Line</TableHead>
                  <TableHead>Code</TableHead>
                  <TableHead className="text-right">Units</TableHead>
                  <TableHead className="text-right">Charge</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {d.lines.map((l) => (
                  <TableRow key={l.position}>
                    <TableCell>{l.position}</TableCell>
                    <TableCell className="font-mono text-xs">
                      {l.code}
                      {l.modifiers.length ? `-${l.modifiers.join("-")}` : ""}
                      {l.ndc11 ? <span className="block text-muted-foreground">NDC {l.ndc11}</span> : null}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{l.units}</TableCell>
                    <TableCell className="text-right tabular-nums">{money(l.chargeCents)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle asHeading="h2">Actions</CardTitle>
          <CardDescription>Each action is recorded in the history below; the item waits on the payer after a retro-authorization, a corrected claim or an appeal.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap gap-2" data-testid="denial-actions">
          {has("request_retro_auth") ? (
            <ActionDialog
              trigger={<Button>Request retro-authorization</Button>}
              title="Request a retro-authorization"
              description="Opens the prior-authorization work for this service date; the denial waits until the authorization comes back, then send a corrected claim with its number."
              submitLabel="Request retro-authorization"
              onSubmit={() => retro.mutateAsync({ ...ref, note: retroNote.trim() || null })}
            >
              <div className="grid gap-2">
                <Label htmlFor="retro-note">Note for the prior-authorization team (optional)</Label>
                <Textarea id="retro-note" rows={3} value={retroNote} onChange={(e) => setRetroNote(e.target.value)} />
              </div>
            </ActionDialog>
          ) : null}
          {has("create_corrected_claim") ? (
            <ActionDialog
              trigger={<Button variant={d.action === "corrected_claim" || d.status === "retro_auth" ? "default" : "outline"}>Corrected claim</Button>}
              title="Create a corrected claim"
              description="A replacement claim (frequency 7) with this claim's lines, re-checked by the engine, referencing the payer's claim number. It goes out through the claims flow."
              submitLabel="Create corrected claim"
              disabled={reason.trim().length < 5}
              onSubmit={() => corrected.mutateAsync({ ...ref, reason, priorAuthNumber: authNumber.trim() || null, payerClaimNumber: payerClaimNumber.trim() || null })}
            >
              <div className="grid gap-2">
                <Label htmlFor="corrected-reason">What was corrected</Label>
                <Textarea id="corrected-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Authorization obtained retroactively" />
              </div>
              {d.category === "authorization" ? (
                <div className="grid gap-2">
                  <Label htmlFor="corrected-auth">Authorization number</Label>
                  <Input id="corrected-auth" aria-describedby="corrected-auth-hint" value={authNumber} onChange={(e) => setAuthNumber(e.target.value)} />
                  <p id="corrected-auth-hint" className="text-xs text-muted-foreground">
                    The retroactive approval&apos;s number; the corrected claim carries it (837 REF*G1).
                  </p>
                </div>
              ) : null}
              <div className="grid gap-2">
                <Label htmlFor="corrected-icn">Payer&apos;s claim number</Label>
                <Input id="corrected-icn" aria-describedby="corrected-icn-hint" value={payerClaimNumber} onChange={(e) => setPayerClaimNumber(e.target.value)} />
                <p id="corrected-icn-hint" className="text-xs text-muted-foreground">
                  The number the payer gave the denied claim (from the remittance); the corrected claim replaces it (837 REF*F8).
                </p>
              </div>
            </ActionDialog>
          ) : null}
          {has("appeal_letter") ? (
            <Button asChild variant="outline">
              <a href={`/api/denials/${d.id}/appeal-letter`} download data-testid="appeal-letter">
                <FileDown aria-hidden /> Appeal letter (PDF)
              </a>
            </Button>
          ) : null}
          {has("send_appeal") ? (
            <ActionDialog
              trigger={<Button variant={d.action === "appeal" ? "default" : "outline"}>Record appeal sent</Button>}
              title="Record the appeal as sent"
              description="Download the appeal letter first, sign it and send it with the attachments it lists. The argument below is printed in the letter."
              submitLabel="Record appeal sent"
              onSubmit={() => appeal.mutateAsync({ ...ref, argument: argument.trim() || null })}
            >
              <div className="grid gap-2">
                <Label htmlFor="appeal-argument">Argument (optional)</Label>
                <Textarea id="appeal-argument" rows={5} value={argument} onChange={(e) => setArgument(e.target.value)} />
              </div>
            </ActionDialog>
          ) : null}
          {has("record_upheld") ? (
            <ActionDialog
              trigger={<Button variant="outline">Payer upheld</Button>}
              title="The payer upheld its denial"
              description="The item goes back to working, for the next step."
              submitLabel="Record"
              disabled={upheldNote.trim().length < 3}
              onSubmit={() => upheld.mutateAsync({ ...ref, note: upheldNote })}
            >
              <div className="grid gap-2">
                <Label htmlFor="upheld-note">What the payer said</Label>
                <Textarea id="upheld-note" rows={3} value={upheldNote} onChange={(e) => setUpheldNote(e.target.value)} />
              </div>
            </ActionDialog>
          ) : null}
          {has("write_off") ? (
            <ActionDialog
              trigger={<Button variant="outline">Write off</Button>}
              title="Write off"
              description="Above the practice's threshold a manager approves the write-off before it is final."
              submitLabel="Write off"
              variant="destructive"
              disabled={woCents === null || woCents <= 0 || woReason.trim().length < 5}
              onSubmit={() => writeOff.mutateAsync({ ...ref, amountCents: woCents ?? 0, reason: woReason })}
            >
              <div className="grid gap-2">
                <Label htmlFor="wo-amount">Amount ($)</Label>
                <Input id="wo-amount" inputMode="decimal" value={woAmount} onChange={(e) => setWoAmount(e.target.value)} aria-invalid={woCents === null} />
              </div>
              <div className="grid gap-2">
                <Label htmlFor="wo-reason">Reason</Label>
                <Textarea id="wo-reason" rows={2} value={woReason} onChange={(e) => setWoReason(e.target.value)} />
              </div>
            </ActionDialog>
          ) : null}
          {has("approve_write_off") ? (
            <Button disabled={approve.isPending} onClick={() => approve.mutate(ref)}>
              Approve write-off of {money(d.writeOffCents ?? 0)}
            </Button>
          ) : null}
          {has("decline_write_off") ? (
            <ActionDialog
              trigger={<Button variant="outline">Decline write-off</Button>}
              title="Decline the write-off"
              description="The item goes back to the biller with your reason."
              submitLabel="Decline"
              disabled={declineReason.trim().length < 3}
              onSubmit={() => decline.mutateAsync({ ...ref, reason: declineReason })}
            >
              <div className="grid gap-2">
                <Label htmlFor="decline-reason">Reason</Label>
                <Textarea id="decline-reason" rows={2} value={declineReason} onChange={(e) => setDeclineReason(e.target.value)} />
              </div>
            </ActionDialog>
          ) : null}
          {has("resolve") ? (
            <ActionDialog
              trigger={<Button variant="outline">Resolve</Button>}
              title="Resolve"
              description="Record how it ended."
              submitLabel="Resolve"
              disabled={recovered.trim() !== "" && recoveredCents === null}
              onSubmit={() => resolve.mutateAsync({ ...ref, outcome, recoveredCents, note: resolveNote.trim() || null })}
            >
              <div className="grid gap-2">
                <Label htmlFor="resolve-outcome">Outcome</Label>
                <NativeSelect id="resolve-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as DenialOutcome)}>
                  {DENIAL_OUTCOMES.map((o) => (
                    <NativeSelectOption key={o} value={o}>
                      {DENIAL_OUTCOME_LABELS[o]}
                    </NativeSelectOption>
                  ))}
                </NativeSelect>
              </div>
              <div className="grid gap-2">
                <Label htmlFor="resolve-recovered">Amount recovered ($, optional)</Label>
                <Input id="resolve-recovered" inputMode="decimal" value={recovered} onChange={(e) => setRecovered(e.target.value)} aria-invalid={recovered.trim() !== "" && recoveredCents === null} />
              </div>
              <div className="grid gap-2">
                <Label htmlFor="resolve-note">Note (optional)</Label>
                <Textarea id="resolve-note" rows={2} value={resolveNote} onChange={(e) => setResolveNote(e.target.value)} />
              </div>
            </ActionDialog>
          ) : null}
          {d.actions.filter((a) => a !== "assign" && a !== "note" && a !== "appeal_letter").length === 0 ? <p className="text-sm text-muted-foreground">Nothing left to do on this item.</p> : null}
        </CardContent>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle asHeading="h2">Notes</CardTitle>
          </CardHeader>
          <CardContent className="space-y-3">
            {d.notes.length === 0 ? <p className="text-sm text-muted-foreground">No notes yet.</p> : null}
            <ul className="space-y-2">
              {d.notes.map((n) => (
                <li key={n.id} className="rounded-md border p-2 text-sm">
                  <p className="whitespace-pre-wrap">{n.text}</p>
                  <p className="mt-1 text-xs text-muted-foreground">
                    {n.author ?? "Someone"} · {when(n.createdAt)}
                  </p>
                </li>
              ))}
            </ul>
            {has("note") ? (
              <form
                className="grid gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  addNote.mutate({ id: d.id, text: note }, { onSuccess: () => setNote("") });
                }}
              >
                <Label htmlFor="denial-note">Add a note</Label>
                <Textarea id="denial-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
                <Button type="submit" variant="outline" className="w-fit" disabled={note.trim().length === 0 || addNote.isPending}>
                  Add note
                </Button>
              </form>
            ) : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle asHeading="h2">History</CardTitle>
          </CardHeader>
          <CardContent>
            <ol className="space-y-2" aria-label="History">
              {d.history.map((h, i) => {
                const extra = historyDetail(h, d.assignees);
                return (
                  <li key={i} className="text-sm">
                    <span className="font-medium">{historyLabel(h.action)}</span>
                    {extra ? <span className="text-muted-foreground"> — {extra}</span> : null}
                    <span className="block text-xs text-muted-foreground">
                      {h.actor} · {when(h.at)}
                    </span>
                  </li>
                );
              })}
            </ol>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
