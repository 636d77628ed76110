"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, FileDown, Pencil, Printer, RefreshCw } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Fragment, useState } from "react";
import { usDate } from "@/components/patients/format";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";
import type { TClaimDetail, TClaimFinding } from "@/server/api/routers/claims/schemas";
import { formatNdc11 } from "@/server/domain/billing/ndc";
import { describeDaysLeft } from "@/server/domain/claims/filing";
import { CLAIM_FREQUENCY_LABELS, CLAIM_TYPE_LABELS } from "@/server/domain/claims/types";
import { SUBMISSION_CHANNEL_LABELS } from "@/server/domain/workflow/batch";
import { ADJUDICATION_OUTCOME_LABELS, CLAIM_STATE_LABELS } from "@/server/domain/workflow/claim";
import { fixAction, useCan, type FixContext } from "@/components/findings/fix-link";
import { fixPlaceOf } from "@/server/domain/findings/fix-places";
import { ClaimEditDialog } from "./claim-edit-dialog";
import { ClaimFindings, type FixTarget } from "./claim-findings";
import { BatchStatusBadge, ClaimStatusBadge } from "./claim-status-badge";
import { dateTime, daysLeftTone, money } from "./format";
import { ReasonDialog } from "./reason-dialog";

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd
        className="text-sm break-words"
        data-testid={testId}
        title={typeof children === "string" ? children : undefined}
      >
        {children}
      </dd>
    </div>
  );
}

type ReasonAction = "cancel" | "close" | "resubmit" | "replace" | "void";
const REASON_TEXT: Record<
  ReasonAction,
  { title: string; confirm: string; description: string; destructive?: boolean }
> = {
  cancel: {
    title: "Cancel this claim",
    confirm: "Cancel the claim",
    description: "The claim will never be sent; its infusions become free to bill again.",
    destructive: true,
  },
  close: {
    title: "Close this claim",
    confirm: "Close the claim",
    description:
      "Nothing more will be done on this claim (for example a rejection that will not be re-sent).",
  },
  resubmit: {
    title: "Fix and resubmit this rejected claim",
    confirm: "Create the resubmission",
    description:
      "The payer never accepted this claim, so the fixed claim goes out as a new original (frequency 1), without a payer claim number. A new draft is copied from this one and linked to it: fix what was rejected, mark it ready and batch it. This claim then shows it was resubmitted.",
  },
  replace: {
    title: "Send a replacement claim (frequency 7)",
    confirm: "Create the replacement",
    description:
      "A new draft claim, copied from this one and linked to it, carrying the payer's claim number. Edit it, mark it ready and batch it; this claim then shows it was replaced.",
  },
  void: {
    title: "Void this claim (frequency 8)",
    confirm: "Create the void",
    description:
      "A new claim that cancels this one at the payer, carrying the payer's claim number. Mark it ready and batch it; this claim then shows it was voided.",
    destructive: true,
  },
};

/** Finding topics fixed in the infusion's documentation, and those fixed in the claim's own fields (a draft). */
const DOCUMENTATION_TOPICS = new Set(["waste", "vial", "weight", "duration", "administration"]);
const CLAIM_FIELD_TOPICS = new Set(["units", "ndc", "code", "modifier", "diagnosis", "documentation", "frequency", "place-of-service", "auth"]);

/** The reference tables a claim was scrubbed against, in words. */
const REFERENCE_TABLE_LABELS: Record<string, string> = {
  drugs: "Drugs",
  ndcPackages: "NDC packages",
  wrongCodes: "Codes that are not durvalumab",
  icd10Codes: "ICD-10-CM codes",
  indications: "Indications",
  adminCodes: "Administration codes",
  modifiers: "Modifiers",
  placesOfService: "Places of service",
  revenueCodes: "Revenue codes",
  claimFrequencies: "Claim frequency codes",
  adjustmentCodes: "Adjustment reason codes",
  payerProfiles: "Payer profiles",
  aspPrices: "ASP prices",
  denialRules: "Denial rules",
  modifierRules: "Modifier rules",
  emCodes: "Office visit (E/M) codes",
};

/** How a claim that corrects another is named: a fixed rejected claim is resubmitted as an original. */
const CORRECTION_LABELS = {
  original: { badge: "Resubmission (1)", of: "Resubmits rejected claim", by: "resubmission" },
  replacement: { badge: "Replacement (7)", of: "Replaces claim", by: "replacement" },
  void: { badge: "Void (8)", of: "Voids claim", by: "void" },
} as const;

