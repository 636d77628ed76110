"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2, Wand2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { useFieldArray, useForm, useWatch, type Path } from "react-hook-form";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { InputField, SelectField } from "@/components/ui/form-fields";
import { Label } from "@/components/ui/label";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { useUnsavedChangesWarning } from "@/components/ui/use-unsaved-changes";
import {
  ZCreateOrder,
  type TCheckOrder,
  type TLabelRegimen,
  type TOrderReference,
} from "@/server/api/routers/orders/schemas";
import { DOSE_KIND_LABELS, DOSE_KINDS, FREQUENCY_LABELS, ORDER_FREQUENCIES } from "@/server/domain/orders/codes";
import { describeDose, weightBandOf } from "@/server/domain/orders/dose";
import { findingsFor, OrderFindings } from "./order-findings";
import { EMPTY_PHASE, toOrderInput, type OrderFormValues } from "./order-form-values";

function toCheckInput(v: OrderFormValues): TCheckOrder {
  const i = toOrderInput(v);
  return {
    indicationId: i.indicationId || undefined,
    diagnoses: i.diagnoses.slice(0, 20).map((d) => d.slice(0, 12)),
    weightKg: i.weightKg || undefined,
    startDate: i.startDate || undefined,
    phases: i.phases.map((p) => ({ ...p, name: p.name.slice(0, 40) || "treatment", doseAmount: p.doseAmount.slice(0, 12), cycles: p.cycles !== null && p.cycles >= 1 && p.cycles <= 100 ? p.cycles : null })),
    durationMonths: i.durationMonths !== null && i.durationMonths >= 1 && i.durationMonths <= 60 ? i.durationMonths : null,
    combination: i.combination ? { ...i.combination, doseAmount: i.combination.doseAmount.slice(0, 12), withAdministrations: i.combination.withAdministrations.filter((n) => n >= 1 && n <= 200).slice(0, 20) } : null,
  };
}

/** Server / schema field names → the form's field names. */
const DOSE_KIND_OPTIONS = DOSE_KINDS.map((k) => [k, DOSE_KIND_LABELS[k]] as const);

function formField(field: string): Path<OrderFormValues> {
  if (field.startsWith("diagnoses")) return "diagnosesText";
  if (field.startsWith("combination.")) return field as Path<OrderFormValues>;
  if (field === "combination") return "combination.drug";
  return field as Path<OrderFormValues>;
}

function applyRegimen(r: TLabelRegimen) {
  return {
    phases: r.phases.map((p) => ({ name: p.name, doseKind: p.doseKind, doseAmount: p.doseAmount, frequency: p.frequency, cycles: p.cycles === null ? "" : String(p.cycles) })),
    durationMonths: r.durationMonths === null ? "" : String(r.durationMonths),
    hasCombination: r.combination !== null,
    combination: r.combination
      ? { drug: r.combination.drug, doseKind: r.combination.doseKind, doseAmount: r.combination.doseAmount, withAdministrations: r.combination.withAdministrations.join(", ") }
      : { drug: "tremelimumab" as const, doseKind: "fixed" as const, doseAmount: "", withAdministrations: "1" },
  };
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ms]);
  return v;
}

/**
 * New or draft order. The label's regimen for the chosen indication and weight is offered as the
 * default; the server's checks (30 kg rule, label duration, withdrawn indication, diagnoses) run as
 * the order is entered and show next to the fields they concern.
 */
