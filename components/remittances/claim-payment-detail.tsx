"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { money, usDate, when } from "@/components/remittances/format";
import { useTRPC } from "@/components/trpc/client";
import { ActionDialog } from "@/components/denials/action-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import type { TCandidate, TClaimPaymentDetail } from "@/server/api/routers/remittances/schemas";
import { claimStateLabel } from "@/server/domain/workflow/claim";
import { ClaimPaymentStatusBadge, OutcomeBadge } from "./remittance-badges";

type Adj = TClaimPaymentDetail["claimAdjustments"][number];

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

function Adjustments({ list }: { list: Adj[] }) {
  if (list.length === 0) return null;
  return (
    <ul className="space-y-0.5">
      {list.map((a, i) => (
        <li key={i} className="text-xs">
          <span className="font-mono font-medium">
            {a.group}-{a.carc}
          </span>{" "}
          <span className="tabular-nums">{money(a.amountCents)}</span> <span className="text-muted-foreground">{a.groupText}:</span> {a.carcText}
          {a.kind === "denial" ? <span className="ml-1 rounded bg-destructive/10 px-1 text-destructive">denial</span> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The next payer, where the primary's payment is read: the secondary claim once it exists, else
 * "Bill secondary" for users who may (the claims service checks again and refuses with the reason).
 */
function SecondaryClaim({ claimId, secondary }: { claimId: string | null; secondary: NonNullable<TClaimPaymentDetail["secondary"]> }) {
  const trpc = useTRPC();
  const router = useRouter();
  const bill = useMutation(
    trpc.claims.billSecondary.mutationOptions({
      onSuccess: (r) => {
        toast({ title: `${r.priority === "tertiary" ? "Tertiary" : "Secondary"} claim ${r.claimNumber} created`, description: r.blocked ? "Fix its error findings before sending it." : "Review it and mark it ready to send.", variant: "success" });
        router.push(`/claims/${r.id}`);
      },
      onError: (e) => toast({ title: "Could not bill the secondary", description: e.message, variant: "destructive" }),
    }),
  );
  if (secondary.claim) {
    return (
      <Link className="font-mono underline-offset-4 hover:underline" href={`/claims/${secondary.claim.id}`}>
        {secondary.claim.claimNumber} <span className="font-sans text-xs text-muted-foreground">({claimStateLabel(secondary.claim.status)})</span>
      </Link>
    );
  }
  if (!secondary.canBill || !claimId) return <span className="text-muted-foreground">Not billed yet{secondary.payerName ? ` (${secondary.payerName})` : ""}</span>;
  // the payer's name goes under the button: a long plan name must not spill into the next fact
  return (
    <>
      <Button size="sm" variant="outline" className="h-7" disabled={bill.isPending} onClick={() => bill.mutate({ claimId })} title={`Bill the ${secondary.priority} claim to ${secondary.payerName ?? `the ${secondary.priority} payer`} with this payment on it`}>
        Bill {secondary.priority}
      </Button>
      {secondary.payerName ? <span className="block truncate text-xs text-muted-foreground" title={secondary.payerName}>{secondary.payerName}</span> : null}
    </>
  );
}

/** One claim payment (CLP): what the payer did with each line, every CARC and RARC in words, and, when it is queued, matching by hand. */
export function ClaimPaymentDetail({ initial }: { initial: TClaimPaymentDetail }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.remittances.claimPayment.queryOptions({ claimPaymentId: initial.id }, { initialData: initial }));
  const c = query.data;
  return (
    <div className="space-y-6">
      <Card>
        <CardContent className="pt-6">
          <div className="mb-4 flex flex-wrap items-center gap-2">
            <ClaimPaymentStatusBadge status={c.status} />
            <OutcomeBadge outcome={c.outcome} />
            <span className="text-sm text-muted-foreground">{c.statusText}</span>
            {c.reversed ? <span className="text-sm text-muted-foreground">· reversed by a later payment</span> : null}
          </div>
          {c.reason ? (
            <p className="mb-4 rounded-md border border-destructive/40 bg-destructive/5 p-3 text-sm" data-testid="queue-reason">
              {c.reason}
            </p>
          ) : null}
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-4 lg:grid-cols-6">
            <Fact label="Claim">
              {c.claimId && c.claimNumber ? (
                <Link className="font-mono underline-offset-4 hover:underline" href={`/claims/${c.claimId}`}>
                  {c.claimNumber}
                </Link>
              ) : (
                <span className="font-mono">{c.patientControlNumber} (not matched)</span>
              )}
            </Fact>
            <Fact label="Patient on the 835">
              {c.patientName ?? "—"}
              {c.memberId ? <span className="block font-mono text-xs text-muted-foreground">{c.memberId}</span> : null}
            </Fact>
            <Fact label="Payment">
              <Link className="underline-offset-4 hover:underline" href={`/remittances/payments/${c.paymentId}`}>
                {c.traceNumber}
              </Link>
              <span className="block text-xs text-muted-foreground">
                {c.payerName} · {usDate(c.paymentDate)}
              </span>
            </Fact>
            <Fact label="Payer's claim number">{c.payerClaimNumber ?? "—"}</Fact>
            <Fact label="Charge / allowed">
              {money(c.chargeCents)} / {money(c.allowedCents)}
            </Fact>
            <Fact label="Paid">
              <span className="font-semibold">{money(c.paidCents)}</span>
              {c.interestCents ? <span className="block text-xs text-muted-foreground">incl. interest {money(c.interestCents)}</span> : null}
            </Fact>
            <Fact label="Patient owes">
              {money(c.patientCents)}
              <span className="block text-xs text-muted-foreground">
                deductible {money(c.deductibleCents)} · coinsurance {money(c.coinsuranceCents)} · copay {money(c.copayCents)}
              </span>
            </Fact>
            <Fact label="Contractual">{money(c.contractualCents)}</Fact>
            <Fact label="Denied">{money(c.deniedCents)}</Fact>
            {c.forwardedToName ? <Fact label="Forwarded to (crossover)">{c.forwardedToName}</Fact> : null}
            {c.secondary ? (
              <Fact label={c.secondary.priority === "tertiary" ? "Tertiary claim" : "Secondary claim"}>
                <SecondaryClaim claimId={c.claimId} secondary={c.secondary} />
              </Fact>
            ) : null}
            {c.postedAt ? (
              <Fact label="Posted">
                {when(c.postedAt)}
                {c.postedBy ? ` by ${c.postedBy}` : ""}
                {c.matchedBy ? <span className="block text-xs text-muted-foreground">matched by {c.matchedBy.replace(/_/g, " ")}</span> : null}
              </Fact>
            ) : null}
          </dl>
          {c.remarks.length > 0 ? (
            <ul className="mt-4 space-y-0.5 text-sm" aria-label="Claim remarks">
              {c.remarks.map((r) => (
                <li key={r.code}>
                  <span className="font-mono font-medium">{r.code}</span> {r.text}
                </li>
              ))}
            </ul>
          ) : null}
          {c.claimAdjustments.length > 0 ? (
            <div className="mt-4">
              <h3 className="text-sm font-semibold">Claim-level adjustments</h3>
              <Adjustments list={c.claimAdjustments} />
            </div>
          ) : null}
          {c.notes.length ? <p className="mt-3 text-xs text-muted-foreground">{c.notes.join(" ")}</p> : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle asHeading="h2">Service lines</CardTitle>
          <CardDescription>Each line balances: charge = paid + adjustments.</CardDescription>
        </CardHeader>
        <CardContent>
          <Table aria-label="Service lines">
            <TableHeader>
              <TableRow>
                <TableHead>Line</TableHead>
                <TableHead>Service</TableHead>
                <TableHead>Date</TableHead>
                <TableHead className="text-right">Units</TableHead>
                <TableHead className="text-right">Charge</TableHead>
                <TableHead className="text-right">Allowed</TableHead>
                <TableHead className="text-right">Paid</TableHead>
                <TableHead className="w-[40%]">Adjustments and remarks</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {c.lines.map((l) => (
                <TableRow key={l.id} className="align-top">
                  <TableCell>
                    {l.position + 1}
                    {l.claimLinePosition ? <span className="block text-xs text-muted-foreground">claim line {l.claimLinePosition}</span> : null}
                  </TableCell>
                  <TableCell className="font-mono text-sm whitespace-nowrap">
                    {l.code}
                    {l.modifiers.length ? `-${l.modifiers.join("-")}` : ""}
                    {l.submittedCode ? <span className="block text-xs text-muted-foreground">billed as {l.submittedCode}</span> : null}
                  </TableCell>
                  <TableCell className="whitespace-nowrap">{usDate(l.serviceDate)}</TableCell>
                  <TableCell className="text-right tabular-nums">{l.units}</TableCell>
                  <TableCell className="text-right tabular-nums">{money(l.chargeCents)}</TableCell>
                  <TableCell className="text-right tabular-nums" title={l.allowedSource}>
                    {money(l.allowedCents)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{money(l.paidCents)}</TableCell>
                  <TableCell className="whitespace-normal">
                    <Adjustments list={l.adjustments} />
                    {l.remarks.map((r) => (
                      <p key={r.code} className="text-xs">
                        <span className="font-mono font-medium">{r.code}</span> {r.text}
                      </p>
                    ))}
                    {l.unmatchedReason ? <p className="text-xs text-destructive">{l.unmatchedReason}</p> : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>

      {c.workItems.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle asHeading="h2">Work opened by this payment</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="space-y-1 text-sm">
              {c.workItems.map((w) => (
                <li key={w.id}>
                  <Link className="underline-offset-4 hover:underline" href={`/denials/${w.id}`}>
                    {w.kind === "denial" ? `Denial — ${w.category ?? "other"}` : "Underpayment"}
                  </Link>{" "}
                  <span className="tabular-nums">{money(w.amountCents)}</span> <span className="text-muted-foreground">({w.status.replace(/_/g, " ")})</span>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}

      {c.canMatch ? <MatchPanel c={c} /> : null}
    </div>
  );
}

/** Matching by hand: find the claim, pair each service line with a claim line, post; or dismiss with a reason. */
function MatchPanel({ c }: { c: TClaimPaymentDetail }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const [q, setQ] = useState(c.claimNumber ?? c.patientControlNumber);
  const [search, setSearch] = useState(q);
  const [chosen, setChosen] = useState<TCandidate | null>(null);
  const [lineMap, setLineMap] = useState<Record<number, string>>({});
  const [repeat, setRepeat] = useState(false);
  const [dismissReason, setDismissReason] = useState("");
  const candidates = useQuery(trpc.remittances.candidates.queryOptions({ claimPaymentId: c.id, q: search }, { enabled: search.trim().length >= 2 }));
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.remittances.claimPayment.queryKey({ claimPaymentId: c.id }) });
    void qc.invalidateQueries({ queryKey: trpc.remittances.queue.queryKey() });
    router.refresh();
  };
  const match = useMutation(
    trpc.remittances.match.mutationOptions({
      onSuccess: (r) => {
        toast({ title: "Posted to the claim", description: r.denials ? `${r.denials} work item${r.denials === 1 ? "" : "s"} opened.` : undefined, variant: "success" });
        refresh();
      },
      onError: (e) => toast({ title: "Could not post", description: e.message, variant: "destructive" }),
    }),
  );
  const dismiss = useMutation(trpc.remittances.dismiss.mutationOptions({ onSuccess: () => { toast({ title: "Dismissed", variant: "success" }); refresh(); } }));

  function choose(cand: TCandidate) {
    setChosen(cand);
    const used = new Set<string>();
    const m: Record<number, string> = {};
    for (const l of c.lines) {
      const same = cand.lines.find((x) => !used.has(x.id) && x.code === (l.submittedCode ?? l.code)) ?? cand.lines.find((x) => !used.has(x.id) && x.code === l.code);
      if (same) {
        m[l.position] = same.id;
        used.add(same.id);
      }
    }
    setLineMap(m);
  }
  const complete = chosen !== null && c.lines.every((l) => lineMap[l.position]);

  return (
    <Card data-testid="match-panel">
      <CardHeader>
        <CardTitle asHeading="h2">Match by hand</CardTitle>
        <CardDescription>Find the claim this payment belongs to, pair each service line with a claim line, and post. Or dismiss it with the reason.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            setSearch(q);
            setChosen(null);
          }}
        >
          <div className="grid gap-1">
            <Label htmlFor="match-search">Claim number or patient</Label>
            <Input id="match-search" className="w-72" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          <Button type="submit" variant="outline">
            Find claims
          </Button>
        </form>
        {candidates.data ? (
          candidates.data.length === 0 ? (
            <p className="text-sm text-muted-foreground">No claim found for “{search}”.</p>
          ) : (
            <Table aria-label="Candidate claims">
              <TableHeader>
                <TableRow>
                  <TableHead>Claim</TableHead>
                  <TableHead>Patient</TableHead>
                  <TableHead>Payer</TableHead>
                  <TableHead>Date of service</TableHead>
                  <TableHead className="text-right">Charge</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead />
                </TableRow>
              </TableHeader>
              <TableBody>
                {candidates.data.map((cand) => (
                  <TableRow key={cand.id} data-state={chosen?.id === cand.id ? "selected" : undefined}>
                    <TableCell className="font-mono">{cand.claimNumber}</TableCell>
                    <TableCell>{cand.patientName}</TableCell>
                    <TableCell>{cand.payerName}</TableCell>
                    <TableCell>{usDate(cand.dateOfService)}</TableCell>
                    <TableCell className="text-right tabular-nums">{money(cand.totalChargeCents)}</TableCell>
                    <TableCell>{cand.status.replace(/_/g, " ")}</TableCell>
                    <TableCell className="text-right">
                      <Button size="sm" variant={chosen?.id === cand.id ? "default" : "outline"} onClick={() => choose(cand)}>
                        {chosen?.id === cand.id ? "Chosen" : "Choose"}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )
        ) : null}
        {chosen ? (
          <div className="space-y-3 rounded-md border p-3">
            <h3 className="text-sm font-semibold">Lines of {chosen.claimNumber}</h3>
            {c.lines.map((l) => (
              <div key={l.id} className="flex items-center gap-3 text-sm">
                <span className="w-56 font-mono">
                  835 line {l.position + 1}: {l.code}
                  {l.modifiers.length ? `-${l.modifiers.join("-")}` : ""} ×{l.units}
                </span>
                <NativeSelect
                  aria-label={`Claim line for 835 line ${l.position + 1}`}
                  wrapperClassName="w-96"
                  value={lineMap[l.position] ?? ""}
                  onChange={(e) => setLineMap({ ...lineMap, [l.position]: e.target.value })}
                >
                  <NativeSelectOption value="">Choose the claim line</NativeSelectOption>
                  {chosen.lines.map((x) => (
                    <NativeSelectOption key={x.id} value={x.id}>
                      Line {x.position}: {x.code}
                      {x.modifiers.length ? `-${x.modifiers.join("-")}` : ""} ×{x.units} on {usDate(x.dateOfService)} ({money(x.chargeCents)})
                    </NativeSelectOption>
                  ))}
                </NativeSelect>
              </div>
            ))}
            <div className="flex items-center gap-2">
              <Checkbox id="match-repeat" checked={repeat} onCheckedChange={(v) => setRepeat(v === true)} />
              <Label htmlFor="match-repeat" className="text-sm font-normal">
                Post even though this claim already has a payment (the payer really paid it twice)
              </Label>
            </div>
            <Button
              disabled={!complete || match.isPending}
              onClick={() => match.mutate({ claimPaymentId: c.id, claimId: chosen.id, lines: Object.entries(lineMap).filter(([, v]) => v).map(([k, v]) => ({ position: Number(k), claimLineId: v })), allowRepeatPayment: repeat })}
            >
              Post to {chosen.claimNumber}
            </Button>
            {!complete ? <p className="text-xs text-muted-foreground">Pair every service line with a claim line first.</p> : null}
          </div>
        ) : null}
        <ActionDialog
          trigger={<Button variant="outline">Dismiss…</Button>}
          title="Dismiss this claim payment"
          description="It will not post anywhere. Say why (not our patient, posted by hand elsewhere, …)."
          submitLabel="Dismiss"
          variant="destructive"
          disabled={dismissReason.trim().length < 5}
          onSubmit={() => dismiss.mutateAsync({ claimPaymentId: c.id, reason: dismissReason })}
        >
          <div className="grid gap-2">
            <Label htmlFor="dismiss-reason">Reason</Label>
            <Textarea id="dismiss-reason" rows={2} value={dismissReason} onChange={(e) => setDismissReason(e.target.value)} />
          </div>
        </ActionDialog>
      </CardContent>
    </Card>
  );
}
