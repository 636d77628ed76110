"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Calculator, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { usDate } from "@/components/patients/format";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import type { TRequestDetail, TUpdateRequestInput } from "@/server/api/routers/prior-auths/schemas";
import { ECOG_SCORES, PA_CHANNEL_LABELS, PA_CHANNELS, TREATMENT_INTENTS, type PaChannel, type TreatmentIntent } from "@/server/domain/prior-auth/codes";
import { fieldErrorsOf } from "./field-errors";

const INTENT_LABELS: Record<TreatmentIntent, string> = { curative: "Curative", consolidation: "Consolidation", adjuvant: "Adjuvant / perioperative", palliative: "Palliative" };
const ECOG_LABELS: Record<string, string> = {
  "0": "0 — fully active",
  "1": "1 — restricted in strenuous activity",
  "2": "2 — ambulatory, up > 50% of the day",
  "3": "3 — limited self-care",
  "4": "4 — completely disabled",
};

type Form = {
  requestedLines: { hcpcs: string; ndc: string; units: string; doses: string }[];
  startDate: string;
  endDate: string;
  indicationId: string;
  diagnoses: string;
  orderingProviderId: string;
  locationId: string;
  stage: string;
  biomarkers: { name: string; result: string }[];
  priorTherapies: string;
  ecog: string;
  intent: string;
  clinicalNotes: string;
  channel: string;
  payerReference: string;
  payerContact: string;
  notes: string;
};

function formOf(d: TRequestDetail): Form {
  const r = d.request;
  return {
    requestedLines: r.requestedLines.map((l) => ({ hcpcs: l.hcpcs, ndc: l.ndc ?? "", units: String(l.units), doses: String(l.doses) })),
    startDate: r.startDate,
    endDate: r.endDate,
    indicationId: r.indicationId,
    diagnoses: r.diagnoses.join(", "),
    orderingProviderId: r.orderingProviderId,
    locationId: r.locationId,
    stage: r.clinical.stage ?? "",
    biomarkers: r.clinical.biomarkers,
    priorTherapies: r.clinical.priorTherapies ?? "",
    ecog: r.clinical.ecog ?? "",
    intent: r.clinical.intent ?? "",
    clinicalNotes: r.clinical.notes ?? "",
    channel: r.channel ?? "",
    payerReference: r.payerReference ?? "",
    payerContact: r.payerContact ?? "",
    notes: r.notes ?? "",
  };
}

const blank = (v: string) => (v.trim() ? v.trim() : null);
const int = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN);

