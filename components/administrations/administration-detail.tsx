"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, Circle, PlayCircle } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { CloseOutActions, CloseOutcomeNote } from "./close-out-actions";
import { AdministrationStatusBadge } from "@/components/orders/order-status-badge";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import type { TAdministrationDetail, TDocumentationValues, TEvaluatedFinding } from "@/server/api/routers/administrations/schemas";
import { formatNdc11 } from "@/server/domain/billing/ndc";
import { ACQUISITION_LABELS } from "@/server/domain/documentation/codes";
import { NOT_GIVEN_LABELS, NOT_GIVEN_REASONS, type NotGivenReason } from "@/server/domain/workflow/administration";
import { ClaimPreviewCard } from "./claim-preview-card";
import { DocumentationForm } from "./documentation-form";
import { AcknowledgeDialog, FindingsList } from "./findings-list";
import { FixLink, type FixContext } from "@/components/findings/fix-link";
import type { FixPlace } from "@/server/domain/findings/fix-places";
import { formatDate, formatDateTime, phaseLabel } from "@/server/domain/format";
import { FREQUENCY_LABELS } from "@/server/domain/orders/codes";
import { payerPolicyText } from "@/server/domain/practice-setup/codes";


function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function vialText(v: TDocumentationValues["vials"][number], packages: TAdministrationDetail["packages"]) {
  const pkg = packages.find((p) => p.ndc11 === v.ndc11);
  return `${v.count} × ${formatNdc11(v.ndc11)}${pkg ? ` (${pkg.description})` : ""}, lot ${v.lotNumber ?? "—"}, exp. ${formatDate(v.expiryDate)}`;
}