/** The claim page: what is billed and why, what the scrubber found, where it went, what came back. */
export function ClaimDetail({ initial }: { initial: TClaimDetail }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const claimId = initial.claim.id;
  const query = useQuery(trpc.claims.get.queryOptions({ claimId }, { initialData: initial }));
  const d = query.data ?? initial;
  const c = d.claim;
  const can = useCan();
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.claims.get.queryKey({ claimId }) });
  const fail = (title: string) => (e: { message: string }) =>
    toast({ title, description: e.message, variant: "destructive" });
  const done = (title: string, description?: string) => {
    toast({ title, description, variant: "success" });
    void refresh();
  };

  const [editing, setEditing] = useState(false);
  const [overriding, setOverriding] = useState<TClaimFinding | null>(null);
  const [reasonAction, setReasonAction] = useState<ReasonAction | null>(null);
  const [paperOpen, setPaperOpen] = useState(false);

  const update = useMutation(
    trpc.claims.update.mutationOptions({
      onSuccess: (r) => {
        setEditing(false);
        done("Claim saved and re-scrubbed", r.blocked ? "It still has errors to fix." : undefined);
      },
      onError: fail("Could not save the claim"),
    }),
  );
  const rescrub = useMutation(
    trpc.claims.refresh.mutationOptions({
      onSuccess: () => done("Claim re-scrubbed"),
      onError: fail("Could not re-scrub"),
    }),
  );
  const override = useMutation(
    trpc.claims.overrideWarning.mutationOptions({
      onSuccess: () => {
        setOverriding(null);
        done("Warning overridden", "The reason is kept with the claim.");
      },
      onError: fail("Could not override"),
    }),
  );
  const markReady = useMutation(
    trpc.claims.markReady.mutationOptions({
      onSuccess: () => done("Ready to send", "Add it to a batch or send it on paper."),
      onError: fail("Not ready to send"),
    }),
  );
  const reopen = useMutation(
    trpc.claims.reopen.mutationOptions({
      onSuccess: () => done("Reopened for editing"),
      onError: fail("Could not reopen"),
    }),
  );
  const paper = useMutation(
    trpc.claims.submitOnPaper.mutationOptions({
      onSuccess: () => {
        setPaperOpen(false);
        done("Recorded as sent on paper");
      },
      onError: fail("Could not record the paper submission"),
    }),
  );
  const onReasonDone = (title: string) => () => {
    setReasonAction(null);
    done(title);
  };
  const cancel = useMutation(
    trpc.claims.cancel.mutationOptions({
      onSuccess: onReasonDone("Claim cancelled"),
      onError: fail("Could not cancel"),
    }),
  );
  const close = useMutation(
    trpc.claims.close.mutationOptions({
      onSuccess: onReasonDone("Claim closed"),
      onError: fail("Could not close"),
    }),
  );
  const goTo = (title: string) => (r: { id: string; claimNumber: string }) => {
    setReasonAction(null);
    toast({ title, description: `Claim ${r.claimNumber} was created.`, variant: "success" });
    void refresh();
    router.push(`/claims/${r.id}`);
  };
  const resubmission = c.status === "rejected";
  const replace = useMutation(
    trpc.claims.replace.mutationOptions({
      onSuccess: goTo(resubmission ? "Resubmission created" : "Replacement created"),
      onError: fail(resubmission ? "Could not create the resubmission" : "Could not create the replacement"),
    }),
  );
  const voidClaim = useMutation(
    trpc.claims.void.mutationOptions({
      onSuccess: goTo("Void created"),
      onError: fail("Could not create the void"),
    }),
  );
  const billSecondary = useMutation(
    trpc.claims.billSecondary.mutationOptions({
      onSuccess: goTo("Secondary claim created"),
      onError: fail("Could not bill the secondary"),
    }),
  );
  const reasonPending = cancel.isPending || close.isPending || replace.isPending || voidClaim.isPending;

  const a = d.actions;
  // Where each finding is fixed (the one table of fix places): a draft claim's own lines and codes in its
  // edit form; settings (payer, location, fee schedule), the authorization and the infusion's documentation
  // where they live.
  const infusion = d.administrations.find((x) => x.active) ?? d.administrations[0];
  const fixContext: FixContext = {
    administrationId: infusion?.id,
    patientId: d.patient.id,
    payerId: d.payer.id,
    locationId: d.location.id,
    editClaim: a.edit ? () => setEditing(true) : undefined,
  };
  const fixAt = (f: TClaimFinding): FixTarget | null => {
    const place = fixPlaceOf(f);
    const setting = place !== null && ["payer", "location", "fee-schedule", "prior-auth"].includes(place.kind);
    if (a.edit && CLAIM_FIELD_TOPICS.has(f.category) && !setting) return { label: "Edit the claim", onClick: () => setEditing(true) };
    if (place) return fixAction(place, fixContext, can);
    if (DOCUMENTATION_TOPICS.has(f.category) && infusion) return { label: "Open the infusion's documentation", href: `/administrations/${infusion.id}` };
    return null;
  };
  const lineFindings = (pos: number) => d.findings.filter((f) => f.line === pos);
  const claimFindings = d.findings.filter((f) => !f.line || f.line > d.lines.length);
  const letters = "ABCDEFGHIJKL";

  return (
    <div className="space-y-4">
      {/* state, money and the actions the state allows */}
      <div className="flex flex-wrap items-center gap-2" data-testid="claim-actions">
        <ClaimStatusBadge
          status={c.status}
          resubmitted={d.family.corrections.length > 0 && d.family.corrections.every((x) => x.frequency === "original")}
        />
        {c.frequency !== "original" || d.family.original ? (
          <Badge variant="outline" data-testid="claim-frequency">
            {d.family.original ? CORRECTION_LABELS[c.frequency].badge : CLAIM_FREQUENCY_LABELS[c.frequency]}
          </Badge>
        ) : null}
        <span className="text-sm text-muted-foreground">{CLAIM_TYPE_LABELS[c.claimType]}</span>
        <span className="text-sm font-semibold tabular-nums" data-testid="claim-total">
          {money(c.totalChargeCents)}
        </span>
        <div className="ml-auto flex flex-wrap gap-2">
          {a.edit ? (
            <Button variant="outline" size="sm" onClick={() => setEditing(true)}>
              <Pencil aria-hidden /> Edit claim
            </Button>
          ) : null}
          {a.refresh ? (
            <Button
              variant="outline"
              size="sm"
              onClick={() => rescrub.mutate({ claimId })}
              disabled={rescrub.isPending}
            >
              <RefreshCw aria-hidden /> Re-scrub
            </Button>
          ) : null}
          {a.markReady ? (
            <Button
              size="sm"
              onClick={() => markReady.mutate({ claimId })}
              disabled={markReady.isPending || d.blockers.length > 0}
              title={d.blockers.join("; ") || undefined}
            >
              Mark ready to send
            </Button>
          ) : null}
          {a.reopen ? (
            <Button
              variant="outline"
              size="sm"
              onClick={() => reopen.mutate({ claimId })}
              disabled={reopen.isPending}
            >
              Reopen for editing
            </Button>
          ) : null}
          {a.submitOnPaper ? (
            <Button variant="outline" size="sm" onClick={() => setPaperOpen(true)}>
              Send on paper
            </Button>
          ) : null}
          <Button variant="outline" size="sm" asChild>
            <Link href={`/claims/${claimId}/print`} data-testid="claim-print-link">
              <Printer aria-hidden /> Print view
            </Link>
          </Button>
          {a.printCms1500 ? (
            <Button variant="outline" size="sm" asChild>
              <a href={`/api/claims/${claimId}/cms1500`} download data-testid="cms1500-download">
                <FileDown aria-hidden /> CMS-1500 PDF
              </a>
            </Button>
          ) : null}
          {a.replace ? (
            <Button
              variant="outline"
              size="sm"
              onClick={() => setReasonAction(resubmission ? "resubmit" : "replace")}
            >
              {resubmission ? "Fix and resubmit…" : "Replacement claim…"}
            </Button>
          ) : null}
          {a.void ? (
            <Button variant="outline" size="sm" onClick={() => setReasonAction("void")}>
              Void claim…
            </Button>
          ) : null}
          {a.billSecondary ? (
            <Button
              variant="outline"
              size="sm"
              onClick={() => billSecondary.mutate({ claimId })}
              disabled={billSecondary.isPending}
            >
              {a.nextPayer === "tertiary" ? "Bill tertiary" : "Bill secondary"}
            </Button>
          ) : null}
          {a.close ? (
            <Button variant="ghost" size="sm" onClick={() => setReasonAction("close")}>
              Close…
            </Button>
          ) : null}
          {a.cancel ? (
            <Button
              variant="ghost"
              size="sm"
              className="text-destructive"
              onClick={() => setReasonAction("cancel")}
            >
              Cancel claim…
            </Button>
          ) : null}
        </div>
      </div>

      {d.secondary.crossover || d.secondary.claim || d.secondary.primary ? (
        <p className="text-sm text-muted-foreground" data-testid="claim-secondary">
          {d.secondary.crossover ? `${d.secondary.crossover} ` : null}
          {d.secondary.claim ? (
            <>
              {a.nextPayer === "tertiary" ? "Tertiary" : "Secondary"} claim{" "}
              <Link className="underline" href={`/claims/${d.secondary.claim.id}`}>
                {d.secondary.claim.claimNumber}
              </Link>{" "}
              ({d.secondary.claim.status.replace(/_/g, " ")}).
            </>
          ) : null}
          {d.secondary.primary ? (
            <>
              {a.nextPayer === null
                ? "Tertiary claim: carries the primary's and the secondary's payments, the secondary's from claim"
                : "Secondary claim: carries the primary's payment from claim"}{" "}
              <Link className="underline" href={`/claims/${d.secondary.primary.id}`}>
                {d.secondary.primary.claimNumber}
              </Link>
              .
            </>
          ) : null}
        </p>
      ) : null}

      {c.rejection ? (
        <div
          role="status"
          className="rounded-md border border-destructive/50 bg-destructive/5 p-3 text-sm"
          data-testid="claim-rejection"
        >
          <p className="font-medium text-destructive">
            Rejected by{" "}
            {c.rejection.source === "999" ? "the clearinghouse (999)" : "the payer's front end (277CA)"} on{" "}
            {dateTime(c.rejection.at)}
            {c.rejection.segment ? ` · segment ${c.rejection.segment}` : ""}
          </p>
          <ul className="list-disc pl-5">
            {c.rejection.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
          {c.rejection.codes.length ? (
            <p className="text-xs text-muted-foreground">Codes {c.rejection.codes.join(", ")}</p>
          ) : null}
          {c.status === "rejected" ? (
            <p className="mt-1 text-xs">
              Fix and resubmit it as a new original claim (or close it if it will not be sent again).
            </p>
          ) : null}
        </div>
      ) : null}

      {d.blockers.length > 0 ? (
        <div
          className="rounded-md border border-warning/60 bg-warning/10 p-3 text-sm"
          data-testid="claim-blockers"
        >
          <p className="font-medium">Before it can be marked ready:</p>
          <ul className="list-disc pl-5">
            {d.blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 rounded-md border p-3 lg:grid-cols-4">
        <Fact label="Patient">
          <Link href={`/patients/${d.patient.id}`} className="underline-offset-4 hover:underline">
            {d.patient.lastName}, {d.patient.firstName}
          </Link>{" "}
          <span className="font-mono text-xs text-muted-foreground">{d.patient.mrn}</span>
        </Fact>
        <Fact label="Date of birth">{usDate(d.patient.dateOfBirth)}</Fact>
        <Fact label="Service date">{usDate(c.dateOfService)}</Fact>
        <Fact label="Payer" testId="claim-payer">
          {d.payer.name} <span className="text-xs text-muted-foreground">({d.payer.responsibility})</span>
        </Fact>
        <Fact label="Member id">{d.payer.memberId}</Fact>
        <Fact label="Payer id (EDI)">{d.payer.ediPayerId}</Fact>
        <Fact label="Location">
          {d.location.name} · POS {c.placeOfService ?? d.location.placeOfService}
          {c.typeOfBill ? ` · TOB ${c.typeOfBill}` : ""}
        </Fact>
        <Fact label="Rendering provider">
          {d.provider.name} · NPI {d.provider.npi}
        </Fact>
        <Fact label="Billing provider">
          {d.billingProvider.name} · NPI {d.billingProvider.npi}
        </Fact>
        <Fact label="Prior authorization">{c.priorAuthNumber ?? "—"}</Fact>
        <Fact label="Payer claim number" testId="payer-claim-number">
          {c.payerClaimNumber ?? "—"}
        </Fact>
        <Fact label="Filing limit">
          <span
            className={
              ["draft", "ready", "batched", "rejected"].includes(c.status)
                ? daysLeftTone(c.daysLeftToFile)
                : ""
            }
          >
            {usDate(c.filingDeadline)} ({c.filingLimit})
            {["draft", "ready", "batched", "rejected"].includes(c.status)
              ? ` · ${describeDaysLeft(c.daysLeftToFile)}`
              : ""}
          </span>
        </Fact>
        {c.adjudicationOutcome ? (
          <Fact label="Adjudication">
            {ADJUDICATION_OUTCOME_LABELS[c.adjudicationOutcome]} · paid {money(c.paidCents)} · patient{" "}
            {money(c.patientResponsibilityCents)}
          </Fact>
        ) : null}
        {c.submittedAt ? (
          <Fact label="Submitted">
            {dateTime(c.submittedAt)}
            {c.submissionChannel ? ` · ${SUBMISSION_CHANNEL_LABELS[c.submissionChannel]}` : ""}
            {c.submittedByName ? ` · ${c.submittedByName}` : ""}
          </Fact>
        ) : null}
        {c.cancelReason ? <Fact label="Cancelled because">{c.cancelReason}</Fact> : null}
        {c.closeReason ? <Fact label="Closed because">{c.closeReason}</Fact> : null}
        <Fact label="Infusions">
          {d.administrations.map((x, i) => (
            <Fragment key={x.id}>
              {i ? ", " : ""}
              <Link href={`/administrations/${x.id}`} className="underline-offset-4 hover:underline">
                {x.cycleLabel} ({usDate(x.actualDate)})
              </Link>
            </Fragment>
          ))}
        </Fact>
        {d.family.original ? (
          <Fact label={CORRECTION_LABELS[c.frequency].of}>
            <Link
              href={`/claims/${d.family.original.id}`}
              className="font-mono underline-offset-4 hover:underline"
            >
              {d.family.original.claimNumber}
            </Link>{" "}
            ({CLAIM_STATE_LABELS[d.family.original.status]})
          </Fact>
        ) : null}
        {d.family.corrections.length ? (
          <Fact
            label={d.family.corrections.every((x) => x.frequency === "original") ? "Resubmitted as" : "Corrected by"}
            testId="claim-corrections"
          >
            {d.family.corrections.map((x, i) => (
              <Fragment key={x.id}>
                {i ? ", " : ""}
                <Link href={`/claims/${x.id}`} className="font-mono underline-offset-4 hover:underline">
                  {x.claimNumber}
                </Link>{" "}
                ({CORRECTION_LABELS[x.frequency].by}, {CLAIM_STATE_LABELS[x.status].toLowerCase()})
              </Fragment>
            ))}
          </Fact>
        ) : null}
      </dl>

      <div className="grid gap-4 xl:grid-cols-3">
        <Card className="gap-3 py-4 xl:col-span-2">
          <CardHeader className="px-4">
            <CardTitle className="text-base">Lines</CardTitle>
          </CardHeader>
          <CardContent className="space-y-3 px-4">
            <table className="w-full text-sm" data-testid="claim-lines">
              <thead className="text-left text-xs text-muted-foreground">
                <tr>
                  <th className="w-6 py-1 font-normal">#</th>
                  <th className="font-normal">Service</th>
                  <th className="font-normal">Code</th>
                  <th className="font-normal">NDC (24A shaded)</th>
                  <th className="font-normal">Dx</th>
                  <th className="text-right font-normal">Units</th>
                  <th className="text-right font-normal">Charge</th>
                </tr>
              </thead>
              <tbody>
                {d.lines.map((l) => {
                  const fs = lineFindings(l.position);
                  return (
                    <Fragment key={l.position}>
                      <tr className="border-t" data-testid={`claim-line-${l.position}`}>
                        <td className="py-1.5 text-muted-foreground">{l.position}</td>
                        <td className="whitespace-nowrap">{usDate(l.dateOfService)}</td>
                        <td className="whitespace-nowrap font-mono">
                          {l.revenueCode ? (
                            <span className="text-muted-foreground">{l.revenueCode} </span>
                          ) : null}
                          {[l.code, ...l.modifiers].join("-")}
                        </td>
                        <td className="whitespace-nowrap font-mono text-xs">
                          {l.ndc ? `N4${l.ndc.code11} ${l.ndc.unit}${l.ndc.quantity}` : "—"}
                        </td>
                        <td className="whitespace-nowrap">
                          {l.diagnosisPointers.map((p) => letters[p - 1]).join("")}
                        </td>
                        <td className="text-right tabular-nums">{l.units}</td>
                        <td className="text-right tabular-nums">{money(l.chargeCents)}</td>
                      </tr>
                      {l.ndc ? (
                        <tr>
                          <td />
                          <td colSpan={6} className="pb-1 text-xs text-muted-foreground">
                            NDC {formatNdc11(l.ndc.code11)} · line {l.lineControlNumber}
                            {l.priorAuthNumber ? ` · authorization ${l.priorAuthNumber}` : ""}
                          </td>
                        </tr>
                      ) : null}
                      {fs.length ? (
                        <tr>
                          <td />
                          <td colSpan={6} className="pb-2">
                            <ClaimFindings
                              findings={fs}
                              overrides={d.overrides}
                              canOverride={a.overrideWarnings}
                              onOverride={setOverriding}
                              fixAt={fixAt}
                              compact
                            />
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  );
                })}
                <tr className="border-t font-medium">
                  <td colSpan={6} className="py-1.5 text-right">
                    Total charge (CLM02)
                  </td>
                  <td className="text-right tabular-nums">{money(c.totalChargeCents)}</td>
                </tr>
              </tbody>
            </table>
            <div>
              <p className="text-xs text-muted-foreground">Diagnoses</p>
              <ol className="text-sm">
                {c.diagnoses.map((x, i) => (
                  <li key={x.code}>
                    <span className="font-mono">
                      {letters[i]}. {x.code}
                    </span>{" "}
                    {x.description ?? ""}
                  </li>
                ))}
              </ol>
            </div>
            {claimFindings.length ? (
              <div>
                <p className="mb-1 text-xs text-muted-foreground">Findings on the claim</p>
                <ClaimFindings
                  findings={claimFindings}
                  overrides={d.overrides}
                  canOverride={a.overrideWarnings}
                  onOverride={setOverriding}
                  fixAt={fixAt}
                />
              </div>
            ) : d.findings.length === 0 ? (
              <p className="text-sm text-muted-foreground" data-testid="claim-clean">
                The scrubber found nothing on this claim (scrubbed {dateTime(c.scrubbedAt)}).
              </p>
            ) : null}
          </CardContent>
        </Card>

        <Card className="gap-3 py-4">
          <CardHeader className="px-4">
            <CardTitle className="text-base">The arithmetic</CardTitle>
          </CardHeader>
          <CardContent className="px-4">
            <ol className="space-y-1 text-sm" data-testid="claim-arithmetic">
              {d.arithmetic.map((s, i) => (
                <li key={i}>{s.text}</li>
              ))}
            </ol>
            <details className="mt-2 text-xs text-muted-foreground">
              <summary className="cursor-pointer">
                Reference data in force when scrubbed ({Object.keys(c.referenceVersions).length} tables)
              </summary>
              <ul className="mt-1 space-y-0.5">
                {Object.entries(c.referenceVersions).map(([k, v]) => (
                  <li key={k}>
                    {REFERENCE_TABLE_LABELS[k] ?? k}: version <span className="font-mono">{v.split("-")[0]}</span>
                  </li>
                ))}
              </ul>
            </details>
          </CardContent>
        </Card>
      </div>

      <div className="grid gap-4 xl:grid-cols-3">
        <Card className="gap-3 py-4">
          <CardHeader className="px-4">
            <CardTitle className="text-base">837 files</CardTitle>
          </CardHeader>
          <CardContent className="px-4">
            {d.batches.length === 0 ? (
              <p className="text-sm text-muted-foreground">Not in a batch yet.</p>
            ) : (
              <ul className="space-y-2 text-sm" data-testid="claim-batches">
                {d.batches.map((b) => (
                  <li key={b.id} className="flex flex-wrap items-center gap-2">
                    <Link
                      href={`/claims/batches/${b.id}`}
                      className="font-mono underline-offset-4 hover:underline"
                    >
                      ICN {b.interchangeControlNumber}
                    </Link>
                    <BatchStatusBadge status={b.status} />
                    <span className="text-xs text-muted-foreground">
                      GS {b.groupControlNumber} · ST {b.transactionSetControlNumber} ·{" "}
                      {dateTime(b.submittedAt ?? b.createdAt)}
                      {b.ackStatus ? ` · 999 ${b.ackStatus.replace(/_/g, " ")}` : ""}
                    </span>
                    <a
                      href={`/api/claims/batches/${b.id}/file`}
                      className="ml-auto inline-flex items-center gap-1 text-xs underline-offset-4 hover:underline"
                      download
                    >
                      <Download aria-hidden className="size-3" /> {b.fileName}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card className="gap-3 py-4">
          <CardHeader className="px-4">
            <CardTitle className="text-base">Acknowledgments</CardTitle>
          </CardHeader>
          <CardContent className="px-4">
            {d.acknowledgments.length === 0 ? (
              <p className="text-sm text-muted-foreground">No 999 or 277CA about this claim yet.</p>
            ) : (
              <ul className="space-y-2 text-sm" data-testid="claim-acknowledgments">
                {d.acknowledgments.map((x) => (
                  <li key={x.id}>
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge
                        variant={
                          x.status === "rejected"
                            ? "destructive"
                            : x.status === "accepted"
                              ? "success"
                              : "outline"
                        }
                      >
                        {x.kind} {x.status.replace(/_/g, " ")}
                      </Badge>
                      <span className="text-xs text-muted-foreground">
                        {x.fileName} · {dateTime(x.createdAt)}
                      </span>
                    </div>
                    {x.summary.map((s, i) => (
                      <p key={i} className="text-xs">
                        {s}
                      </p>
                    ))}
                    {x.payerClaimNumber ? (
                      <p className="text-xs text-muted-foreground">Payer claim number {x.payerClaimNumber}</p>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card className="gap-3 py-4">
          <CardHeader className="px-4">
            <CardTitle className="text-base">History</CardTitle>
          </CardHeader>
          <CardContent className="px-4">
            <div role="region" aria-label="Claim history" tabIndex={0} className="max-h-72 overflow-y-auto rounded-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
            <ol className="space-y-1.5 text-sm" data-testid="claim-history">
              {d.history.map((h) => (
                <li key={h.id}>
                  <span className="text-xs text-muted-foreground">
                    {dateTime(h.createdAt)}
                    {h.actorName ? ` · ${h.actorName}` : ""}
                  </span>
                  <p>{h.text}</p>
                </li>
              ))}
            </ol>
            </div>
          </CardContent>
        </Card>
      </div>

      {a.edit ? (
        <ClaimEditDialog
          detail={d}
          open={editing}
          onOpenChange={setEditing}
          pending={update.isPending}
          onSave={(input) => update.mutate(input)}
        />
      ) : null}
      <ReasonDialog
        open={overriding !== null}
        onOpenChange={(o) => !o && setOverriding(null)}
        title="Override this warning"
        description={overriding?.message}
        reasonLabel="Why the claim is right as it is"
        confirmLabel="Override the warning"
        pending={override.isPending}
        onConfirm={({ reason }) =>
          overriding &&
          override.mutate({ claimId, rule: overriding.rule, fingerprint: overriding.fingerprint, reason })
        }
      />
      {reasonAction ? (
        <ReasonDialog
          open
          onOpenChange={(o) => !o && setReasonAction(null)}
          title={REASON_TEXT[reasonAction].title}
          description={REASON_TEXT[reasonAction].description}
          confirmLabel={REASON_TEXT[reasonAction].confirm}
          destructive={REASON_TEXT[reasonAction].destructive}
          askPayerClaimNumber={reasonAction === "replace" || reasonAction === "void"}
          defaultPayerClaimNumber={c.payerClaimNumber}
          pending={reasonPending}
          onConfirm={({ reason, payerClaimNumber }) => {
            if (reasonAction === "cancel") cancel.mutate({ claimId, reason });
            else if (reasonAction === "close") close.mutate({ claimId, reason });
            else if (reasonAction === "resubmit") replace.mutate({ claimId, reason });
            else if (reasonAction === "replace") replace.mutate({ claimId, reason, payerClaimNumber });
            else voidClaim.mutate({ claimId, reason, payerClaimNumber });
          }}
        />
      ) : null}
      <ConfirmDialog
        open={paperOpen}
        onOpenChange={setPaperOpen}
        title="Record this claim as sent on paper"
        description="Print the CMS-1500 first. The claim becomes Submitted (channel: paper) and its filing clock is met on today's date."
        confirmLabel="Sent on paper"
        pending={paper.isPending}
        onConfirm={() => {
          paper.mutate({ claimId });
          return false;
        }}
      />
    </div>
  );
}