export function OrderForm({
  reference,
  initial,
  orderId,
  version,
  patientName,
  today,
}: {
  reference: TOrderReference;
  initial?: Partial<OrderFormValues>;
  /** set when editing a draft */
  orderId?: string;
  version?: number;
  /** shown instead of the patient search when the patient is fixed */
  patientName?: string;
  today: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const form = useForm<OrderFormValues>({
    defaultValues: {
      patientId: "",
      indicationId: "",
      diagnosesText: "",
      weightKg: "",
      startDate: today,
      orderingProviderId: reference.providers.length === 1 ? reference.providers[0]!.id : "",
      locationId: reference.locations.length === 1 ? reference.locations[0]!.id : "",
      durationMonths: "",
      phases: [EMPTY_PHASE],
      hasCombination: false,
      combination: { drug: "tremelimumab", doseKind: "fixed", doseAmount: "", withAdministrations: "1" },
      notes: "",
      ...initial,
    },
  });
  const phases = useFieldArray({ control: form.control, name: "phases" });
  const values = useWatch({ control: form.control }) as OrderFormValues;
  const checkInput = useDebounced(toCheckInput(values), 350);
  const checks = useQuery(trpc.orders.check.queryOptions(checkInput, { placeholderData: keepPreviousData }));
  const findings = checks.data?.findings;

  const [patientSearch, setPatientSearch] = useState("");
  const debouncedSearch = useDebounced(patientSearch, 300);
  const patientQuery = useQuery(
    trpc.patients.list.queryOptions({ q: debouncedSearch || undefined, pageSize: 25, page: 1, sort: "name", dir: "asc" }, { enabled: !patientName, placeholderData: keepPreviousData }),
  );

  const indication = reference.indications.find((i) => i.id === values.indicationId);
  const band = indication ? (weightBandOf(values.weightKg ?? "", indication.weightThresholdKg) ?? "at_or_above") : "at_or_above";
  const labelRegimen = indication?.regimens[band];

  const onIndicationChange = (id: string) => {
    form.setValue("indicationId", id, { shouldDirty: true });
    const ind = reference.indications.find((i) => i.id === id);
    if (!ind) return;
    const b = weightBandOf(form.getValues("weightKg"), ind.weightThresholdKg) ?? "at_or_above";
    const r = ind.regimens[b];
    if (r.phases.length > 0) {
      const next = applyRegimen(r);
      form.setValue("phases", next.phases, { shouldDirty: true });
      form.setValue("durationMonths", next.durationMonths, { shouldDirty: true });
      form.setValue("hasCombination", next.hasCombination, { shouldDirty: true });
      form.setValue("combination", next.combination, { shouldDirty: true });
    }
  };
  const applyLabelRegimen = () => {
    if (!labelRegimen) return;
    const next = applyRegimen(labelRegimen);
    form.setValue("phases", next.phases, { shouldDirty: true });
    form.setValue("durationMonths", next.durationMonths, { shouldDirty: true });
    form.setValue("hasCombination", next.hasCombination, { shouldDirty: true });
    form.setValue("combination", next.combination, { shouldDirty: true });
  };

  const setErrors = (fieldErrors: Record<string, string>) => {
    let first = true;
    for (const [field, message] of Object.entries(fieldErrors)) {
      form.setError(formField(field), { type: "server", message }, { shouldFocus: first });
      first = false;
    }
  };
  const onServerError = (title: string) => (e: { message: string; data?: { field?: string | null; zodError?: { fieldErrors: Record<string, string[] | undefined> } | null } | null }) => {
    const errs: Record<string, string> = {};
    for (const [k, v] of Object.entries(e.data?.zodError?.fieldErrors ?? {})) if (v?.[0]) errs[k] = v[0];
    if (e.data?.field && !errs[e.data.field]) errs[e.data.field] = e.message;
    if (Object.keys(errs).length > 0) setErrors(errs);
    else toast({ title, description: e.message, variant: "destructive" });
  };

  const create = useMutation(
    trpc.orders.create.mutationOptions({
      onSuccess: (o) => {
        toast({ title: "Draft order saved", description: "Review the checks and sign it.", variant: "success" });
        router.push(`/orders/${o.id}`);
      },
      onError: onServerError("Could not save the order"),
    }),
  );
  const update = useMutation(
    trpc.orders.update.mutationOptions({
      onSuccess: (o) => {
        toast({ title: "Draft order updated", variant: "success" });
        // The order page reads the order through this cache: drop the copy from before the edit.
        queryClient.removeQueries({ queryKey: trpc.orders.get.queryKey({ orderId: o.id }) });
        router.push(`/orders/${o.id}`);
        router.refresh();
      },
      onError: onServerError("Could not update the order"),
    }),
  );

  const onSubmit = form.handleSubmit((v) => {
    form.clearErrors();
    const parsed = ZCreateOrder.safeParse(toOrderInput(v));
    if (!parsed.success) {
      const errs: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const k = issue.path.join(".") || "patientId";
        if (!errs[k]) errs[k] = issue.message;
      }
      setErrors(errs);
      return;
    }
    if (orderId && version !== undefined) {
      const { patientId: _p, ...fields } = parsed.data;
      update.mutate({ ...fields, orderId, version });
    } else {
      create.mutate(parsed.data);
    }
  });

  const pending = create.isPending || update.isPending;
  // After a successful save the page navigates away with the form still "dirty": no warning then.
  const confirmLeave = useUnsavedChangesWarning(form.formState.isDirty && !pending && !create.isSuccess && !update.isSuccess);
  const calendar = checks.data?.calendar;
  const doses = checks.data?.phaseDosesMg ?? [];

  const icdOptions = useMemo(() => reference.icd10.map((c) => <option key={c.code} value={c.code}>{c.description}</option>), [reference.icd10]);

  return (
    <Form {...form}>
      <form onSubmit={onSubmit} noValidate className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-6">
          <Card>
            <CardHeader>
              <CardTitle asHeading="h2">Patient and indication</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4 md:grid-cols-2">
              {patientName ? (
                <div className="grid gap-2 md:col-span-2">
                  <Label>Patient</Label>
                  <p className="text-sm font-medium">{patientName}</p>
                </div>
              ) : (
                <>
                  <div className="grid gap-2">
                    <Label htmlFor="patient-search">Find patient</Label>
                    <Input id="patient-search" value={patientSearch} onChange={(e) => setPatientSearch(e.target.value)} placeholder="Name or MRN" autoComplete="off" />
                  </div>
                  <FormField
                    control={form.control}
                    name="patientId"
                    render={({ field }) => (
                      <FormItem>
                        <FormLabel>Patient</FormLabel>
                        <FormControl>
                          <NativeSelect {...field}>
                            <NativeSelectOption value="">Choose a patient…</NativeSelectOption>
                            {(patientQuery.data?.items ?? []).map((p) => (
                              <NativeSelectOption key={p.id} value={p.id}>
                                {p.lastName}, {p.firstName} — MRN {p.mrn}
                              </NativeSelectOption>
                            ))}
                          </NativeSelect>
                        </FormControl>
                        <FormMessage />
                      </FormItem>
                    )}
                  />
                </>
              )}
              <FormField
                control={form.control}
                name="indicationId"
                render={({ field }) => (
                  <FormItem className="md:col-span-2">
                    <FormLabel>Indication</FormLabel>
                    <FormControl>
                      <NativeSelect {...field} onChange={(e) => onIndicationChange(e.target.value)}>
                        <NativeSelectOption value="">Choose the indication…</NativeSelectOption>
                        {reference.indications.map((i) => (
                          <NativeSelectOption key={i.id} value={i.id}>
                            {i.name}
                            {i.status === "withdrawn" ? ` (withdrawn ${i.withdrawnDate})` : i.status === "compendia" ? " (off-label)" : ""}
                          </NativeSelectOption>
                        ))}
                      </NativeSelect>
                    </FormControl>
                    {indication ? (
                      <FormDescription>
                        {indication.maxDurationMonths ? `Label maximum ${indication.maxDurationMonths} months. ` : ""}
                        ICD-10-CM: {indication.icd10Prefixes.join(", ") || "any (compendia)"}.
                      </FormDescription>
                    ) : null}
                    <FormMessage />
                    <OrderFindings findings={findingsFor(findings, "indicationId")} />
                  </FormItem>
                )}
              />
              <FormField
                control={form.control}
                name="diagnosesText"
                render={({ field }) => (
                  <FormItem className="md:col-span-2">
                    <FormLabel>Diagnoses (ICD-10-CM)</FormLabel>
                    <FormControl>
                      <Input {...field} list="icd10-codes" placeholder="C34.11" autoComplete="off" />
                    </FormControl>
                    <datalist id="icd10-codes">{icdOptions}</datalist>
                    <FormDescription>Principal diagnosis first; separate codes with commas (at most 12).</FormDescription>
                    <FormMessage />
                    <OrderFindings findings={findingsFor(findings, "diagnoses")} />
                  </FormItem>
                )}
              />
              <FormField
                control={form.control}
                name="weightKg"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Weight at order (kg)</FormLabel>
                    <FormControl>
                      <Input {...field} inputMode="decimal" autoComplete="off" placeholder="67.3" />
                    </FormControl>
                    {indication ? (
                      <FormDescription>
                        {band === "below" ? "Below" : "At or above"} {indication.weightThresholdKg} kg: the label&apos;s {band === "below" ? "weight-based" : "fixed or weight-based"} dose applies.
                      </FormDescription>
                    ) : null}
                    <FormMessage />
                    <OrderFindings findings={findingsFor(findings, "weightKg")} />
                  </FormItem>
                )}
              />
              <InputField control={form.control} name="startDate" label="Start date" type="date" />
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle asHeading="h2">Regimen</CardTitle>
              <CardDescription>
                {labelRegimen && labelRegimen.phases.length > 0
                  ? `Label regimen at this weight: ${labelRegimen.options.map((opts) => opts.map((o) => `${describeDose(o.doseKind, o.doseAmount)} ${o.frequency}${o.maxCycles ? ` ×${o.maxCycles}` : ""}`).join(" or ")).join(", then ")}.`
                  : "Choose an indication to see the label's regimen."}
              </CardDescription>
            </CardHeader>
            <CardContent className="space-y-4">
              {labelRegimen && labelRegimen.phases.length > 0 ? (
                <Button type="button" variant="outline" size="sm" onClick={applyLabelRegimen}>
                  <Wand2 aria-hidden /> Use the label regimen
                </Button>
              ) : null}
              {phases.fields.map((ph, i) => (
                <fieldset key={ph.id} className="grid gap-3 rounded-md border p-3 md:grid-cols-5" aria-label={`Phase ${i + 1}`}>
                  <legend className="px-1 text-sm font-medium">{i === 0 ? "Phase 1" : "Then, phase 2"}</legend>
                  <InputField control={form.control} name={`phases.${i}.name`} label="Phase" autoComplete="off" />
                  <SelectField control={form.control} name={`phases.${i}.doseKind`} label="Dose type" options={DOSE_KIND_OPTIONS} />
                  <FormField
                    control={form.control}
                    name={`phases.${i}.doseAmount`}
                    render={({ field }) => (
                      <FormItem>
                        <FormLabel>{values.phases?.[i]?.doseKind === "per_kg" ? "Dose (mg/kg)" : "Dose (mg)"}</FormLabel>
                        <FormControl>
                          <Input {...field} inputMode="decimal" autoComplete="off" />
                        </FormControl>
                        {doses[i] ? <FormDescription data-testid={`phase-${i}-dose`}>{doses[i]} mg per infusion</FormDescription> : null}
                        <FormMessage />
                      </FormItem>
                    )}
                  />
                  <FormField
                    control={form.control}
                    name={`phases.${i}.frequency`}
                    render={({ field }) => (
                      <FormItem>
                        <FormLabel>Frequency</FormLabel>
                        <FormControl>
                          <NativeSelect {...field}>
                            {ORDER_FREQUENCIES.map((f) => (
                              <NativeSelectOption key={f} value={f}>
                                {FREQUENCY_LABELS[f]}
                              </NativeSelectOption>
                            ))}
                          </NativeSelect>
                        </FormControl>
                        <FormMessage />
                      </FormItem>
                    )}
                  />
                  <InputField control={form.control} name={`phases.${i}.cycles`} label="Cycles" inputMode="numeric" autoComplete="off" placeholder={i === phases.fields.length - 1 ? "open" : ""} />
                  <div className="md:col-span-5">
                    <OrderFindings findings={findingsFor(findings, `phases.${i}`)} />
                  </div>
                  {i > 0 ? (
                    <div className="md:col-span-5">
                      <Button type="button" variant="ghost" size="sm" onClick={() => phases.remove(i)}>
                        <Trash2 aria-hidden /> Remove phase {i + 1}
                      </Button>
                    </div>
                  ) : null}
                </fieldset>
              ))}
              {phases.fields.length < 2 ? (
                <Button type="button" variant="outline" size="sm" onClick={() => phases.append({ ...EMPTY_PHASE, name: "maintenance" })}>
                  <Plus aria-hidden /> Add a second phase
                </Button>
              ) : null}
              <FormField
                control={form.control}
                name="durationMonths"
                render={({ field }) => (
                  <FormItem className="max-w-xs">
                    <FormLabel>Duration (months)</FormLabel>
                    <FormControl>
                      <Input {...field} inputMode="numeric" autoComplete="off" />
                    </FormControl>
                    <FormDescription>Leave empty when the cycles end the treatment.</FormDescription>
                    <FormMessage />
                    <OrderFindings findings={findingsFor(findings, "durationMonths")} />
                  </FormItem>
                )}
              />
              {indication?.combinationDrug || values.hasCombination ? (
                <div className="space-y-3 rounded-md border p-3">
                  <FormField
                    control={form.control}
                    name="hasCombination"
                    render={({ field }) => (
                      <FormItem className="flex items-center gap-2">
                        <FormControl>
                          <Checkbox checked={field.value} onCheckedChange={(c) => field.onChange(c === true)} />
                        </FormControl>
                        <FormLabel className="!mt-0">With {indication?.combinationDrug ?? "tremelimumab"}</FormLabel>
                      </FormItem>
                    )}
                  />
                  {values.hasCombination ? (
                    <div className="grid gap-3 md:grid-cols-3">
                      <SelectField control={form.control} name="combination.doseKind" label="Dose type" options={DOSE_KIND_OPTIONS} />
                      <InputField control={form.control} name="combination.doseAmount" label="Combination dose" inputMode="decimal" autoComplete="off" />
                      <InputField control={form.control} name="combination.withAdministrations" label="With infusions" autoComplete="off" placeholder="1, 2, 3, 4, 6" />
                    </div>
                  ) : null}
                  <OrderFindings findings={findingsFor(findings, "combination")} />
                </div>
              ) : null}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle asHeading="h2">Provider and location</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4 md:grid-cols-2">
              <SelectField
                control={form.control}
                name="orderingProviderId"
                label="Ordering provider"
                options={[["", "Choose…"], ...reference.providers.map((p) => [p.id, `${p.name} (NPI ${p.npi})`] as const)]}
              />
              <SelectField
                control={form.control}
                name="locationId"
                label="Location"
                options={[["", "Choose…"], ...reference.locations.map((l) => [l.id, `${l.name} (POS ${l.placeOfService})`] as const)]}
              />
              <FormField
                control={form.control}
                name="notes"
                render={({ field }) => (
                  <FormItem className="md:col-span-2">
                    <FormLabel>Notes</FormLabel>
                    <FormControl>
                      <Textarea {...field} rows={2} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
            </CardContent>
            <CardFooter className="justify-end gap-2">
              <Button type="button" variant="outline" onClick={() => confirmLeave() && router.back()}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {orderId ? "Save changes" : "Save draft"}
              </Button>
            </CardFooter>
          </Card>
        </div>

        <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start" aria-label="Order checks">
          <Card>
            <CardHeader>
              <CardTitle asHeading="h2">Checks</CardTitle>
              <CardDescription>Run as you type: 30 kg rule, label duration, withdrawn indication, diagnoses.</CardDescription>
            </CardHeader>
            <CardContent className="space-y-3" data-testid="order-checks">
              {checks.isError ? <p className="text-sm text-destructive">Could not run the checks: {checks.error.message}</p> : null}
              {findings && findings.length === 0 ? <p className="text-sm text-muted-foreground">No findings so far.</p> : null}
              <OrderFindings findings={findings ?? []} />
              {calendar && calendar.length > 0 ? (
                <p className="text-sm" data-testid="calendar-summary">
                  {calendar.length} infusion{calendar.length === 1 ? "" : "s"} from {calendar[0]!.plannedDate} to {calendar.at(-1)!.plannedDate}.
                </p>
              ) : null}
            </CardContent>
          </Card>
        </aside>
      </form>
    </Form>
  );
}