/** The documentation as recorded, for readers and for documentation that is ready for billing. */
export function DocumentationSummary({ values, packages }: { values: TDocumentationValues; packages: TAdministrationDetail["packages"] }) {
  const t = (x: string | null, unit = "") => (x ? `${x}${unit}` : "—");
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="documentation-summary">
      <Fact label="Date given">{formatDate(values.actualDate)}</Fact>
      <Fact label="Weight that day">{t(values.weightKg, " kg")}</Fact>
      <Fact label="Infusion">
        {t(values.infusionStart)} – {t(values.infusionStop)}
      </Fact>
      <Fact label="Nurse">{t(values.nurseName)}</Fact>
      <Fact label="Administered">{t(values.mgAdministered, " mg")}</Fact>
      <Fact label="Discarded">
        {t(values.mgDiscarded, " mg")}
        {values.wasteTime ? ` at ${values.wasteTime}` : ""}
        {values.wasteWitness ? `, witness ${values.wasteWitness}` : ""}
      </Fact>
      <Fact label="Acquired">{ACQUISITION_LABELS[values.acquisition]}</Fact>
      {values.combination ? (
        <Fact label="Combination drug">
          {t(values.combination.mgAdministered, " mg")} ({t(values.combination.infusionStart)} – {t(values.combination.infusionStop)})
        </Fact>
      ) : null}
      <div className="col-span-2 lg:col-span-4">
        <dt className="text-xs text-muted-foreground">Vials</dt>
        <dd className="text-sm">
          {values.vials.length === 0 ? (
            "—"
          ) : (
            <ul className="list-disc pl-5">
              {values.vials.map((v, i) => (
                <li key={i}>{vialText(v, packages)}</li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      {values.notes ? <Fact label="Notes">{values.notes}</Fact> : null}
    </dl>
  );
}

/** Where a missing checklist item is entered: its documentation field, or the patient's coverage. */
function checklistPlace(c: TAdministrationDetail["checklist"][number]): FixPlace {
  return c.key === "coverage" ? { kind: "coverage" } : { kind: "documentation", field: c.field };
}

function ChecklistCard({ detail, fixContext }: { detail: TAdministrationDetail; fixContext: FixContext }) {
  const open = detail.checklist.filter((c) => !c.done).length;
  return (
    <Card>
      <CardHeader>
        <CardTitle asHeading="h2">Checklist for billing</CardTitle>
        <CardDescription>{open === 0 ? "Everything billing needs is documented." : `${open} item${open === 1 ? "" : "s"} still missing.`}</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="space-y-1 text-sm" data-testid="documentation-checklist">
          {detail.checklist.map((c) => (
            <li key={c.key} className="flex gap-2" data-done={c.done} data-key={c.key}>
              {c.done ? <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-success" /> : <Circle aria-hidden className="mt-0.5 size-4 shrink-0 text-muted-foreground" />}
              <span>
                <span className="sr-only">{c.done ? "Done: " : "Missing: "}</span>
                {c.label}
                {c.detail ? <span className="block text-xs text-muted-foreground">{c.detail}</span> : null}
                {!c.done ? (
                  <span className="block text-xs">
                    <FixLink place={checklistPlace(c)} ctx={fixContext} />
                  </span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

function VersionHistory({ detail }: { detail: TAdministrationDetail }) {
  if (detail.versions.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle asHeading="h2">Version history</CardTitle>
        <CardDescription>Amendments add a version; earlier versions are kept as they were.</CardDescription>
      </CardHeader>
      <CardContent>
        <ol className="space-y-4" data-testid="version-history">
          {[...detail.versions].reverse().map((v) => (
            <li key={v.id} className="rounded-md border p-3" data-testid={`version-${v.version}`}>
              <p className="mb-2 text-sm font-medium">
                Version {v.version}
                {v.isCurrent ? " (current)" : ""} · {v.createdByName ?? "unknown"} · {formatDateTime(v.createdAt)}
                {v.revision > 1 && v.updatedAt ? ` · last saved ${formatDateTime(v.updatedAt)}` : ""}
              </p>
              {v.amendmentReason ? <p className="mb-2 text-sm">Amendment reason: “{v.amendmentReason}”</p> : null}
              <DocumentationSummary values={v.values} packages={detail.packages} />
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}

/**
 * One planned infusion: its documentation (form for billers and admins, read-only for others),
 * the engine's suggested vials, the checklist, the claim preview with every finding, the
 * workflow actions the role and the state allow, and the version history.
 */
export function AdministrationDetail({ initial, claimCard, today }: { initial: TAdministrationDetail; /** the infusion's claim (claims area) */ claimCard?: React.ReactNode; today: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const id = initial.administration.id;
  const query = useQuery(trpc.administrations.get.queryOptions({ administrationId: id }, { initialData: initial }));
  const d = query.data;
  const a = d.administration;
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.administrations.get.queryKey({ administrationId: id }) });
  const fail = (title: string) => (e: { message: string }) => toast({ title, description: e.message, variant: "destructive" });

  const [amendReason, setAmendReason] = useState("");
  const [notGiven, setNotGiven] = useState<{ reason: NotGivenReason; note: string }>({ reason: "held_for_toxicity", note: "" });
  const start = useMutation(trpc.administrations.start.mutationOptions({ onSuccess: () => { toast({ title: "Infusion started", variant: "success" }); void refresh(); }, onError: fail("Could not start the infusion") }));
  const ready = useMutation(trpc.administrations.markReady.mutationOptions({ onSuccess: () => { toast({ title: "Ready for billing", variant: "success" }); void refresh(); }, onError: fail("Not ready for billing") }));
  const amend = useMutation(trpc.administrations.amend.mutationOptions({ onSuccess: (r) => { toast({ title: "Amendment started", description: `Version ${r.version} can now be corrected.`, variant: "success" }); setAmendReason(""); void refresh(); }, onError: fail("Could not amend") }));
  const skip = useMutation(trpc.administrations.markNotGiven.mutationOptions({ onSuccess: () => { toast({ title: "Marked not given", variant: "success" }); void refresh(); }, onError: fail("Could not mark not given") }));

  const [ackTarget, setAckTarget] = useState<TEvaluatedFinding | null>(null);
  const canReady = d.actions.markReady && d.blockers.length === 0;
  // What a finding's fix link may point at from this page: the form below, the order, the coverage, the payer, the location.
  const fixContext: FixContext = {
    documentationHere: d.actions.save,
    order: { id: d.order.id, status: d.order.status },
    patientId: d.patient.id,
    coverageId: d.payer?.coverageId ?? null,
    payerId: d.payer?.id ?? null,
    locationId: d.order.locationId,
  };
  const editable = d.actions.save;
  const dose = d.dose;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <span data-testid="administration-status">
          <AdministrationStatusBadge status={a.status} />
        </span>
        {d.documentation ? <span className="text-sm text-muted-foreground">Documentation version {d.documentation.version}</span> : null}
        <div className="ml-auto flex flex-wrap gap-2">
          {d.actions.start ? (
            <Button variant="outline" onClick={() => start.mutate({ administrationId: id })} disabled={start.isPending}>
              <PlayCircle aria-hidden /> Start infusion
            </Button>
          ) : null}
          {d.actions.markNotGiven ? (
            <ConfirmDialog
              trigger={<Button variant="outline">Mark not given</Button>}
              title="Mark this infusion not given?"
              description="It stays on the calendar with the reason; it cannot be documented afterwards."
              confirmLabel="Mark not given"
              variant="destructive"
              confirmDisabled={notGiven.reason === "other" && notGiven.note.trim() === ""}
              onConfirm={async () => {
                await skip.mutateAsync({ administrationId: id, reason: notGiven.reason, note: notGiven.note });
              }}
            >
              <div className="grid gap-2">
                <Label htmlFor="not-given-reason">Reason</Label>
                <NativeSelect id="not-given-reason" value={notGiven.reason} onChange={(e) => setNotGiven({ ...notGiven, reason: e.target.value as NotGivenReason })}>
                  {NOT_GIVEN_REASONS.map((r) => (
                    <NativeSelectOption key={r} value={r}>
                      {NOT_GIVEN_LABELS[r]}
                    </NativeSelectOption>
                  ))}
                </NativeSelect>
                <Label htmlFor="not-given-note">Note</Label>
                <Textarea id="not-given-note" rows={2} value={notGiven.note} onChange={(e) => setNotGiven({ ...notGiven, note: e.target.value })} />
              </div>
            </ConfirmDialog>
          ) : null}
          {d.actions.markReady ? (
            <Button onClick={() => ready.mutate({ administrationId: id })} disabled={!canReady || ready.isPending} aria-describedby={canReady ? undefined : "ready-blockers"}>
              Mark ready for billing
            </Button>
          ) : null}
          <CloseOutActions detail={d} onChanged={() => void refresh()} />
          {d.actions.amend ? (
            <ConfirmDialog
              trigger={<Button variant="outline">Amend</Button>}
              title="Amend the documentation?"
              description="A new version is created from the current one; the original is kept unchanged. The administration goes back to documented and its findings are checked again."
              confirmLabel="Amend"
              confirmDisabled={amendReason.trim().length < 5}
              onConfirm={async () => {
                await amend.mutateAsync({ administrationId: id, baseRevision: d.revision, reason: amendReason });
              }}
            >
              <div className="grid gap-2">
                <Label htmlFor="amend-reason">Reason for the amendment</Label>
                <Textarea id="amend-reason" rows={2} value={amendReason} onChange={(e) => setAmendReason(e.target.value)} />
              </div>
            </ConfirmDialog>
          ) : null}
        </div>
      </div>
      <CloseOutcomeNote detail={d} />
      {d.actions.markReady && d.blockers.length > 0 ? (
        <ul id="ready-blockers" className="list-disc pl-5 text-sm text-muted-foreground" data-testid="ready-blockers">
          {d.blockers.map((b) => (
            <li key={b}>Not ready for billing: {b}</li>
          ))}
        </ul>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle asHeading="h2">
            Infusion {a.sequence} · C{a.cycle}D{a.day}
          </CardTitle>
          <CardDescription>{d.order.indicationName}</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <Fact label="Patient">
              <Link className="underline-offset-4 hover:underline" href={`/patients/${d.patient.id}`}>
                {d.patient.lastName}, {d.patient.firstName}
              </Link>{" "}
              <span className="font-mono text-xs">MRN {d.patient.mrn}</span>
            </Fact>
            <Fact label="Order">
              <Link className="underline-offset-4 hover:underline" href={`/orders/${d.order.id}`}>
                {phaseLabel(d.order.phase.name)}: {d.order.phase.doseKind === "fixed" ? `${d.order.phase.doseAmount} mg` : `${d.order.phase.doseAmount} mg/kg`} {((FREQUENCY_LABELS as Record<string, string>)[d.order.phase.frequency] ?? d.order.phase.frequency).toLowerCase()}
              </Link>
            </Fact>
            <Fact label="Planned date">
              {formatDate(a.plannedDate)}
              {a.plannedDate !== a.originalPlannedDate ? <span className="block text-xs text-muted-foreground">was {formatDate(a.originalPlannedDate)}</span> : null}
            </Fact>
            <Fact label="Dose today" testId="dose-today">
              {dose.basis}
            </Fact>
            <Fact label="Diagnoses">{d.order.diagnoses.join(", ")}</Fact>
            <Fact label="Location">
              {d.order.locationName} (POS {d.order.placeOfService})
            </Fact>
            <Fact label="Primary payer">{d.payer ? `${d.payer.name} · ${payerPolicyText(d.payer.wasteModifiers, d.payer.ndc)}${d.payer.priorAuthRequired ? " · prior authorization required" : ""}` : "None in force"}</Fact>
            {a.notGivenReason ? (
              <Fact label="Not given">
                {NOT_GIVEN_LABELS[a.notGivenReason]}
                {a.notGivenNote ? `: ${a.notGivenNote}` : ""}
              </Fact>
            ) : null}
          </dl>
          {dose.note ? <p className="mt-3 text-sm">{dose.note}</p> : null}
        </CardContent>
      </Card>

      <div className="grid gap-6 xl:grid-cols-[2fr_1fr]">
        <div className="space-y-6">
          {editable ? (
            <DocumentationForm key={d.documentation?.version ?? 0} detail={d} today={today} onSaved={() => void refresh()} />
          ) : d.documentation ? (
            <Card>
              <CardHeader>
                <CardTitle asHeading="h2">Infusion documentation</CardTitle>
                <CardDescription>{a.status === "ready_for_billing" && d.actions.amend ? "Ready for billing: changes need an amendment." : "Read-only."}</CardDescription>
              </CardHeader>
              <CardContent>
                <DocumentationSummary values={d.documentation.values} packages={d.packages} />
              </CardContent>
            </Card>
          ) : (
            <Card>
              <CardHeader>
                <CardTitle asHeading="h2">Infusion documentation</CardTitle>
                <CardDescription>Not documented yet.</CardDescription>
              </CardHeader>
            </Card>
          )}
          <ClaimPreviewCard
            detail={d}
            renderFindings={(findings, underLine) => (
              <FindingsList findings={findings} acknowledgments={d.acknowledgments} canAcknowledge={d.actions.acknowledge} onAcknowledge={setAckTarget} fixContext={fixContext} compact={underLine} />
            )}
          />
          <AcknowledgeDialog administrationId={id} finding={ackTarget} onClose={() => setAckTarget(null)} onDone={() => void refresh()} />
        </div>
        <div className="space-y-6">
          {claimCard}
          <ChecklistCard detail={d} fixContext={fixContext} />
          <Card>
            <CardHeader>
              <CardTitle asHeading="h2">Suggested vials</CardTitle>
              <CardDescription>The least-waste combination for the dose (ties: fewest vials).</CardDescription>
            </CardHeader>
            <CardContent className="space-y-3 text-sm" data-testid="vial-comparison">
              {d.suggestedVials.length === 0 ? <p className="text-muted-foreground">Enter the weight to compute the dose.</p> : null}
              {d.suggestedVials.map((sv) => (
                <div key={sv.drug}>
                  <p className="font-medium">
                    {sv.drug} {sv.forMg} mg: {sv.text}
                  </p>
                  <p className="text-muted-foreground">
                    {sv.totalMg} mg, {sv.totalUnits} units
                  </p>
                </div>
              ))}
              {d.documentation && d.documentation.values.vials.length > 0 ? (
                <div>
                  <p className="font-medium">Opened</p>
                  <ul className="list-disc pl-5 text-muted-foreground">
                    {d.documentation.values.vials.map((v, i) => (
                      <li key={i}>{vialText(v, d.packages)}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {d.findings
                .filter((f) => f.rule === "R-VIAL" && f.severity === "warning")
                .map((f) => (
                  <p key={f.fingerprint} className="rounded-md border border-warning/50 bg-warning/10 p-2" data-testid="vial-choice-warning">
                    {f.message}
                  </p>
                ))}
            </CardContent>
          </Card>
        </div>
      </div>
      <VersionHistory detail={d} />
    </div>
  );
}