function Field({ id, label, error, hint, children, className }: { id: string; label: string; error?: string | undefined; hint?: React.ReactNode; children: React.ReactNode; className?: string }) {
  return (
    <div className={`grid content-start gap-1 ${className ?? ""}`}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
      {error ? (
        <p className="text-xs text-destructive" role="alert" data-field-error={id}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The request form: what is asked (units per drug code over the dates, computed from the order's
 * calendar at today's dose, editable), the clinical summary, the indication and diagnoses, provider
 * and site, how it goes to the payer. Editable while the request is needed or drafting; once sent,
 * units and dates are locked and the rest (references, contact, notes, clinical summary) can still be kept.
 */
export function RequestForm({ detail, onSaved }: { detail: TRequestDetail; onSaved: () => void }) {
  const trpc = useTRPC();
  const [f, setF] = useState<Form>(() => formOf(detail));
  const [seen, setSeen] = useState(detail.request.revision);
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (seen !== detail.request.revision) {
    setSeen(detail.request.revision);
    setF(formOf(detail));
  }
  const reference = useQuery(trpc.orders.reference.queryOptions());
  const editable = detail.actions.edit;
  const sent = !["needed", "drafting"].includes(detail.request.status);
  const lockAsk = !editable || sent;
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }));
  const save = useMutation(
    trpc.priorAuths.update.mutationOptions({
      onSuccess: (r) => {
        setErrors({});
        toast({ title: "Request saved", description: r.status === "drafting" && detail.request.status === "needed" ? "The request is now being drafted." : undefined, variant: "success" });
        onSaved();
      },
      onError: (e) => {
        setErrors(fieldErrorsOf(e));
        toast({ title: "Could not save the request", description: e.message, variant: "destructive" });
      },
    }),
  );

  const recompute = () => {
    setF((x) => ({
      ...x,
      requestedLines: x.requestedLines.map((l) => {
        const doses = (detail.plannedDoses.find((p) => p.hcpcs === l.hcpcs)?.doses ?? []).filter((d) => d.date >= x.startDate && d.date <= x.endDate);
        return { ...l, units: String(doses.reduce((n, d) => n + d.units, 0)), doses: String(doses.length) };
      }),
    }));
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const input: TUpdateRequestInput = {
      id: detail.request.id,
      revision: detail.request.revision,
      requestedLines: f.requestedLines.map((l) => ({ hcpcs: l.hcpcs, ndc: blank(l.ndc), units: int(l.units), doses: int(l.doses) })),
      startDate: f.startDate,
      endDate: f.endDate,
      clinical: {
        stage: blank(f.stage),
        biomarkers: f.biomarkers.filter((b) => b.name.trim() || b.result.trim()),
        priorTherapies: blank(f.priorTherapies),
        ecog: (f.ecog || null) as TUpdateRequestInput["clinical"]["ecog"],
        intent: (f.intent || null) as TreatmentIntent | null,
        notes: blank(f.clinicalNotes),
      },
      channel: (f.channel || null) as PaChannel | null,
      payerReference: blank(f.payerReference),
      payerContact: blank(f.payerContact),
      notes: blank(f.notes),
      indicationId: f.indicationId,
      diagnoses: f.diagnoses
        .split(/[\s,;]+/)
        .map((s) => s.trim())
        .filter(Boolean),
      orderingProviderId: f.orderingProviderId,
      locationId: f.locationId,
    };
    save.mutate(input);
  };

  const ref = reference.data;
  const planned = detail.plannedDoses.map((p) => ({ hcpcs: p.hcpcs, n: p.doses.length, first: p.doses[0]?.date, last: p.doses.at(-1)?.date }));
  return (
    <form onSubmit={submit} aria-label="Request form" className="space-y-4">
      <Card className="gap-3">
        <CardHeader>
          <CardTitle asHeading="h2">What is requested</CardTitle>
          <CardDescription>
            {detail.order.regimen} · order weight {detail.order.weightKg} kg. Units per infusion are the dose at the current weight in billing units (1 unit of J9173 = 10 mg), with the discarded remainder when the payer is billed for waste.{" "}
            {planned.map((p) => (p.n ? `${p.hcpcs}: ${p.n} infusions planned ${usDate(p.first)}–${usDate(p.last)}.` : `${p.hcpcs}: no infusion planned.`)).join(" ")}
          </CardDescription>
          {!lockAsk ? (
            <CardAction>
              <Button type="button" variant="outline" size="sm" onClick={recompute}>
                <Calculator aria-hidden /> Recompute from the order&apos;s calendar
              </Button>
            </CardAction>
          ) : null}
        </CardHeader>
        <CardContent className="space-y-3">
          <div className="flex gap-3">
            <Field id="pa-start" label="From" error={errors.startDate}>
              <Input id="pa-start" type="date" value={f.startDate} onChange={(e) => set("startDate", e.target.value)} disabled={lockAsk} className="w-40" />
            </Field>
            <Field id="pa-end" label="Through" error={errors.endDate}>
              <Input id="pa-end" type="date" value={f.endDate} onChange={(e) => set("endDate", e.target.value)} disabled={lockAsk} className="w-40" />
            </Field>
          </div>
          <table className="w-full text-sm" aria-label="Requested drugs">
            <thead className="text-left text-xs text-muted-foreground">
              <tr>
                <th className="w-28 py-1 font-medium">HCPCS</th>
                <th className="py-1 font-medium">NDC (11 digits)</th>
                <th className="py-1 font-medium">Units</th>
                <th className="py-1 font-medium">Doses</th>
              </tr>
            </thead>
            <tbody>
              {f.requestedLines.map((l, i) => (
                <tr key={l.hcpcs}>
                  <td className="py-1 font-mono">{l.hcpcs}</td>
                  <td className="py-1 pr-3">
                    <Input aria-label={`NDC for ${l.hcpcs}`} value={l.ndc} onChange={(e) => set("requestedLines", f.requestedLines.map((x, j) => (j === i ? { ...x, ndc: e.target.value } : x)))} disabled={lockAsk} className="w-40 font-mono" />
                    {errors[`requestedLines.${i}.ndc`] ? <p className="text-xs text-destructive">{errors[`requestedLines.${i}.ndc`]}</p> : null}
                  </td>
                  <td className="py-1 pr-3">
                    <Input aria-label={`Units of ${l.hcpcs}`} inputMode="numeric" value={l.units} onChange={(e) => set("requestedLines", f.requestedLines.map((x, j) => (j === i ? { ...x, units: e.target.value } : x)))} disabled={lockAsk} className="w-28 tabular-nums" />
                    {errors[`requestedLines.${i}.units`] ? <p className="text-xs text-destructive">{errors[`requestedLines.${i}.units`]}</p> : null}
                  </td>
                  <td className="py-1">
                    <Input aria-label={`Doses of ${l.hcpcs}`} inputMode="numeric" value={l.doses} onChange={(e) => set("requestedLines", f.requestedLines.map((x, j) => (j === i ? { ...x, doses: e.target.value } : x)))} disabled={lockAsk} className="w-24 tabular-nums" />
                    {errors[`requestedLines.${i}.doses`] ? <p className="text-xs text-destructive">{errors[`requestedLines.${i}.doses`]}</p> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {errors.requestedLines ? <p className="text-xs text-destructive">{errors.requestedLines}</p> : null}
          {sent ? <p className="text-xs text-muted-foreground">The request was sent: units and dates are what the payer received.</p> : null}
        </CardContent>
      </Card>

      <Card className="gap-3">
        <CardHeader>
          <CardTitle asHeading="h2">Diagnosis and clinical summary</CardTitle>
          <CardDescription>What the payer&apos;s drug-authorization form asks for.</CardDescription>
        </CardHeader>
        <CardContent className="grid grid-cols-6 gap-3">
          <Field id="pa-indication" label="Indication" error={errors.indicationId} className="col-span-3">
            <NativeSelect id="pa-indication" value={f.indicationId} onChange={(e) => set("indicationId", e.target.value)} disabled={!editable}>
              {(ref?.indications ?? [{ id: f.indicationId, name: detail.order.indicationName }]).map((i) => (
                <NativeSelectOption key={i.id} value={i.id}>
                  {i.name}
                </NativeSelectOption>
              ))}
            </NativeSelect>
          </Field>
          <Field id="pa-dx" label="ICD-10-CM codes" error={errors.diagnoses ?? Object.entries(errors).find(([k]) => k.startsWith("diagnoses."))?.[1]} hint="Separated by commas, e.g. C34.11, C34.31" className="col-span-3">
            <Input id="pa-dx" value={f.diagnoses} onChange={(e) => set("diagnoses", e.target.value)} disabled={!editable} className="font-mono" />
          </Field>
          <Field id="pa-stage" label="Stage" error={errors["clinical.stage"]} className="col-span-2">
            <Input id="pa-stage" value={f.stage} onChange={(e) => set("stage", e.target.value)} disabled={!editable} placeholder="e.g. IIIA, unresectable" />
          </Field>
          <Field id="pa-ecog" label="ECOG performance status" error={errors["clinical.ecog"]} className="col-span-2">
            <NativeSelect id="pa-ecog" value={f.ecog} onChange={(e) => set("ecog", e.target.value)} disabled={!editable}>
              <NativeSelectOption value="">Not given</NativeSelectOption>
              {ECOG_SCORES.map((s) => (
                <NativeSelectOption key={s} value={s}>
                  {ECOG_LABELS[s]}
                </NativeSelectOption>
              ))}
            </NativeSelect>
          </Field>
          <Field id="pa-intent" label="Treatment intent" error={errors["clinical.intent"]} className="col-span-2">
            <NativeSelect id="pa-intent" value={f.intent} onChange={(e) => set("intent", e.target.value)} disabled={!editable}>
              <NativeSelectOption value="">Not given</NativeSelectOption>
              {TREATMENT_INTENTS.map((s) => (
                <NativeSelectOption key={s} value={s}>
                  {INTENT_LABELS[s]}
                </NativeSelectOption>
              ))}
            </NativeSelect>
          </Field>
          <div className="col-span-6 grid gap-1">
            <span className="text-sm font-medium">Biomarkers</span>
            {f.biomarkers.map((b, i) => (
              <div key={i} className="flex items-center gap-2">
                <Input aria-label={`Biomarker ${i + 1} name`} value={b.name} onChange={(e) => set("biomarkers", f.biomarkers.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} disabled={!editable} className="w-40" placeholder="PD-L1" />
                <Input aria-label={`Biomarker ${i + 1} result`} value={b.result} onChange={(e) => set("biomarkers", f.biomarkers.map((x, j) => (j === i ? { ...x, result: e.target.value } : x)))} disabled={!editable} className="flex-1" placeholder="TPS 60% (22C3)" />
                {editable ? (
                  <Button type="button" variant="ghost" size="icon" aria-label={`Remove biomarker ${i + 1}`} onClick={() => set("biomarkers", f.biomarkers.filter((_, j) => j !== i))}>
                    <Trash2 aria-hidden />
                  </Button>
                ) : null}
              </div>
            ))}
            {editable && f.biomarkers.length < 10 ? (
              <div>
                <Button type="button" variant="outline" size="sm" onClick={() => set("biomarkers", [...f.biomarkers, { name: "", result: "" }])}>
                  <Plus aria-hidden /> Add biomarker
                </Button>
              </div>
            ) : null}
            {Object.entries(errors).find(([k]) => k.startsWith("clinical.biomarkers"))?.[1] ? <p className="text-xs text-destructive">{Object.entries(errors).find(([k]) => k.startsWith("clinical.biomarkers"))?.[1]}</p> : null}
          </div>
          <Field id="pa-prior" label="Prior therapies" error={errors["clinical.priorTherapies"]} className="col-span-3">
            <Textarea id="pa-prior" rows={3} value={f.priorTherapies} onChange={(e) => set("priorTherapies", e.target.value)} disabled={!editable} />
          </Field>
          <Field id="pa-clinical-notes" label="Clinical notes" error={errors["clinical.notes"]} className="col-span-3">
            <Textarea id="pa-clinical-notes" rows={3} value={f.clinicalNotes} onChange={(e) => set("clinicalNotes", e.target.value)} disabled={!editable} />
          </Field>
        </CardContent>
      </Card>

      <Card className="gap-3">
        <CardHeader>
          <CardTitle asHeading="h2">Provider, site and payer contact</CardTitle>
        </CardHeader>
        <CardContent className="grid grid-cols-2 gap-3">
          <Field id="pa-provider" label="Ordering provider" error={errors.orderingProviderId}>
            <NativeSelect id="pa-provider" value={f.orderingProviderId} onChange={(e) => set("orderingProviderId", e.target.value)} disabled={!editable}>
              {(ref?.providers ?? []).map((p) => (
                <NativeSelectOption key={p.id} value={p.id}>
                  {p.name} (NPI {p.npi})
                </NativeSelectOption>
              ))}
            </NativeSelect>
          </Field>
          <Field id="pa-site" label="Site" error={errors.locationId}>
            <NativeSelect id="pa-site" value={f.locationId} onChange={(e) => set("locationId", e.target.value)} disabled={!editable}>
              {(ref?.locations ?? []).map((l) => (
                <NativeSelectOption key={l.id} value={l.id}>
                  {l.name} (POS {l.placeOfService})
                </NativeSelectOption>
              ))}
            </NativeSelect>
          </Field>
          <Field id="pa-channel" label="Channel" error={errors.channel}>
            <NativeSelect id="pa-channel" value={f.channel} onChange={(e) => set("channel", e.target.value)} disabled={!editable}>
              <NativeSelectOption value="">Not chosen</NativeSelectOption>
              {PA_CHANNELS.map((c) => (
                <NativeSelectOption key={c} value={c}>
                  {PA_CHANNEL_LABELS[c]}
                </NativeSelectOption>
              ))}
            </NativeSelect>
          </Field>
          <Field id="pa-ref" label="Payer reference number" error={errors.payerReference}>
            <Input id="pa-ref" value={f.payerReference} onChange={(e) => set("payerReference", e.target.value)} disabled={!editable} />
          </Field>
          <Field id="pa-contact" label="Payer contact" error={errors.payerContact}>
            <Input id="pa-contact" value={f.payerContact} onChange={(e) => set("payerContact", e.target.value)} disabled={!editable} placeholder="Name, phone or fax" />
          </Field>
          <Field id="pa-notes" label="Notes" error={errors.notes}>
            <Textarea id="pa-notes" rows={2} value={f.notes} onChange={(e) => set("notes", e.target.value)} disabled={!editable} />
          </Field>
        </CardContent>
      </Card>
      {editable ? (
        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" onClick={() => setF(formOf(detail))} disabled={save.isPending}>
            Discard changes
          </Button>
          <Button type="submit" disabled={save.isPending}>
            Save request
          </Button>
        </div>
      ) : null}
    </form>
  );
}
